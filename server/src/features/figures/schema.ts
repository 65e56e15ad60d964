import { bigint, date, pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";

/**
 * Subtree figures, folded up the tree by the writing transaction. A row holds, for one unit's
 * whole subtree, the net change of one metric over one bucket: a year ('y'), a month ('m') or a
 * day ('d'). A figure at date D is the sum of the years before D's year, the months of D's year
 * before D's month and the days of D's month up to D: at most ~120 buckets a shard, whatever the
 * subtree's size. Writers spread over `shard`s, so the national root has no single hot row.
 */
export const subtreeFigures = pgTable(
  "subtree_figures",
  {
    unitId: uuid("unit_id").notNull(),
    metric: text("metric").notNull(),
    grain: text("grain", { enum: ["y", "m", "d"] }).notNull(),
    periodStart: date("period_start").notNull(),
    shard: smallint("shard").notNull(),
    value: bigint("value", { mode: "number" }).notNull(),
  },
  // Key order: a read is three range scans, (unit, 'y', < year), (unit, 'm', this year), (unit, 'd', this month).
  (t) => [primaryKey({ columns: [t.unitId, t.grain, t.periodStart, t.metric, t.shard] })],
);
