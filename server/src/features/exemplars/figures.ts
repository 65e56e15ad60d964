import type { Executor } from "../../db/client.ts";
import { batchesById } from "../../lib/figures.ts";
import type { FigureDelta } from "../figures/index.ts";
import { type ReviewSubject, reviewFactsOf, reviewFigureBatches } from "../recognition/index.ts";
import { type ExemplarKind, exemplars } from "./schema.ts";

export const EXEMPLAR_METRICS = "exemplars.";

export const exemplarSubject = {
  type: "exemplar",
  table: exemplars,
  metricPrefix: EXEMPLAR_METRICS,
} satisfies ReviewSubject;

/** An exemplar's figure facts, loaded with its field's code. */
export const exemplarFacts = reviewFactsOf(exemplarSubject);

/**
 * The kind of an exemplar (collective or individual) counts from the day it was registered. The
 * kind never changes after registration, so the review steps (which recompute only the review
 * contributions) leave it alone.
 */
export const kindContributions = (e: {
  unitId: string;
  kind: ExemplarKind;
  registeredOn: string;
}): FigureDelta[] => [
  { unitId: e.unitId, metric: `${EXEMPLAR_METRICS}kind:${e.kind}`, on: e.registeredOn, delta: 1 },
];

/** Every exemplar's contributions, a batch at a time (rebuilding the figures). */
export async function* exemplarFigureBatches(db: Executor, batchSize = 5_000): AsyncGenerator<FigureDelta[]> {
  yield* reviewFigureBatches(db, exemplarSubject, batchSize);
  const kinds = () =>
    db
      .select({
        id: exemplars.id,
        unitId: exemplars.unitId,
        kind: exemplars.kind,
        registeredOn: exemplars.registeredOn,
      })
      .from(exemplars)
      .$dynamic();
  for await (const rows of batchesById(kinds, exemplars.id, batchSize)) yield rows.flatMap(kindContributions);
}
