import { type Executor, preparedRows } from "../../db/client.ts";
import { dayBefore } from "../../lib/dates.ts";
import {
  computeDefinitions,
  figuresOfUnits,
  metricDefinitions,
  metricsOverPeriods,
  rawFiguresRead,
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

interface Row {
  k: number;
  id: string;
  name: string;
  code: string | null;
  path: string;
  depth: number;
  status: UnitStatus;
  admin_area_code: string | null;
  n: number | string;
}

/**
 * The unit, found within the caller's subtree (`scopePrefix`), with the children the dashboard
 * lists (open ones, and those closed during or after the period's start, in the children's list
 * order, at most `limit`) and how many there are, in one statement. Null when the unit is out of sight.
 */
async function unitWithChildren(
  db: Executor,
  input: { unitId: string; scopePrefix: string; from: string; limit: number },
) {
  const listed = "x.status = 'active' or x.active_to >= $3::date";
  const rows = await preparedRows<Row>(
    db,
    `with u as (
      select id, name, code, path, depth, status, admin_area_code
      from units where id = $1::uuid and path like $2
    )
    select 0 as k, u.id, u.name, u.code, u.path, u.depth, u.status, u.admin_area_code,
           (select count(*) from units x where x.parent_id = u.id and (${listed}))::bigint as n
    from u
    union all
    select * from (
      select 1, x.id, x.name, x.code, x.path, x.depth, x.status, x.admin_area_code,
             row_number() over (order by (x.status <> 'active'), x.sort_key, x.id)
      from u join units x on x.parent_id = u.id
      where ${listed}
      order by (x.status <> 'active'), x.sort_key, x.id
      limit $4
    ) c`,
    [input.unitId, `${input.scopePrefix}%`, input.from, input.limit],
  );
  const head = rows.find((r) => Number(r.k) === 0);
  if (!head) return null;
  const present = (r: Row): DashboardUnit => ({
    id: r.id,
    name: r.name,
    code: r.code,
    path: r.path,
    depth: Number(r.depth),
    status: r.status,
    adminAreaCode: r.admin_area_code,
  });
  const children = rows
    .filter((r) => Number(r.k) === 1)
    .sort((a, b) => Number(a.n) - Number(b.n))
    .map(present);
  return { unit: present(head), children, childTotal: Number(head.n) };
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
  // The unit with its children, then their figures (the figures module's batch read), beside
  // every metric of the unit over the trend's years.
  const children = async () => {
    const found = await unitWithChildren(db, {
      unitId: input.unitId,
      scopePrefix: input.scopePrefix,
      from: period.from,
      limit: input.maxChildren,
    });
    if (!found) return null;
    const ids = found.children.map((c) => c.id);
    return { ...found, figures: await figuresOfUnits(db, ids, [period.to, dayBefore(period.from)], raw) };
  };
  const [found, trend] = await Promise.all([
    children(),
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
  const listed = found.children.map((child) => {
    const [at = new Map(), before = new Map()] = found.figures.get(child.id) ?? [];
    return { child, at, before, values: breakdown(at, before) };
  });
  const rest = breakdown(
    subtract(
      current.snapshot.at,
      listed.map((c) => c.at),
      raw,
    ),
    subtract(
      current.snapshot.before,
      listed.map((c) => c.before),
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
    children: listed.map(({ child, values }) => ({ child, values })),
    rest,
  };
}
