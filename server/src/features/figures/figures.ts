import { randomInt } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { type Executor, preparedRows } from "../../db/client.ts";
import { dayAfter, monthStart, vnToday, yearStart } from "../../lib/dates.ts";
import { ALWAYS, type FigureDelta } from "../../lib/figures.ts";
import { units } from "../units/schema.ts";
import { subtreeFigures, unitFigures } from "./schema.ts";

/** Rows of the current buckets are spread over this many shards (one chosen per write): no hot row. */
export const FIGURE_SHARDS = 8;
export { ALWAYS, type FigureDelta };

/**
 * The grains of folded subtree figures: a year ('y'), a month ('m'), a day ('d'), and the carried
 * bucket ('c'): one bucket per metric holding everything dated before `CARRIED_BEFORE`, so that a
 * figure of these years reads one row per metric for all the history before them instead of one
 * per year since the first record (members joined from 1976 on: ~50 year rows per metric).
 */
export type Grain = "c" | "y" | "m" | "d";
/**
 * The start of the carried bucket (a year's start). Month and day buckets are kept from it on
 * only: older history is folded by year (every year end, all a trend reads), and a day inside an
 * older year reads its level's own rows for the part of that year. Moving it is a change of
 * `FOLD_LAYOUT`: the next start rebuilds the folded rows.
 */
export const CARRIED_BEFORE = "2025-01-01";
/**
 * The grains of folded subtree figures kept at each depth (index = depth: the root, the
 * provinces, the communes). A commune keeps day buckets too: without them its "year so far" read
 * the own rows of every unit of its subtree for each day of the current month, so a province's
 * dashboard (its ~100 communes) cost 6× more on the 20th of a month than on its last day
 * (BENCHMARKS.md, issue 13). A unit deeper than this list keeps no folded rows: its subtree is a
 * grassroots organisation's, small enough to read from its units' own figures.
 */
export const FOLD_GRAINS: readonly (readonly Grain[])[] = [
  ["c", "y", "m", "d"],
  ["c", "y", "m", "d"],
  ["c", "y", "m", "d"],
];
/** The version of the folded rows' layout (FOLD_GRAINS, CARRIED_BEFORE): a start with another rebuilds them. */
export const FOLD_LAYOUT = 3;
export const foldGrains = (depth: number): readonly Grain[] => FOLD_GRAINS[depth] ?? [];

/** The unit ids on a materialised path, root first (the index is the depth). */
export const pathIds = (path: string) => path.split("/").filter(Boolean);

/** The start of the bucket of `grain` that holds `day`; null when none does (days the carried bucket does not carry). */
export const bucketStart = (grain: Grain, day: string): string | null => {
  if (grain === "y") return yearStart(day);
  if (grain === "c") return day < CARRIED_BEFORE ? CARRIED_BEFORE : null;
  if (day < CARRIED_BEFORE) return null;
  return grain === "m" ? monthStart(day) : day;
};
const bucketHolds = (grain: Grain, start: string, day: string) => bucketStart(grain, day) === start;

/** The opposite contributions (a record's old state leaving the figures). */
export const negate = (deltas: FigureDelta[]) => deltas.map((d) => ({ ...d, delta: -d.delta }));

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

type Rows = Map<string, number>;
const add = (rows: Rows, key: string, value: number) => rows.set(key, (rows.get(key) ?? 0) + value);
/** Keys in a fixed order (the tables' key order), so that concurrent writers lock rows alike and never deadlock. */
const sortedKeys = (rows: Rows) =>
  [...rows.keys()]
    .filter((k) => rows.get(k) !== 0)
    .sort()
    .map((k) => ({ parts: k.split("|"), value: rows.get(k) ?? 0 }));
const column = (chunk: { parts: string[] }[], i: number) => sql.param(chunk.map((c) => c.parts[i]));

/** Own rows keyed "unit|day|metric|shard". */
async function upsertOwn(tx: Executor, rows: Rows) {
  const keys = sortedKeys(rows);
  for (let i = 0; i < keys.length; i += 5000) {
    const chunk = keys.slice(i, i + 5000);
    await tx.execute(sql`
      insert into ${unitFigures} (unit_id, day, metric, shard, value)
      select u, d, m, s, v
      from unnest(${column(chunk, 0)}::uuid[], ${column(chunk, 1)}::date[], ${column(chunk, 2)}::text[],
                  ${column(chunk, 3)}::smallint[], ${sql.param(chunk.map((c) => c.value))}::bigint[]) as t(u, d, m, s, v)
      on conflict (unit_id, day, metric, shard) do update set value = ${unitFigures}.value + excluded.value`);
  }
}

