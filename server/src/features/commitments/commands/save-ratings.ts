import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { authored, recordChange } from "../../../lib/command.ts";
import { cleanMultiline } from "../../../lib/vietnamese.ts";
import { applyFigureDeltas, negate } from "../../figures/index.ts";
import { people } from "../../people/schema.ts";
import type { UnitRow } from "../../units/schema.ts";
import { ratingContributions } from "../figures.ts";
import { type RatingRow, ratingSheets, ratings } from "../schema.ts";
import { checkRows, type RatingInput, rowsInvalid, takeSheet } from "./rating-rows.ts";
import { checkOpen } from "./shared.ts";

/**
 * The cell's proposals for the whole cell in one transaction: every row checked first (any
 * problem → 422 naming the rows, nothing stored), the sheet's version guarded (409), each member's
 * rating written, figures and audit; the sheet is "proposed" once every active member has a grade.
 */
export async function saveRatings(input: {
  tx: Executor;
  ctx: Ctx;
  cell: UnitRow;
  year: number;
  version: number;
  rows: RatingInput[];
}) {
  const { tx, ctx } = input;
  await checkOpen(tx, input.cell.path, input.year);
  const active = await tx
    .select({ id: people.id, fullName: people.fullName })
    .from(people)
    .where(and(eq(people.unitId, input.cell.id), eq(people.status, "active")));
  const members = new Map(active.map((p) => [p.id, p.fullName]));
  const problems = checkRows(input.rows, members);
  if (problems.length) throw rowsInvalid(problems);
  const sheet = await takeSheet(tx, input.cell.id, input.year, input.version, ["open", "proposed"]);
  const ids = input.rows.map((r) => r.personId);
  const before = ids.length
    ? await tx
        .select()
        .from(ratings)
        .where(and(eq(ratings.year, input.year), inArray(ratings.personId, ids)))
    : [];
  const now = new Date();
  const after: RatingRow[] = [];
  for (let i = 0; i < input.rows.length; i += 500) {
    const chunk = input.rows.slice(i, i + 500);
    after.push(
      ...(await tx
        .insert(ratings)
        .values(
          chunk.map((r) => ({
            personId: r.personId,
            unitId: input.cell.id,
            year: input.year,
            proposedGrade: r.grade,
            proposedPoints: r.points ?? null,
            proposedReason: r.reason ? cleanMultiline(r.reason) : null,
            ...authored(ctx),
          })),
        )
        .onConflictDoUpdate({
          target: [ratings.personId, ratings.year],
          set: {
            unitId: input.cell.id,
            proposedGrade: sql`excluded.proposed_grade`,
            proposedPoints: sql`excluded.proposed_points`,
            proposedReason: sql`excluded.proposed_reason`,
            version: sql`${ratings.version} + 1`,
            updatedAt: now,
            updatedBy: ctx.actor?.userId ?? null,
          },
        })
        .returning()),
    );
  }
  const rated = new Set(
    (
      await tx
        .select({ personId: ratings.personId })
        .from(ratings)
        .where(and(eq(ratings.unitId, input.cell.id), eq(ratings.year, input.year)))
    ).map((r) => r.personId),
  );
  const complete = [...members.keys()].every((id) => rated.has(id));
  const [updated] = await tx
    .update(ratingSheets)
    .set({
      version: sql`${ratingSheets.version} + 1`,
      status: complete ? "proposed" : "open",
      ...(complete ? { proposedAt: now, proposedBy: ctx.actor?.userId ?? null } : {}),
    })
    .where(and(eq(ratingSheets.unitId, input.cell.id), eq(ratingSheets.year, input.year)))
    .returning();
  await applyFigureDeltas(tx, [
    ...before.flatMap((r) => negate(ratingContributions(r))),
    ...after.flatMap(ratingContributions),
  ]);
  await recordChange(
    { tx, ctx },
    "rating.propose",
    { id: input.cell.id, unitId: input.cell.id },
    { version: sheet.version, status: sheet.status },
    { version: updated?.version, status: updated?.status, rows: input.rows.length },
  );
  return updated;
}
