import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { recordChange } from "../../../lib/command.ts";
import type { UnitRow } from "../../units/schema.ts";
import { yearClosures } from "../schema.ts";
import { yearClosed } from "./shared.ts";

/** Closes a year for a unit's subtree: its commitments and ratings then change only by a recorded correction. */
export async function closeYear(input: { tx: Executor; ctx: Ctx; unit: UnitRow; year: number }) {
  const { tx, ctx } = input;
  const [row] = await tx
    .insert(yearClosures)
    .values({ unitId: input.unit.id, year: input.year, closedBy: ctx.actor?.userId ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) throw yearClosed();
  await recordChange({ tx, ctx }, "year.close", { id: input.unit.id, unitId: input.unit.id }, null, {
    year: input.year,
  });
  return row;
}
