import type { Executor } from "../../db/client.ts";
import { batchesById } from "../../lib/figures.ts";
import type { FigureDelta } from "../figures/index.ts";
import { type ReviewSubject, reviewFactsOf, reviewFigureBatches } from "../recognition/index.ts";
import { adoptions, practices } from "./schema.ts";

export const PRACTICE_METRICS = "practices.";

export const practiceSubject = {
  type: "practice",
  table: practices,
  metricPrefix: PRACTICE_METRICS,
} satisfies ReviewSubject;

/** A model's figure facts, loaded with its field's code. */
export const practiceFacts = reviewFactsOf(practiceSubject);

/** An adoption counts in the adopting unit from the day it started. */
export const adoptionContributions = (a: { unitId: string; startedOn: string }): FigureDelta[] => [
  { unitId: a.unitId, metric: "practices.adoptions", on: a.startedOn, delta: 1 },
];

/** Every model's and adoption's contributions, a batch at a time (rebuilding the figures). */
export async function* practiceFigureBatches(db: Executor, batchSize = 5_000): AsyncGenerator<FigureDelta[]> {
  yield* reviewFigureBatches(db, practiceSubject, batchSize);
  const adopted = () =>
    db
      .select({ id: adoptions.id, unitId: adoptions.unitId, startedOn: adoptions.startedOn })
      .from(adoptions)
      .$dynamic();
  for await (const rows of batchesById(adopted, adoptions.id, batchSize))
    yield rows.flatMap(adoptionContributions);
}