/** Folded rows keyed "unit|grain|start|metric|shard". */
async function upsertFolded(tx: Executor, rows: Rows) {
  const keys = sortedKeys(rows);
  for (let i = 0; i < keys.length; i += 5000) {
    const chunk = keys.slice(i, i + 5000);
    await tx.execute(sql`
      insert into ${subtreeFigures} (unit_id, grain, period_start, metric, shard, value)
      select u, g, p, m, s, v
      from unnest(${column(chunk, 0)}::uuid[], ${column(chunk, 1)}::text[], ${column(chunk, 2)}::date[],
                  ${column(chunk, 3)}::text[], ${column(chunk, 4)}::smallint[], ${sql.param(chunk.map((c) => c.value))}::bigint[])
           as t(u, g, p, m, s, v)
      on conflict (unit_id, grain, period_start, metric, shard)
      do update set value = ${subtreeFigures}.value + excluded.value`);
  }
}

/**
 * Applies record contributions in the writing transaction: to the unit's own figures, and folded
 * into the upper ancestors' buckets (FOLD_GRAINS). Rows of buckets that hold today go to a shard
 * chosen for this write; older buckets to shard 0, so history stays one row per key.
 */
export async function applyFigureDeltas(tx: Executor, deltas: FigureDelta[]): Promise<void> {
  const net = netDeltas(deltas);
  if (!net.length) return;
  const today = vnToday();
  const shard = randomInt(FIGURE_SHARDS);
  const own: Rows = new Map();
  for (const d of net) add(own, `${d.unitId}|${d.on}|${d.metric}|${d.on === today ? shard : 0}`, d.delta);

  const unitIds = [...new Set(net.map((d) => d.unitId))];
  const paths = new Map<string, string[]>();
  for (let i = 0; i < unitIds.length; i += 5000) {
    const rows = await tx
      .select({ id: units.id, path: units.path })
      .from(units)
      .where(inArray(units.id, unitIds.slice(i, i + 5000)));
    for (const r of rows) paths.set(r.id, pathIds(r.path).slice(0, FOLD_GRAINS.length));
  }
  const folded: Rows = new Map();
  for (const d of net) {
    const ancestors = paths.get(d.unitId);
    if (!ancestors) throw new Error(`unknown unit ${d.unitId}`);
    ancestors.forEach((unit, depth) => {
      for (const grain of foldGrains(depth)) {
        const start = bucketStart(grain, d.on);
        if (start === null) continue;
        add(
          folded,
          `${unit}|${grain}|${start}|${d.metric}|${bucketHolds(grain, start, today) ? shard : 0}`,
          d.delta,
        );
      }
    });
  }
  await upsertOwn(tx, own);
  await upsertFolded(tx, folded);
}

/** The own figures of a subtree, summed by metric and day: what its folded rows are made of. */
const subtreeOwnByDay = (subtreePath: string) => sql`
  select o.metric, o.day, sum(o.value) as value
  from ${units} u join ${unitFigures} o on o.unit_id = u.id
  where u.path like ${`${subtreePath}%`}
  group by o.metric, o.day`;

/** `bucketStart` in SQL (null where the grain holds no bucket for the day: filter those out). */
export const bucketSql = (grain: ReturnType<typeof sql>, day: ReturnType<typeof sql>) => sql`
  case when ${grain} = 'y' then date_trunc('year', ${day}::timestamp)::date
    when ${grain} = 'c' then case when ${day} < ${CARRIED_BEFORE}::date then ${CARRIED_BEFORE}::date end
    when ${day} < ${CARRIED_BEFORE}::date then null
    when ${grain} = 'm' then date_trunc('month', ${day}::timestamp)::date
    else ${day} end`;

