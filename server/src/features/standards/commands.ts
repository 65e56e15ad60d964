import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Actor, Ctx } from "../../lib/auth/actor.ts";
import { authored, edited } from "../../lib/command.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError, ruleViolation } from "../../lib/errors.ts";
import { cleanText } from "../../lib/vietnamese.ts";
import type { UnitRow } from "../units/schema.ts";
import { type StandardRow, standardConfirmations, standards, standardVersions } from "./schema.ts";

interface Content {
  title: string;
  items: string[];
  effectiveOn?: string | undefined;
  note: string;
}

const clean = (c: Content) => ({
  title: cleanText(c.title),
  items: c.items.map(cleanText).filter(Boolean),
  effectiveOn: c.effectiveOn ?? vnToday(),
  note: cleanText(c.note),
});

/** Sets up a unit's standards (one list per unit): the list and its first version. */
export async function createStandard(tx: Executor, ctx: Ctx, input: Content & { unit: UnitRow }) {
  const [row] = await tx
    .insert(standards)
    .values({
      unitId: input.unit.id,
      currentNumber: 1,
      ...authored(ctx),
    })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw ruleViolation("body.unitId", "taken", {
      vi: "Đơn vị đã có bộ chuẩn mực đạo đức: hãy sửa thành phiên bản mới.",
      en: "The unit already has its standards: revise them as a new version.",
    });
  await storeVersion(tx, ctx, { standard: row, number: 1, content: input, event: "standard.create" });
  return row;
}

/** Stores version `number` of a unit's standards, with the audit event of the list. */
async function storeVersion(
  tx: Executor,
  ctx: Ctx,
  input: {
    standard: StandardRow;
    number: number;
    content: Content;
    event: "standard.create" | "standard.revise";
  },
) {
  const [stored] = await tx
    .insert(standardVersions)
    .values({
      standardId: input.standard.id,
      number: input.number,
      ...clean(input.content),
      createdBy: ctx.actor?.userId ?? null,
    })
    .returning();
  await recordAudit(tx, ctx, {
    event: input.event,
    entityId: input.standard.id,
    unitId: input.standard.unitId,
    after: { ...stored },
  });
}

/**
 * Revises a unit's standards: a new version supersedes the one in force (which stays in the
 * history). The version read must still be current: two editors at once, one gets 409.
 */
export async function reviseStandard(
  tx: Executor,
  ctx: Ctx,
  current: StandardRow,
  input: Content & { version: number },
) {
  const [head] = await tx
    .update(standards)
    .set({
      currentNumber: sql`${standards.currentNumber} + 1`,
      ...edited(ctx, standards.version),
    })
    .where(and(eq(standards.id, current.id), eq(standards.version, input.version)))
    .returning();
  if (!head) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await storeVersion(tx, ctx, {
    standard: current,
    number: head.currentNumber,
    content: input,
    event: "standard.revise",
  });
  return head;
}

/**
 * "Tôi đã đọc": the actor confirms reading the version in force, as of the list's `version` it
 * read (409 when revised since). Once per version: a second call answers the first time.
 */
export async function confirmStandard(
  tx: Executor,
  ctx: Ctx,
  actor: Actor,
  current: StandardRow & { versionId: string },
  version: number,
) {
  // Revised meanwhile (the reader read an older version): the share lock keeps it from moving now.
  const [locked] = await tx
    .select({ version: standards.version })
    .from(standards)
    .where(eq(standards.id, current.id))
    .for("share");
  if (!locked || locked.version !== version || version !== current.version)
    throw new AppError("VERSION_CONFLICT", {
      message: {
        vi: "Chuẩn mực vừa được sửa thành phiên bản mới. Hãy đọc lại rồi xác nhận.",
        en: "The standards have just been revised. Read them again, then confirm.",
      },
      details: { currentVersion: locked?.version ?? current.version },
    });
  const [row] = await tx
    .insert(standardConfirmations)
    .values({
      versionId: current.versionId,
      userId: actor.userId,
      personId: actor.personId,
      unitId: actor.unitId,
    })
    .onConflictDoNothing()
    .returning();
  if (row) {
    await recordAudit(tx, ctx, {
      event: "standard.confirm",
      entityId: current.id,
      unitId: actor.unitId,
      after: { number: current.currentNumber, confirmedAt: row.confirmedAt },
    });
    return row.confirmedAt;
  }
  const [first] = await tx
    .select({ confirmedAt: standardConfirmations.confirmedAt })
    .from(standardConfirmations)
    .where(
      and(
        eq(standardConfirmations.versionId, current.versionId),
        eq(standardConfirmations.userId, actor.userId),
      ),
    );
  return first?.confirmedAt ?? new Date();
}
