import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline } from "../../../lib/vietnamese.ts";
import { applyFigureDeltas, negate } from "../../figures/index.ts";
import { ratingContributions } from "../figures.ts";
import { isLocked } from "../queries.ts";
import { type Grade, type RatingRow, ratingCorrections, ratings } from "../schema.ts";
import { checkRows, rowsInvalid } from "./rating-rows.ts";

/** After a year is closed, a rating changes only by a correction that records before, after and why. */
export async function correctRating(input: {
  tx: Executor;
  ctx: Ctx;
  rating: RatingRow;
  cellPath: string;
  grade: Grade;
  points?: number | null | undefined;
  reason: string;
}) {
  const { tx, ctx } = input;
  if (!(await isLocked(tx, input.cellPath, input.rating.year)))
    throw new AppError("STATE_CONFLICT", {
      message: {
        vi: "Năm chưa khóa sổ: hãy sửa trên phiếu xếp loại.",
        en: "The year is not closed: edit the rating sheet.",
      },
    });
  const problems = checkRows(
    [{ personId: input.rating.personId, grade: input.grade, points: input.points, reason: input.reason }],
    new Map([[input.rating.personId, ""]]),
  );
  if (problems.length) throw rowsInvalid(problems);
  const [after] = await tx
    .update(ratings)
    .set({
      finalGrade: input.grade,
      finalPoints: input.points ?? null,
      finalReason: cleanMultiline(input.reason),
      confirmedAt: input.rating.confirmedAt ?? new Date(),
      version: sql`${ratings.version} + 1`,
    })
    .where(and(eq(ratings.id, input.rating.id), eq(ratings.version, input.rating.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT");
  const pick = (r: RatingRow) => ({
    grade: r.finalGrade ?? r.proposedGrade,
    points: r.finalPoints,
    reason: r.finalReason,
  });
  await tx.insert(ratingCorrections).values({
    ratingId: after.id,
    before: pick(input.rating),
    after: pick(after),
    reason: cleanMultiline(input.reason),
    actorId: ctx.actor?.userId ?? null,
  });
  await applyFigureDeltas(tx, [...negate(ratingContributions(input.rating)), ...ratingContributions(after)]);
  await recordChange({ tx, ctx }, "rating.correct", after, pick(input.rating), pick(after));
  return after;
}
