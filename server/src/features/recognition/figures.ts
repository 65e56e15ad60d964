import { eq } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import { batchesById } from "../../lib/figures.ts";
import type { FigureDelta } from "../figures/index.ts";
import { campaignFields } from "./schema.ts";
import {
  type ReviewFactsOf,
  type ReviewItemFacts,
  type ReviewSubject,
  reviewContributions,
  stepFacts,
  stepsOf,
} from "./workflow.ts";

type Column = PgColumn;

/** The columns of a reviewed item's table that its figures are read from (see reviewColumns). */
export interface ReviewTableColumns {
  id: Column;
  unitId: Column;
  fieldId: Column;
  registeredOn: Column;
  status: Column;
  recognisedOn: Column;
  recognisedLevel: Column;
  isPublic: Column;
  reviewUnitId: Column;
}

const factColumns = (t: ReviewTableColumns) => ({
  unitId: t.unitId,
  fieldCode: campaignFields.code,
  registeredOn: t.registeredOn,
  status: t.status,
  recognisedOn: t.recognisedOn,
  recognisedLevel: t.recognisedLevel,
});

/** Loads an item's figure facts with its field's code, in the caller's transaction. */
export function reviewFactsOf(subject: ReviewSubject & { table: ReviewTableColumns }): ReviewFactsOf {
  const t = subject.table;
  return async (db, id) => {
    const [row] = await db
      .select({ ...factColumns(t), isPublic: t.isPublic, reviewUnitId: t.reviewUnitId })
      .from(subject.table)
      .innerJoin(campaignFields, eq(campaignFields.id, t.fieldId))
      .where(eq(t.id, id));
    if (!row) throw new Error(`no ${subject.type} ${id}`);
    return row as Awaited<ReturnType<ReviewFactsOf>>;
  };
}

/** Every item's review contributions (registered, status, recognised), a batch at a time (rebuilding the figures). */
export async function* reviewFigureBatches(
  db: Executor,
  subject: ReviewSubject & { table: ReviewTableColumns },
  batchSize: number,
): AsyncGenerator<FigureDelta[]> {
  const t = subject.table;
  const query = () =>
    db
      .select({ id: t.id, ...factColumns(t) })
      .from(subject.table)
      .innerJoin(campaignFields, eq(campaignFields.id, t.fieldId))
      .$dynamic();
  for await (const rows of batchesById(query, t.id, batchSize)) {
    const items = rows as (ReviewItemFacts & { id: string })[];
    const steps = Map.groupBy(
      await stepsOf(
        db,
        subject.type,
        items.map((r) => r.id),
      ),
      (s) => s.subjectId,
    );
    yield items.flatMap((r) =>
      reviewContributions(subject.metricPrefix, r, stepFacts(steps.get(r.id) ?? [])),
    );
  }
}
