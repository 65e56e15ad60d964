// The figures' contract (what a module gives the figures engine, features/figures): the
// contributions its records make, the metrics it derives from the figures, and the helpers they
// are written with. Only types and pure functions: the engine and its tables are the module.
import { and, asc, gt, type SQL } from "drizzle-orm";
import type { PgColumn, PgSelect } from "drizzle-orm/pg-core";
import type { Executor } from "../db/client.ts";
import type { Message } from "./errors.ts";

/** The date a record without one of its own counts from. */
export const ALWAYS = "1900-01-01";

/** A record's contribution: `delta` to `metric` on day `on`, in the unit `unitId` (and so its subtree figures). */
export interface FigureDelta {
  unitId: string;
  metric: string;
  on: string;
  delta: number;
}

/**
 * The contributions of a module's records: the prefix of every metric it writes, the version of
 * its contribution rules, and how to read all its records' contributions. Raise the version when
 * the module changes what its records contribute (or starts contributing for records that already
 * exist): the next start rebuilds that module's figures, and only those.
 */
export interface FigureSource {
  name: string;
  metricPrefix: string;
  version: number;
  batches: (db: Executor) => AsyncGenerator<FigureDelta[]>;
}

/** Raw subtree figures at the end of the period (`at`) and at the end of the day before it (`before`). */
export interface FigureSnapshot {
  at: Map<string, number>;
  before: Map<string, number>;
  from: string;
  to: string;
}

/**
 * Names of the parts of breakdowns whose parts are codes of a vocabulary (unit kinds, campaign
 * fields): "units.kind.cell" reads "Đơn vị theo loại — Chi bộ", not "— cell".
 */
export type PartVocabulary = "unitKind" | "field" | "commendationForm" | "recipientKind";

/**
 * A metric that a module contributes to statistics, reports and dashboards. `compute` derives
 * one or more values for a subtree and a period from the raw figures: a stock (counted at the end
 * of the period) reads `at`, a flow (what happened within it) is `at − before`.
 */
export interface MetricDefinition {
  key: string;
  label: Message;
  /** Labels of the values `compute` returns under other keys (breakdowns). */
  keyLabels?: Record<string, Message>;
  /**
   * The vocabularies whose codes make the parts of a breakdown's keys, one per dot-separated
   * segment of the part (named by the modules' `partNames`): "units.kind.cell" is ["unitKind"].
   */
  parts?: readonly PartVocabulary[];
  compute: (figures: FigureSnapshot) => Record<string, number>;
}

/** A stock: the raw figure at the end of the period. */
export const stock = (raw: string) => (f: FigureSnapshot) => f.at.get(raw) ?? 0;
/** A flow: the change of the raw figure within the period. */
export const flow = (raw: string) => (f: FigureSnapshot) => (f.at.get(raw) ?? 0) - (f.before.get(raw) ?? 0);
/** Raw figures by the suffix after a prefix, e.g. "units.active.kind:" → { cell: 12, … }. */
export function byPrefix(figures: Map<string, number>, prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of figures) if (key.startsWith(prefix)) out.set(key.slice(prefix.length), value);
  return out;
}

/** The id before every UUID: where reading records in id order starts. */
const BEFORE_EVERY_ID = "00000000-0000-0000-0000-000000000000";

/**
 * Reads records in batches in the order of their id (keyset pagination), the way a module's
 * `batches` rebuild its figures: `query` is the select of one batch (without its filter on the id,
 * which is added here with `where`, the order and the limit).
 */
export async function* batchesById<Q extends PgSelect>(
  query: () => Q,
  id: PgColumn,
  batchSize: number,
  where?: SQL,
): AsyncGenerator<Awaited<Q>> {
  let after = BEFORE_EVERY_ID;
  for (;;) {
    const rows = (await query()
      .where(and(where, gt(id, after)))
      .orderBy(asc(id))
      .limit(batchSize)) as Awaited<Q>;
    if (!rows.length) return;
    yield rows;
    after = (rows.at(-1) as { id: string }).id;
  }
}