/** Deletes and recomputes the folded rows of these units from their subtrees' own figures. */
export async function rebuildFoldedFigures(
  tx: Executor,
  targets: { id: string; path: string; depth: number }[],
) {
  if (!targets.length) return;
  await tx.delete(subtreeFigures).where(
    inArray(
      subtreeFigures.unitId,
      targets.map((t) => t.id),
    ),
  );
  for (const target of targets) {
    const grains = foldGrains(target.depth);
    if (!grains.length) continue;
    await tx.execute(sql`
      insert into ${subtreeFigures} (unit_id, grain, period_start, metric, shard, value)
      select ${target.id}::uuid, g.grain, ${bucketSql(sql`g.grain`, sql`s.day`)}, s.metric, 0, sum(s.value)
      from (${subtreeOwnByDay(target.path)}) s cross join unnest(${sql.param([...grains])}::text[]) as g(grain)
      where ${bucketSql(sql`g.grain`, sql`s.day`)} is not null
      group by 2, 3, 4
      having sum(s.value) <> 0
      order by 2, 3, 4`);
  }
}

/**
 * A subtree moved (its paths already updated): its whole figures leave the folded ancestors it
 * left and join those it joined, so every period is computed on the tree as it is now (common
 * ancestors are untouched); units inside it whose depth changed get their folded rows rebuilt
 * for their new level.
 */
export async function moveSubtreeFigures(
  tx: Executor,
  input: { oldPath: string; newPath: string; depthShift: number },
) {
  const from = pathIds(input.oldPath).slice(0, -1);
  const to = pathIds(input.newPath).slice(0, -1);
  const targets: { id: string; sign: number; grain: Grain }[] = [];
  from.forEach((id, depth) => {
    if (!to.includes(id)) for (const grain of foldGrains(depth)) targets.push({ id, sign: -1, grain });
  });
  to.forEach((id, depth) => {
    if (!from.includes(id)) for (const grain of foldGrains(depth)) targets.push({ id, sign: 1, grain });
  });
  if (targets.length) {
    await tx.execute(sql`
      insert into ${subtreeFigures} (unit_id, grain, period_start, metric, shard, value)
      select a.id, a.grain, ${bucketSql(sql`a.grain`, sql`s.day`)}, s.metric, 0, sum(s.value * a.sign)
      from (${subtreeOwnByDay(input.newPath)}) s
      cross join unnest(${sql.param(targets.map((t) => t.id))}::uuid[], ${sql.param(targets.map((t) => t.sign))}::int[],
                        ${sql.param(targets.map((t) => t.grain))}::text[]) as a(id, sign, grain)
      where ${bucketSql(sql`a.grain`, sql`s.day`)} is not null
      group by 1, 2, 3, 4
      order by 1, 2, 3, 4
      on conflict (unit_id, grain, period_start, metric, shard)
      do update set value = ${subtreeFigures}.value + excluded.value`);
  }
  if (input.depthShift !== 0) {
    const levels = FOLD_GRAINS.length;
    const changed = await tx
      .select({ id: units.id, path: units.path, depth: units.depth })
      .from(units)
      .where(
        sql`${units.path} like ${`${input.newPath}%`} and (${units.depth} < ${levels} or ${units.depth} - ${input.depthShift} < ${levels})`,
      );
    await rebuildFoldedFigures(tx, changed);
  }
}

type Source = Grain | "own";
/** A half-open range [from, until) of bucket starts (or days, for own rows); null = unbounded. */
interface Range {
  source: Source;
  from: string | null;
  until: string;
}

const nextYear = (day: string) => `${String(Number(day.slice(0, 4)) + 1).padStart(4, "0")}-01-01`;
const nextMonth = (day: string) => {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 12 ? nextYear(day) : `${String(y).padStart(4, "0")}-${String(m + 1).padStart(2, "0")}-01`;
};

/**
 * What to read for the figures at the end of `day`, given the grains the unit keeps: the years
 * before the day's year (the carried bucket and the years since its start, when the unit keeps one
 * and the day is late enough), the months of that year before its month, the days of that month up
 * to it (month and day buckets exist from CARRIED_BEFORE on); what the level does not fold comes
 * from the subtree's own rows. The end of a year needs only year buckets, the end of a month no day
 * buckets — the usual report periods read little.
 */
