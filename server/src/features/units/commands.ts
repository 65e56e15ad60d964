import type { Executor } from "../../db/client.ts";
import { newId } from "../../db/columns.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { units } from "./schema.ts";

/** Adds a unit under `parent` (or as the root), computing its materialised path. */
export async function createUnit(
  tx: Executor,
  ctx: Ctx,
  input: { name: string; parent: { id: string; path: string; depth: number } | null },
) {
  const id = newId();
  const path = `${input.parent?.path ?? "/"}${id}/`;
  const [row] = await tx
    .insert(units)
    .values({
      id,
      name: input.name.normalize("NFC"),
      parentId: input.parent?.id ?? null,
      path,
      depth: input.parent ? input.parent.depth + 1 : 0,
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await recordAudit(tx, ctx, {
    event: "unit.create",
    entityId: row.id,
    unitId: row.id,
    before: null,
    after: row,
  });
  return row;
}
