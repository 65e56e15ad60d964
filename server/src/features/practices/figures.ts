import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { batchesById } from "../../lib/figures.ts";
import type { FigureDelta } from "../figures/index.ts";
import { type ReviewItemFacts, reviewContributions, stepFacts, stepsOf } from "../recognition/index.ts";
import { campaignFields } from "../recognition/schema.ts";
import { adoptions, practices } from "./schema.ts";

export const PRACTICE_METRICS = "practices.";

/** A model's figure facts, loaded with its field's code. */
export async function practiceFacts(db: Executor, id: string) {
  const [row] = await db
    .select({
      unitId: practices.unitId,
      fieldCode: campaignFields.code,
      registeredOn: practices.registeredOn,
      status: practices.status,
      recognisedOn: practices.recognisedOn,
      recognisedLevel: practices.recognisedLevel,
      isPublic: practices.isPublic,
      reviewUnitId: practices.reviewUnitId,
    })
    .from(practices)
    .innerJoin(campaignFields, eq(campaignFields.id, practices.fieldId))
    .where(eq(practices.id, id));
  if (!row) throw new Error(`no practice ${id}`);
  return row;
}

/** An adoption counts in the adopting unit from the day it started. */
export const adoptionContributions = (a: { unitId: string; startedOn: string }): FigureDelta[] => [
  { unitId: a.unitId, metric: "practices.adoptions", on: a.startedOn, delta: 1 },
];

/** Every model's and adoption's contributions, a batch at a time (rebuilding the figures). */
export async function* practiceFigureBatches(db: Executor, batchSize = 5_000): AsyncGenerator<FigureDelta[]> {
  const models = () =>
    db
      .select({
        id: practices.id,
        unitId: practices.unitId,
        fieldCode: campaignFields.code,
        registeredOn: practices.registeredOn,
        status: practices.status,
        recognisedOn: practices.recognisedOn,
        recognisedLevel: practices.recognisedLevel,
      })
      .from(practices)
      .innerJoin(campaignFields, eq(campaignFields.id, practices.fieldId))
      .$dynamic();
  for await (const rows of batchesById(models, practices.id, batchSize)) {
    const steps = Map.groupBy(
      await stepsOf(
        db,
        "practice",
        rows.map((r) => r.id),
      ),
      (s) => s.subjectId,
    );
    yield rows.flatMap((r: ReviewItemFacts & { id: string }) =>
      reviewContributions(PRACTICE_METRICS, r, stepFacts(steps.get(r.id) ?? [])),
    );
  }
  const adopted = () =>
    db
      .select({ id: adoptions.id, unitId: adoptions.unitId, startedOn: adoptions.startedOn })
      .from(adoptions)
      .$dynamic();
  for await (const rows of batchesById(adopted, adoptions.id, batchSize))
    yield rows.flatMap(adoptionContributions);
}