export function readPlan(grains: readonly Grain[], day: string): Range[] {
  const end = dayAfter(day);
  const yearEnd = end === nextYear(day);
  const monthEnd = end === nextMonth(day);
  const recent = yearStart(day) >= CARRIED_BEFORE;
  const ranges: Range[] = [];
  let covered: string | null = null; // everything before this is read from folded buckets
  if (grains.includes("y")) {
    covered = yearEnd ? end : yearStart(day);
    if (grains.includes("c") && covered >= CARRIED_BEFORE) {
      // The carried bucket, then the years since it.
      ranges.push({ source: "c", from: CARRIED_BEFORE, until: dayAfter(CARRIED_BEFORE) });
      if (covered > CARRIED_BEFORE) ranges.push({ source: "y", from: CARRIED_BEFORE, until: covered });
    } else ranges.push({ source: "y", from: null, until: covered });
  }
  if (grains.includes("m") && recent && !yearEnd) {
    covered = monthEnd ? end : monthStart(day);
    ranges.push({ source: "m", from: yearStart(day), until: covered });
  }
  if (grains.includes("d") && recent && covered !== end) {
    ranges.push({ source: "d", from: covered ?? monthStart(day), until: end });
    covered = end;
  }
  if (covered !== end) ranges.push({ source: "own", from: covered, until: end });
  return ranges;
}

/** Ranges of one source merged where they overlap or touch: the scans to make. */
function scansOf(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => (a.from ?? "").localeCompare(b.from ?? ""));
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && (r.from === null || last.until >= r.from)) {
      if (r.until > last.until) last.until = r.until;
    } else out.push({ ...r });
  }
  return out;
}

/** The grain sets the levels keep, each with the depths that keep it, then the units deeper than FOLD_GRAINS. */
function levelClasses() {
  const classes = new Map<string, { grains: readonly Grain[]; depthGuard: string }>();
  const depths = new Map<string, number[]>();
  FOLD_GRAINS.forEach((grains, depth) => {
    const key = grains.join("");
    depths.set(key, [...(depths.get(key) ?? []), depth]);
    classes.set(key, { grains, depthGuard: "" });
  });
  for (const [key, c] of classes) c.depthGuard = `u.depth in (${(depths.get(key) ?? []).join(", ")})`;
  return [
    ...classes.values(),
    { grains: [] as readonly Grain[], depthGuard: `u.depth >= ${FOLD_GRAINS.length}` },
  ];
}

type FigureRow = Record<string, string | number | bigint | null>;
/** The rows of a read: per unit and raw metric, one sum per day (`v0`, `v1`, …). */
function collect(
  rows: FigureRow[],
  days: string[],
  into: (unitId: string) => Map<string, number>[] | undefined,
) {
  for (const r of rows) {
    if (r.metric === "") continue;
    const target = into(String(r.unit_id));
    if (!target) continue;
    days.forEach((_, k) => {
      const value = Number(r[`v${k}`] ?? 0);
      if (value !== 0) target[k]?.set(String(r.metric), value);
    });
  }
}

/**
 * Every raw figure of a unit's subtree at the end of each of `days`, in one query — which also
 * finds the unit (within `scopePrefix`, when given: null when it is not there).
 */
export async function figuresAt(
  db: Executor,
  target: { id: string; scopePrefix?: string | undefined },
  days: string[],
): Promise<Map<string, number>[] | null> {
  const scoped = !!target.scopePrefix;
  const statement = figuresStatement(days, scoped ? "scoped" : "unit", false);
  const rows = await preparedRows<FigureRow>(db, statement.text, [
    target.id,
    ...(scoped ? [`${target.scopePrefix}%`] : []),
    ...statement.params,
  ]);
  if (!rows.some((r) => r.metric === "")) return null;
  const out = days.map(() => new Map<string, number>());
  collect(rows, days, () => out);
  return out;
}

/**
 * The batch read: the raw figures of each of these units' subtrees at the end of each of `days`,
 * in one query, only the raw metrics in `metrics` (all when null) — the same plan as `figuresAt`
 * (what a dashboard's children or a report's targets read). The callers have found the units in
 * the actor's scope; an unknown id reads as no figures.
 */
