import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { recordChange } from "../../../lib/command.ts";
import { cleanMultiline } from "../../../lib/vietnamese.ts";
import { applyFigureDeltas, negate } from "../../figures/index.ts";
import type { UnitRow } from "../../units/schema.ts";
import { ratingContributions } from "../figures.ts";
import { type RatingRow, ratingSheets, ratings } from "../schema.ts";
import { checkRows, type RatingInput, rowsInvalid, takeSheet } from "./rating-rows.ts";
import { checkOpen } from "./shared.ts";

/**
 * The grassroots committee above confirms the cell's proposals, changing some (each change with
 * a reason): final grades for every rated member, the sheet "confirmed".
 */
export async function confirmRatings(input: {
  tx: Executor;
  ctx: Ctx;
  cell: UnitRow;
  year: number;
  version: number;
  changes: RatingInput[];
}) {
  const { tx, ctx } = input;
  await checkOpen(tx, input.cell.path, input.year);
  const rows = await tx
    .select()
    .from(ratings)
    .where(and(eq(ratings.unitId, input.cell.id), eq(ratings.year, input.year)));
  const members = new Map(rows.map((r) => [r.personId, r.personId]));
  const problems = checkRows(input.changes, members);
  input.changes.forEach((c, i) => {
    if (!c.reason?.trim())
      problems.push({
        row: i + 1,
        personId: c.personId,
        field: "reason",
        message: "Cần ghi lý do khi thay đổi xếp loại",
      });
  });
  if (problems.length) throw rowsInvalid(problems);
  await takeSheet(tx, input.cell.id, input.year, input.version, ["proposed"]);
  const changes = new Map(input.changes.map((c) => [c.personId, c]));
  const now = new Date();
  const after: RatingRow[] = [];
  for (const r of rows) {
    const change = changes.get(r.personId);
    const [updated] = await tx
      .update(ratings)
      .set({
        finalGrade: change?.grade ?? r.proposedGrade,
        finalPoints: change ? (change.points ?? null) : r.proposedPoints,
        finalReason: change ? cleanMultiline(change.reason ?? "") : r.proposedReason,
        confirmedAt: now,
        version: sql`${ratings.version} + 1`,
        updatedAt: r.updatedAt, // the proposal keeps its day
      })
      .where(eq(ratings.id, r.id))
      .returning();
    if (updated) after.push(updated);
  }
  const [sheet] = await tx
    .update(ratingSheets)
    .set({
      status: "confirmed",
      confirmedAt: now,
      confirmedBy: ctx.actor?.userId ?? null,
      version: sql`${ratingSheets.version} + 1`,
    })
    .where(and(eq(ratingSheets.unitId, input.cell.id), eq(ratingSheets.year, input.year)))
    .returning();
  await applyFigureDeltas(tx, [
    ...rows.flatMap((r) => negate(ratingContributions(r))),
    ...after.flatMap(ratingContributions),
  ]);
  await recordChange({ tx, ctx }, "rating.confirm", { id: input.cell.id, unitId: input.cell.id }, null, {
    year: input.year,
    confirmed: after.length,
    changed: input.changes.length,
  });
  return sheet;
}
