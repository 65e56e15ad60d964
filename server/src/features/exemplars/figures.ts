import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { batchesById } from "../../lib/figures.ts";
import type { FigureDelta } from "../figures/index.ts";
import { type ReviewItemFacts, reviewContributions, stepFacts, stepsOf } from "../recognition/index.ts";
import { campaignFields } from "../recognition/schema.ts";
import { type ExemplarKind, exemplars } from "./schema.ts";

export const EXEMPLAR_METRICS = "exemplars.";

/** An exemplar's figure facts, loaded with its field's code. */
export async function exemplarFacts(db: Executor, id: string) {
  const [row] = await db
    .select({
      unitId: exemplars.unitId,
      fieldCode: campaignFields.code,
      registeredOn: exemplars.registeredOn,
      status: exemplars.status,
      recognisedOn: exemplars.recognisedOn,
      recognisedLevel: exemplars.recognisedLevel,
      isPublic: exemplars.isPublic,
      reviewUnitId: exemplars.reviewUnitId,
    })
    .from(exemplars)
    .innerJoin(campaignFields, eq(campaignFields.id, exemplars.fieldId))
    .where(eq(exemplars.id, id));
  if (!row) throw new Error(`no exemplar ${id}`);
  return row;
}

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
  const query = () =>
    db
      .select({
        id: exemplars.id,
        kind: exemplars.kind,
        unitId: exemplars.unitId,
        fieldCode: campaignFields.code,
        registeredOn: exemplars.registeredOn,
        status: exemplars.status,
        recognisedOn: exemplars.recognisedOn,
        recognisedLevel: exemplars.recognisedLevel,
      })
      .from(exemplars)
      .innerJoin(campaignFields, eq(campaignFields.id, exemplars.fieldId))
      .$dynamic();
  for await (const rows of batchesById(query, exemplars.id, batchSize)) {
    const steps = Map.groupBy(
      await stepsOf(
        db,
        "exemplar",
        rows.map((r) => r.id),
      ),
      (s) => s.subjectId,
    );
    yield rows.flatMap((r: ReviewItemFacts & { id: string; kind: ExemplarKind }) => [
      ...reviewContributions(EXEMPLAR_METRICS, r, stepFacts(steps.get(r.id) ?? [])),
      ...kindContributions(r),
    ]);
  }
}
