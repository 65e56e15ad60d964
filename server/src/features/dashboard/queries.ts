import { type Executor, preparedRows } from "../../db/client.ts";
import { dayBefore } from "../../lib/dates.ts";
import {
  type FigureSnapshot,
  FOLD_GRAINS,
  figuresAt,
  type Grain,
  type MetricDefinition,
  metricDefinitions,
  readPlan,
} from "../figures/index.ts";
import type { UnitStatus } from "../units/schema.ts";

export interface DashboardUnit {
  id: string;
  name: string;
  code: string | null;
  path: string;
  depth: number;
  status: UnitStatus;
  adminAreaCode: string | null;
}

/** A year's period: the whole year, or up to `today` while it runs. */
export function yearPeriod(year: number, today: string) {
  const from = `${String(year).padStart(4, "0")}-01-01`;
  const end = `${String(year).padStart(4, "0")}-12-31`;
  return { year, from, to: end < today ? end : today };
}

/** Each definition's values for a snapshot: what `computeMetrics` assigns, kept per definition. */
export function computeDefinitions(snapshot: FigureSnapshot, definitions = metricDefinitions()) {
  return definitions.map((definition) => ({ definition, values: definition.compute(snapshot) }));
}

/**
 * Every registered metric for the last of `periods` of a unit's subtree, and for the others the
 * metrics that have a value of their own key (the trend leaves breakdowns' parts out), from ONE
 * read of the raw figures at the end of each period and of the day before each start
 * (`figuresAt`, the read of the unit statistics and of `computeMetrics`): consecutive years share
 * their boundary day, so N years read N + 1 days. Each value equals `computeMetrics(unit, from,
 * to)`'s for its period (tested). Null when the unit is not within `scopePrefix`.
 */
export async function metricsOverPeriods(
  db: Executor,
  unit: { id: string; scopePrefix?: string },
  periods: { from: string; to: string }[],
) {
  const days = [...new Set(periods.flatMap((p) => [p.to, dayBefore(p.from)]))];
  const figures = await figuresAt(db, unit, days);
  if (!figures) return null;
  const at = (day: string) => figures[days.indexOf(day)] ?? new Map<string, number>();
  const compute = (p: { from: string; to: string }, definitions: MetricDefinition[]) => {
    const snapshot: FigureSnapshot = { at: at(p.to), before: at(dayBefore(p.from)), from: p.from, to: p.to };
    const computed = computeDefinitions(snapshot, definitions);
    const metrics: Record<string, number> = {};
    for (const { values } of computed) Object.assign(metrics, values);
    return { ...p, snapshot, computed, metrics };
  };
  const last = periods.at(-1);
  if (!last) return [];
  const current = compute(last, metricDefinitions());
  const headline = current.computed.filter((c) => c.definition.key in c.values).map((c) => c.definition);
  return [...periods.slice(0, -1).map((p) => compute(p, headline)), current];
}

/** A Map that records which keys a metric's `compute` reads (`all` when it iterates the figures). */
class ReadRecorder extends Map<string, number> {
  readonly read = new Set<string>();
  all = false;
  override get(key: string) {
    this.read.add(key);
    return undefined;
  }
  override has(key: string) {
    this.read.add(key);
    return false;
  }
  override [Symbol.iterator](): MapIterator<[string, number]> {
    this.all = true;
    return super[Symbol.iterator]();
  }
  override entries() {
    this.all = true;
    return super.entries();
  }
  override keys() {
    this.all = true;
    return super.keys();
  }
  override values() {
    this.all = true;
    return super.values();
  }
  override forEach(...args: Parameters<Map<string, number>["forEach"]>) {
    this.all = true;
    super.forEach(...args);
  }
}

/**
 * The raw figures these metrics read for a period (their `compute` run once on empty recording
 * figures), or null when one of them reads every figure (a breakdown by prefix). Lets the child
 * breakdown read only what its metrics need: ~15 of the ~40 raw figures a province folds a year.
 * A `compute` whose reads depended on the values read would be missed here; the breakdown's
 * metrics read fixed keys, and their values are tested equal to `computeMetrics`.
 */
export function rawFiguresRead(definitions: MetricDefinition[], from: string, to: string): string[] | null {
  const at = new ReadRecorder();
  const before = new ReadRecorder();
  for (const d of definitions) d.compute({ at, before, from, to });
  if (at.all || before.all) return null;
  return [...new Set([...at.read, ...before.read])].sort();
}

/** The level classes of FOLD_GRAINS (depths that fold the same grains), then the deeper units. */
function levelClasses() {
  const classes: { grains: readonly Grain[]; depthGuard: string }[] = [];
  const byGrains = new Map<string, number[]>();
  FOLD_GRAINS.forEach((grains, depth) => {
    const key = grains.join("");
    byGrains.set(key, [...(byGrains.get(key) ?? []), depth]);
  });
  for (const [key, depths] of byGrains)
    classes.push({ grains: [...key] as Grain[], depthGuard: `c.depth in (${depths.join(", ")})` });
  classes.push({ grains: [], depthGuard: `c.depth >= ${FOLD_GRAINS.length}` });
  return classes;
}

