import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { unitKinds } from "../../units/schema.ts";
import { type CommendationFormRow, commendationForms, type RecipientKind } from "../schema.ts";

/** Unit kind codes must name configured kinds. */
async function checkKinds(tx: Executor, codes: string[]) {
  const known = new Set((await tx.select({ code: unitKinds.code }).from(unitKinds)).map((k) => k.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: `Loại đơn vị không có trong danh mục: ${unknown.join(", ")}.`,
        en: `Unknown unit kinds: ${unknown.join(", ")}.`,
      },
      details: unknown.map((c) => ({ path: "body.issuerKinds", message: c })),
    });
  return [...new Set(codes)];
}

/**
 * Adds a form to the catalogue of a unit's subtree (the national catalogue when `unitId` is null),
 * or redefines there a form of the same code (who issues it, its rank, whether it is in use).
 */
export async function createForm(
  tx: Executor,
  ctx: Ctx,
  input: {
    unitId: string | null;
    code: string;
    name: string;
    nameEn: string;
    rank: number;
    issuerKinds: string[];
    recipientKinds: RecipientKind[];
    active: boolean;
  },
) {
  const issuerKinds = await checkKinds(tx, input.issuerKinds);
  const [row] = await tx
    .insert(commendationForms)
    .values({
      unitId: input.unitId,
      code: input.code,
      name: cleanText(input.name),
      nameEn: cleanText(input.nameEn),
      rank: input.rank,
      issuerKinds,
      recipientKinds: [...new Set(input.recipientKinds)],
      active: input.active,
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Đơn vị đã có hình thức khen thưởng với mã này: hãy sửa hình thức đó.",
        en: "This unit already defines a form with this code: edit it instead.",
      },
      details: [{ path: "body.code", message: "taken" }],
    });
  await recordAudit(tx, ctx, {
    event: "commendation_form.create",
    entityId: row.id,
    unitId: row.unitId,
    before: null,
    after: row,
  });
  return row;
}

/** Edits a form's definition; the version read must be current. */
export async function updateForm(
  tx: Executor,
  ctx: Ctx,
  current: CommendationFormRow,
  input: {
    version: number;
    name?: string | undefined;
    nameEn?: string | undefined;
    rank?: number | undefined;
    issuerKinds?: string[] | undefined;
    recipientKinds?: RecipientKind[] | undefined;
    active?: boolean | undefined;
  },
) {
  const issuerKinds = input.issuerKinds ? await checkKinds(tx, input.issuerKinds) : undefined;
  const [after] = await tx
    .update(commendationForms)
    .set({
      ...(input.name !== undefined ? { name: cleanText(input.name) } : {}),
      ...(input.nameEn !== undefined ? { nameEn: cleanText(input.nameEn) } : {}),
      ...(input.rank !== undefined ? { rank: input.rank } : {}),
      ...(issuerKinds ? { issuerKinds } : {}),
      ...(input.recipientKinds ? { recipientKinds: [...new Set(input.recipientKinds)] } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      version: sql`${commendationForms.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(commendationForms.id, current.id), eq(commendationForms.version, input.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await recordAudit(tx, ctx, {
    event: "commendation_form.update",
    entityId: current.id,
    unitId: current.unitId,
    before: current,
    after,
  });
  return after;
}
