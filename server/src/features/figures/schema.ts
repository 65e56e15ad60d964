import { bigint, date, integer, pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";

/**
 * A unit's own figures: the net change of one metric on one day from the records that belong to
 * the unit itself (not its subtree). The ground truth of every figure: small subtrees are read
 * from it directly, and the folded rows below are derived from it (and rebuilt from it after a
 * reorganisation). Rows for today are spread over `shard`s (a busy unit has no hot row).
 */
export const unitFigures = pgTable(
  "unit_figures",
  {
    unitId: uuid("unit_id").notNull(),
    day: date("day").notNull(),
    metric: text("metric").notNull(),
    shard: smallint("shard").notNull(),
    value: bigint("value", { mode: "number" }).notNull(),
  },
  // A read is a range scan per unit of the subtree: (unit, day ≤ D).
  (t) => [primaryKey({ columns: [t.unitId, t.day, t.metric, t.shard] })],
);

/**
 * Subtree figures of the upper levels (the root, the provinces, the communes), folded up the tree
 * by the writing transaction: for one unit's whole subtree, the net change of one metric over a
 * year ('y'), a month ('m') or a day ('d'), and everything before a fixed day ('c', the carried bucket:
 * one row per metric for all the history before it). Which grains a unit keeps depends on its depth
 * (`FOLD_GRAINS` in figures.ts): the shallow levels keep all three, so a figure is at most ~120
 * buckets whatever the subtree's size; deeper units read their own figures instead. Rows of the
 * current buckets are spread over `shard`s, so the national root has no single hot row.
 */
export const subtreeFigures = pgTable(
  "subtree_figures",
  {
    unitId: uuid("unit_id").notNull(),
    metric: text("metric").notNull(),
    grain: text("grain", { enum: ["c", "y", "m", "d"] }).notNull(),
    periodStart: date("period_start").notNull(),
    shard: smallint("shard").notNull(),
    value: bigint("value", { mode: "number" }).notNull(),
  },
  // Key order: a read is three range scans, (unit, 'y', < year), (unit, 'm', this year), (unit, 'd', this month).
  (t) => [primaryKey({ columns: [t.unitId, t.grain, t.periodStart, t.metric, t.shard] })],
);

/** Which version of each source's contribution rules the stored figures follow (figures/rebuild.ts). */
export const figureSourceVersions = pgTable("figure_source_versions", {
  source: text("source").primaryKey(),
  version: integer("version").notNull(),
});