interface Row {
  k: number;
  id: string;
  name: string | null;
  code: string | null;
  path: string | null;
  depth: number | null;
  status: UnitStatus | null;
  admin_area_code: string | null;
  n: number | string | null;
  metric: string | null;
  [sum: `v${number}`]: string | number | null;
}

/**
 * In ONE prepared statement: the unit, found within the caller's subtree (`scopePrefix`); the
 * children the dashboard lists (open ones, and those closed during or after the period's start,
 * in the children's list order, at most `limit`) and how many there are; and the listed children's
 * raw subtree figures at the end of each of `days` — only the raw metrics in `metrics` (all when
 * null). The figures follow `figuresAt`'s plan (readPlan for the grains each level folds: year,
 * month and day buckets of `subtree_figures`, then the own rows of `unit_figures` for what the
 * level does not fold), each source's ranges merged into one index range scan per child and
 * guarded by the children's depth, which the statement learns with the unit. Null when the unit
 * is out of sight.
 */
export async function unitWithChildren(
  db: Executor,
  input: {
    unitId: string;
    scopePrefix: string;
    from: string;
    limit: number;
    days: string[];
    metrics: string[] | null;
  },
) {
  const params: unknown[] = [];
  const $ = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const unitId = $(input.unitId);
  const scope = $(`${input.scopePrefix}%`);
  const from = $(input.from);
  const limit = $(input.limit);
  const metricFilter = input.metrics ? ` and f.metric = any(${$(input.metrics)}::text[])` : "";
  const bounds = (column: string, r: { from: string | null; until: string }) =>
    r.from === null
      ? `${column} < ${$(r.until)}::date`
      : `${column} >= ${$(r.from)}::date and ${column} < ${$(r.until)}::date`;
  const listed = `x.status = 'active' or x.active_to >= ${from}::date`;

  const classes = levelClasses();
  const scans: string[] = [];
  const sums: string[][] = input.days.map(() => []);
  classes.forEach((level, i) => {
    const plans = input.days.map((day) => readPlan(level.grains, day));
    // One scan per source: from the earliest start to the latest end of that source's ranges.
    const hulls = new Map<string, { from: string | null; until: string }>();
    for (const r of plans.flat()) {
      const hull = hulls.get(r.source);
      if (!hull) hulls.set(r.source, { from: r.from, until: r.until });
      else {
        // ISO days compare as strings: the earlier start, or unbounded when either is.
        if (hull.from !== null && (r.from === null || r.from < hull.from)) hull.from = r.from;
        if (r.until > hull.until) hull.until = r.until;
      }
    }
    for (const [source, hull] of hulls) {
      const tag = `${source}${i}`;
      scans.push(
        source === "own"
          ? // As figuresAt: the subtree's units by path range, then each one's own rows by key
            // range; the OFFSET 0 fences keep the generic plan from trading the ranges for scans.
            `select c.id as unit_id, '${tag}' as src, o.metric, o.value, o.day as p
             from c cross join lateral (
               select x.id from units x where x.path ~>=~ c.path and x.path ~<~ (c.path || '~') offset 0
             ) x cross join lateral (
               select f.metric, f.value, f.day from unit_figures f
               where f.unit_id = x.id and ${bounds("f.day", hull)}${metricFilter} offset 0
             ) o
             where ${level.depthGuard}`
          : `select c.id as unit_id, '${tag}' as src, f.metric, f.value, f.period_start as p
             from c join subtree_figures f on f.unit_id = c.id
             where ${level.depthGuard} and f.grain = '${source}' and ${bounds("f.period_start", hull)}${metricFilter}`,
      );
    }
    plans.forEach((ranges, k) => {
      for (const r of ranges) sums[k]?.push(`(src = '${r.source}${i}' and ${bounds("p", r)})`);
    });
  });
  const sumColumns = sums.map(
    (terms) => `sum(value) filter (where ${terms.join(" or ") || "false"})::bigint`,
  );
  const nulls = input.days.map((_, k) => `null::bigint as v${k}`).join(", ");
  const text = `with u as (
      select id, name, code, path, depth, status, admin_area_code
      from units where id = ${unitId}::uuid and path like ${scope}
    ), c as (
      select x.id, x.name, x.code, x.path, x.depth, x.status, x.admin_area_code,
             row_number() over (order by (x.status <> 'active'), x.sort_key, x.id) as ord
      from u join units x on x.parent_id = u.id
      where ${listed}
      order by (x.status <> 'active'), x.sort_key, x.id
      limit ${limit}
    )
    select 0 as k, u.id, u.name, u.code, u.path, u.depth, u.status, u.admin_area_code,
           (select count(*) from units x where x.parent_id = u.id and (${listed}))::bigint as n,
           null::text as metric, ${nulls}
    from u
    union all
    select 1, c.id, c.name, c.code, c.path, c.depth, c.status, c.admin_area_code, c.ord, null, ${nulls}
    from c
    union all
    select 2, s.unit_id, null, null, null, null, null, null, null, s.metric, ${sumColumns.join(", ")}
    from (${scans.join(" union all ")}) s
    group by s.unit_id, s.metric`;
  const rows = await preparedRows<Row>(db, text, params);
  const head = rows.find((r) => Number(r.k) === 0);
  if (!head) return null;
  const present = (r: Row): DashboardUnit => ({
    id: r.id,
    name: r.name ?? "",
    code: r.code,
    path: r.path ?? "",
    depth: Number(r.depth),
    status: r.status ?? "active",
    adminAreaCode: r.admin_area_code,
  });
  const children = rows
    .filter((r) => Number(r.k) === 1)
    .sort((a, b) => Number(a.n) - Number(b.n))
    .map(present);
  const figures = new Map(children.map((c) => [c.id, input.days.map(() => new Map<string, number>())]));
  for (const r of rows) {
    if (Number(r.k) !== 2) continue;
    const target = figures.get(r.id);
    if (!target) continue;
    input.days.forEach((_, k) => {
      const value = Number(r[`v${k}`] ?? 0);
      if (value !== 0) target[k]?.set(String(r.metric), value);
    });
  }
  return { unit: present(head), children, childTotal: Number(head.n ?? 0), figures };
}

