import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { changesNothing } from "../../lib/edits.ts";
import { AppError } from "../../lib/errors.ts";
import { cleanText } from "../../lib/vietnamese.ts";
import { recognisedAmong } from "./queries.ts";
import { type BookletRow, bookletItems, booklets } from "./schema.ts";

/** Only recognised models go into a booklet: 422 naming each other one by its place in the list. */
async function checkModels(tx: Executor, practiceIds: string[]) {
  const ok = await recognisedAmong(tx, practiceIds);
  const bad = practiceIds.flatMap((id, index) =>
    ok.has(id) ? [] : [{ path: `body.practiceIds.${index}`, message: "not_recognised" }],
  );
  if (bad.length)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Tập chỉ gồm các mô hình đã được công nhận. Hãy bỏ các mô hình chưa được công nhận hoặc không tìm thấy.",
        en: "A booklet holds recognised models only. Remove the models that are not recognised or not found.",
      },
      details: bad,
    });
}

async function writeItems(tx: Executor, bookletId: string, practiceIds: string[]) {
  await tx.delete(bookletItems).where(eq(bookletItems.bookletId, bookletId));
  await tx
    .insert(bookletItems)
    .values(practiceIds.map((practiceId, position) => ({ bookletId, practiceId, position })));
}

/** Compiles a booklet of the caller's unit from recognised models, in the order given. */
export async function createBooklet(
  tx: Executor,
  ctx: Ctx,
  input: { unitId: string; title: string; subtitle: string; practiceIds: string[] },
): Promise<BookletRow> {
  await checkModels(tx, input.practiceIds);
  const [row] = await tx
    .insert(booklets)
    .values({
      unitId: input.unitId,
      title: cleanText(input.title),
      subtitle: cleanText(input.subtitle),
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
    })
    .returning();
  if (!row) throw new Error("no booklet row");
  await writeItems(tx, row.id, input.practiceIds);
  await recordAudit(tx, ctx, {
    event: "booklet.create",
    entityId: row.id,
    unitId: row.unitId,
    before: null,
    after: { title: row.title, subtitle: row.subtitle, practiceIds: input.practiceIds },
  });
  return row;
}

/** Edits the title, the subtitle or the list of models (reordered, added, removed); 409 on a stale version. */
export async function updateBooklet(
  tx: Executor,
  ctx: Ctx,
  current: BookletRow & { practiceIds: string[] },
  input: {
    version: number;
    title?: string | undefined;
    subtitle?: string | undefined;
    practiceIds?: string[] | undefined;
  },
): Promise<BookletRow> {
  if (changesNothing(input, current)) return current;
  const fields = {
    ...(input.title !== undefined ? { title: cleanText(input.title) } : {}),
    ...(input.subtitle !== undefined ? { subtitle: cleanText(input.subtitle) } : {}),
  };
  const [row] = await tx
    .update(booklets)
    .set({
      ...fields,
      version: sql`${booklets.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(booklets.id, current.id), eq(booklets.version, input.version)))
    .returning();
  if (!row) throw new AppError("VERSION_CONFLICT");
  if (input.practiceIds) {
    await checkModels(tx, input.practiceIds);
    await writeItems(tx, row.id, input.practiceIds);
  }
  await recordAudit(tx, ctx, {
    event: "booklet.update",
    entityId: row.id,
    unitId: row.unitId,
    before: { title: current.title, subtitle: current.subtitle, practiceIds: current.practiceIds },
    after: {
      title: row.title,
      subtitle: row.subtitle,
      practiceIds: input.practiceIds ?? current.practiceIds,
    },
  });
  return row;
}
