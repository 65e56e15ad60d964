import type { Executor } from "../../db/client.ts";
import { vnToday } from "../../lib/dates.ts";
import { batchesById } from "../../lib/figures.ts";
import type { FigureDelta } from "../figures/index.ts";
import { commitments, type Grade, ratings } from "./schema.ts";

const dayOf = (at: Date | null) => (at ? vnToday(at.getTime()) : null);

/**
 * What a commitment contributes, in the cell it was written in: submitted (from the day it was
 * submitted) and assessed at the year's end (from the day of the member's year-end assessment or
 * the secretary's review, whichever came first). Keys carry the commitment's year.
 */
export function commitmentContributions(c: {
  unitId: string;
  year: number;
  status: string;
  submittedAt: Date | null;
  yearEndAt: Date | null;
  reviewedAt: Date | null;
}): FigureDelta[] {
  const out: FigureDelta[] = [];
  const submitted = dayOf(c.submittedAt);
  if (c.status !== "draft" && submitted)
    out.push({ unitId: c.unitId, metric: `commitments.submitted:${c.year}`, on: submitted, delta: 1 });
  const assessed = [dayOf(c.yearEndAt), dayOf(c.reviewedAt)].filter((d): d is string => !!d).sort()[0];
  if (c.status !== "draft" && assessed)
    out.push({ unitId: c.unitId, metric: `commitments.assessed:${c.year}`, on: assessed, delta: 1 });
  return out;
}

/** A rating: the cell's proposal from the day it was last set, the final grade from its confirmation. */
export function ratingContributions(r: {
  unitId: string;
  year: number;
  proposedGrade: Grade;
  finalGrade: Grade | null;
  updatedAt: Date;
  confirmedAt: Date | null;
}): FigureDelta[] {
  const out: FigureDelta[] = [
    {
      unitId: r.unitId,
      metric: `commitments.proposed:${r.year}:${r.proposedGrade}`,
      on: dayOf(r.updatedAt) as string,
      delta: 1,
    },
  ];
  const confirmed = dayOf(r.confirmedAt);
  if (r.finalGrade && confirmed)
    out.push({
      unitId: r.unitId,
      metric: `commitments.final:${r.year}:${r.finalGrade}`,
      on: confirmed,
      delta: 1,
    });
  return out;
}

/** Every commitment's and rating's contributions, a batch at a time (rebuilding the figures). */
export async function* commitmentFigureBatches(
  db: Executor,
  batchSize = 20_000,
): AsyncGenerator<FigureDelta[]> {
  const allCommitments = () => db.select().from(commitments).$dynamic();
  for await (const rows of batchesById(allCommitments, commitments.id, batchSize))
    yield rows.flatMap(commitmentContributions);
  const allRatings = () => db.select().from(ratings).$dynamic();
  for await (const rows of batchesById(allRatings, ratings.id, batchSize))
    yield rows.flatMap(ratingContributions);
}