/**
 * The metrics of the breakdown by child unit and of the map (keys of registered metrics whose
 * `compute` gives a value under their own key); those not registered are left out.
 */
export const BREAKDOWN_METRICS = [
  "people.active",
  "people.joined",
  "units.total",
  "plans.issued",
  "topics.studiedShare",
  "commitments.share",
  "practices.total",
  "practices.recognisedTotal",
  "practices.adoptions",
  "exemplars.total",
  "exemplars.recognisedTotal",
  "commendations.recipients",
] as const;

const subtract = (total: Map<string, number>, parts: Map<string, number>[], keys: string[] | null) => {
  const out = new Map(total);
  for (const part of parts)
    for (const [key, value] of part)
      if (!keys || keys.includes(key)) out.set(key, (out.get(key) ?? 0) - value);
  return out;
};

/**
 * Everything the dashboard shows for a unit and a year, in two statements run side by side (each
 * checks the unit is within `scopePrefix`): every metric for the last `trendYears` years up to
 * `year` (`metricsOverPeriods`; the last one is the chosen period), and the unit with its
 * children and their breakdown metrics (`unitWithChildren`); the rest (what no listed child
 * holds) is the unit's raw figures less its children's. Null when the unit is out of sight.
 */
export async function dashboardData(
  db: Executor,
  input: {
    unitId: string;
    scopePrefix: string;
    year: number;
    today: string;
    trendYears: number;
    firstYear: number;
    maxChildren: number;
  },
) {
  const { year, today } = input;
  const periods = Array.from({ length: input.trendYears }, (_, i) => year - input.trendYears + 1 + i)
    .filter((y) => y >= input.firstYear)
    .map((y) => yearPeriod(y, today));
  const period = yearPeriod(year, today);
  const definitions = metricDefinitions().filter((d) =>
    (BREAKDOWN_METRICS as readonly string[]).includes(d.key),
  );
  const keys = BREAKDOWN_METRICS.filter((key) => definitions.some((d) => d.key === key));
  const raw = rawFiguresRead(definitions, period.from, period.to);
  const [found, trend] = await Promise.all([
    unitWithChildren(db, {
      unitId: input.unitId,
      scopePrefix: input.scopePrefix,
      from: period.from,
      limit: input.maxChildren,
      days: [period.to, dayBefore(period.from)],
      metrics: raw,
    }),
    metricsOverPeriods(db, { id: input.unitId, scopePrefix: input.scopePrefix }, periods),
  ]);
  const current = trend?.at(-1);
  if (!found || !trend || !current) return null;

  const breakdown = (at: Map<string, number>, before: Map<string, number>) => {
    const values: Record<string, number> = {};
    for (const { values: computed } of computeDefinitions({ at, before, ...period }, definitions))
      for (const key of keys) if (key in computed) values[key] = computed[key] ?? 0;
    return values;
  };
  const children = found.children.map((child) => {
    const [at = new Map(), before = new Map()] = found.figures.get(child.id) ?? [];
    return { child, at, before, values: breakdown(at, before) };
  });
  const rest = breakdown(
    subtract(
      current.snapshot.at,
      children.map((c) => c.at),
      raw,
    ),
    subtract(
      current.snapshot.before,
      children.map((c) => c.before),
      raw,
    ),
  );
  return {
    unit: found.unit,
    childTotal: found.childTotal,
    period,
    current,
    trend,
    breakdownKeys: keys,
    children: children.map(({ child, values }) => ({ child, values })),
    rest,
  };
}