export async function figuresOfUnits(
  db: Executor,
  unitIds: string[],
  days: string[],
  metrics: string[] | null = null,
): Promise<Map<string, Map<string, number>[]>> {
  const out = new Map(unitIds.map((id) => [id, days.map(() => new Map<string, number>())]));
  if (!unitIds.length || !days.length) return out;
  const statement = figuresStatement(days, "units", metrics !== null);
  const rows = await preparedRows<FigureRow>(db, statement.text, [
    unitIds,
    ...(metrics ? [metrics] : []),
    ...statement.params,
  ]);
  collect(rows, days, (id) => out.get(id));
  return out;
}

/** The statements of the reads by their shape (the days, how units are given, a metric filter): built once. */
const statements = new Map<string, { text: string; params: unknown[] }>();

/**
 * The SQL of a read for these days, its units in `u` — one unit by $1 (and within the subtree
 * $2 when "scoped"), or every unit of the array $1 — and, when `filtered`, only the raw metrics
 * of the array after them. Each day's ranges (readPlan) for each level class's grains are merged
 * into as few index range scans as possible: the key (unit, grain, period, metric, shard) of the
 * folded buckets, and (unit, day) of the own rows of each subtree's units, every scan guarded by
 * the depths of its class so a level reads only what it folds and, from its units' own rows, what
 * it does not; each day sums the rows of its own ranges. Plain SQL with $n parameters: the same
 * shape of plan gives the same text, prepared once.
 */
function figuresStatement(days: string[], units: "unit" | "scoped" | "units", filtered: boolean) {
  const key = `${units}|${filtered}|${days.join(",")}`;
  const found = statements.get(key);
  if (found) return found;
  const fixed = (units === "scoped" ? 2 : 1) + (filtered ? 1 : 0);
  const params: unknown[] = [];
  const $ = (value: unknown) => {
    params.push(value);
    return `$${fixed + params.length}`;
  };
  const bounds = (column: string, r: Range) =>
    r.from === null
      ? `${column} < ${$(r.until)}::date`
      : `${column} >= ${$(r.from)}::date and ${column} < ${$(r.until)}::date`;
  const unit =
    units === "units"
      ? "select id, path, depth from units where id = any($1::uuid[])"
      : `select id, path, depth from units where id = $1::uuid${units === "scoped" ? " and path like $2" : ""}`;
  const metricFilter = filtered ? ` and f.metric = any($${fixed}::text[])` : "";
  const classes = levelClasses();
  const sums: string[][] = days.map(() => []);
  const scans = classes.flatMap((level, i) => {
    const plans = days.map((day) => readPlan(level.grains, day));
    plans.forEach((ranges, k) => {
      for (const r of ranges) sums[k]?.push(`(src = '${r.source}${i}' and ${bounds("p", r)})`);
    });
    return [...Map.groupBy(plans.flat(), (r) => r.source)].flatMap(([source, ranges]) =>
      scansOf(ranges).map((r) =>
        source === "own"
          ? // LATERAL keeps the order the unit's size calls for: its subtree's units (a path range),
            // then each one's own rows (a key range), never a scan of everyone's rows by day; the
            // OFFSET 0 fences keep the planner from flattening them into a hash join (or the path
            // range into a filter on a scan of every unit).
            `select u.id as unit_id, '${source}${i}' as src, o.metric, o.value, o.day as p
             from u cross join lateral (
               select x.id from units x where x.path ~>=~ u.path and x.path ~<~ (u.path || '~') offset 0
             ) x cross join lateral (
               select f.metric, f.value, f.day from unit_figures f
               where f.unit_id = x.id and ${bounds("f.day", r)}${metricFilter} offset 0
             ) o
             where ${level.depthGuard}`
          : `select u.id as unit_id, '${source}${i}' as src, f.metric, f.value, f.period_start as p
             from u join subtree_figures f on f.unit_id = u.id
             where ${level.depthGuard} and f.grain = '${source}' and ${bounds("f.period_start", r)}${metricFilter}`,
      ),
    );
  });
  const columns = sums.map(
    (terms, k) => `sum(value) filter (where ${terms.join(" or ") || "false"})::bigint as v${k}`,
  );
  const text = `with u as (${unit})
    select unit_id, metric, ${columns.join(", ")} from (
      select u.id as unit_id, 'unit' as src, '' as metric, 0::bigint as value, null::date as p from u
      union all ${scans.join(" union all ")}
    ) x group by unit_id, metric`;
  const statement = { text, params };
  if (statements.size > 500) statements.clear();
  statements.set(key, statement);
  return statement;
}
