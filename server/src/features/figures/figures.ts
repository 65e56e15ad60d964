import { randomInt } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { units } from "../units/schema.ts";
import { subtreeFigures } from "./schema.ts";

/** Writers spread their rows over this many shards (one chosen per write), so no row is hot. */
export const FIGURE_SHARDS = 8;
/** The date a record without one of its own counts from. */
export const ALWAYS = "1900-01-01";

/** A record's contribution: `delta` to `metric` on day `on`, in the unit `unitId` and every ancestor. */
export interface FigureDelta {
  unitId: string;
  metric: string;
  on: string;
  delta: number;
}

/** The unit ids on a materialised path, root first. */
export const pathIds = (path: string) => path.split("/").filter(Boolean);

function buckets(on: string): [grain: "y" | "m" | "d", start: string][] {
  return [
    ["y", `${on.slice(0, 4)}-01-01`],
    ["m", `${on.slice(0, 7)}-01`],
    ["d", on.slice(0, 10)],
  ];
}

/** Sums deltas by key and drops those that cancel out. */
export function netDeltas(deltas: FigureDelta[]): FigureDelta[] {
  const sums = new Map<string, FigureDelta>();
  for (const d of deltas) {
    const key = `${d.unitId}|${d.metric}|${d.on}`;
    const found = sums.get(key);
    if (found) found.delta += d.delta;
    else sums.set(key, { ...d });
  }
  return [...sums.values()].filter((d) => d.delta !== 0);
}

/** Upserts rows (unit, metric, grain, start) += value, in key order (a fixed lock order). */
async function upsert(tx: Executor, rows: Map<string, number>, shard: number) {
  const keys = [...rows.keys()].filter((k) => rows.get(k) !== 0).sort();
  for (let i = 0; i < keys.length; i += 5000) {
    const chunk = keys.slice(i, i + 5000).map((k) => k.split("|"));
    const values = keys.slice(i, i + 5000).map((k) => rows.get(k) ?? 0);
    await tx.execute(sql`
      insert into ${subtreeFigures} (unit_id, metric, grain, period_start, shard, value)
      select u, m, g, p, ${shard}::smallint, v
      from unnest(${sql.param(chunk.map((c) => c[0]))}::uuid[], ${sql.param(chunk.map((c) => c[1]))}::text[],
                  ${sql.param(chunk.map((c) => c[2]))}::text[], ${sql.param(chunk.map((c) => c[3]))}::date[],
                  ${sql.param(values)}::bigint[]) as t(u, m, g, p, v)
      on conflict (unit_id, grain, period_start, metric, shard)
      do update set value = ${subtreeFigures}.value + excluded.value`);
  }
}

/** Folds record contributions into the subtree figures of their unit and every ancestor. */
export async function applyFigureDeltas(tx: Executor, deltas: FigureDelta[]): Promise<void> {
  const net = netDeltas(deltas);
  if (!net.length) return;
  const unitIds = [...new Set(net.map((d) => d.unitId))];
  const paths = new Map<string, string[]>();
  for (let i = 0; i < unitIds.length; i += 5000) {
    const rows = await tx
      .select({ id: units.id, path: units.path })
      .from(units)
      .where(inArray(units.id, unitIds.slice(i, i + 5000)));
    for (const r of rows) paths.set(r.id, pathIds(r.path));
  }
  const rows = new Map<string, number>();
  for (const d of net) {
    const ancestors = paths.get(d.unitId);
    if (!ancestors) throw new Error(`unknown unit ${d.unitId}`);
    for (const unit of ancestors) {
      for (const [grain, start] of buckets(d.on)) {
        const key = `${unit}|${d.metric}|${grain}|${start}`;
        rows.set(key, (rows.get(key) ?? 0) + d.delta);
      }
    }
  }
  await upsert(tx, rows, randomInt(FIGURE_SHARDS));
}

/**
 * A subtree moved from under `from` ancestors to under `to` ancestors: its whole figures (every
 * bucket) leave the old ancestors and join the new ones, so every period is computed on the tree
 * as it is now. Common ancestors are untouched.
 */
export async function moveSubtreeFigures(tx: Executor, subtreeRootId: string, from: string[], to: string[]) {
  const leaving = from.filter((id) => !to.includes(id));
  const joining = to.filter((id) => !from.includes(id));
  const ids = [...leaving, ...joining];
  if (!ids.length) return;
  const signs = [...leaving.map(() => -1), ...joining.map(() => 1)];
  await tx.execute(sql`
    insert into ${subtreeFigures} (unit_id, metric, grain, period_start, shard, value)
    select a.id, f.metric, f.grain, f.period_start, f.shard, sum(f.value * a.sign)
    from ${subtreeFigures} f, unnest(${sql.param(ids)}::uuid[], ${sql.param(signs)}::int[]) as a(id, sign)
    where f.unit_id = ${subtreeRootId}
    group by a.id, f.metric, f.grain, f.period_start, f.shard
    order by a.id, f.metric, f.grain, f.period_start, f.shard
    on conflict (unit_id, grain, period_start, metric, shard)
    do update set value = ${subtreeFigures}.value + excluded.value`);
}

export const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Every raw figure of a unit's subtree at the end of day `at`: the years before `at`'s year, the
 * months of that year before `at`'s month, the days of that month up to `at` — three index range
 * scans of the key (unit, grain, period, metric, shard).
 */
export async function figuresAt(db: Executor, unitId: string, at: string): Promise<Map<string, number>> {
  const year = `${at.slice(0, 4)}-01-01`;
  const month = `${at.slice(0, 7)}-01`;
  const result = (await db.execute(sql`
    select metric, sum(value)::bigint as value from ${subtreeFigures}
    where unit_id = ${unitId} and (
      (grain = 'y' and period_start < ${year}::date)
      or (grain = 'm' and period_start >= ${year}::date and period_start < ${month}::date)
      or (grain = 'd' and period_start >= ${month}::date and period_start <= ${at}::date))
    group by metric`)) as unknown as { rows: { metric: string; value: string | number }[] };
  return new Map(result.rows.map((r) => [r.metric, Number(r.value)]));
}
