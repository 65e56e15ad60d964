import { randomInt } from "node:crypto";
import { inArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { type Executor, preparedRows } from "../../db/client.ts";
import { FOLD_GRAINS, pathIds } from "../figures/index.ts";
import { units } from "../units/schema.ts";
import { type ReportStatus, reportCounts, reportStatuses, reportSums } from "./schema.ts";

/**
 * Completeness of a request is read from counters folded at the upper levels — the same levels
 * that keep folded subtree figures (the root, the provinces, the communes) — from the requester
 * down; a deeper unit's subtree (a few hundred units at most) is counted directly. So the national
 * root reads a few rows, not 300,000 reports.
 */
export const FOLD_DEPTH = FOLD_GRAINS.length;
/**
 * A subtree as a range of the path index (text_pattern_ops operators): a named statement's generic
 * plan keeps the index range, where `LIKE $1` would lose it.
 */
export const inSubtree = (column: SQLWrapper, path: string) =>
  sql`(${column} ~>=~ ${path} and ${column} ~<~ ${`${path}~`})`;

/** Each status change writes its counters on one of these shards (no hot row at the root). */
export const COUNT_SHARDS = 8;

/** The counters of a group of reports, by column. */
export interface Counts {
  notStarted: number;
  draft: number;
  submitted: number;
  returned: number;
  accepted: number;
  onTime: number;
  late: number;
}
export const counterKeys = [
  "notStarted",
  "draft",
  "submitted",
  "returned",
  "accepted",
  "onTime",
  "late",
] as const satisfies readonly (keyof Counts)[];
const columnOf: Record<keyof Counts, string> = {
  notStarted: "not_started",
  draft: "draft",
  submitted: "submitted",
  returned: "returned",
  accepted: "accepted",
  onTime: "on_time",
  late: "late",
};
export const statusKey: Record<ReportStatus, keyof Counts> = {
  not_started: "notStarted",
  draft: "draft",
  submitted: "submitted",
  returned: "returned",
  accepted: "accepted",
};
export const emptyCounts = (): Counts => ({
  notStarted: 0,
  draft: 0,
  submitted: 0,
  returned: 0,
  accepted: 0,
  onTime: 0,
  late: 0,
});

/** Statuses whose hand-entered figures count in the sums (submitted, awaiting review or accepted). */
export const summedStatuses: readonly ReportStatus[] = ["submitted", "accepted"];
export const isSummed = (status: ReportStatus) => summedStatuses.includes(status);

/**
 * The units whose counters hold a report of a unit at `unitPath`: its ancestors-or-self from the
 * requester down, above FOLD_DEPTH. None when the unit lies outside the requester's subtree.
 */
export function foldUnitsOf(requesterPath: string, unitPath: string): string[] {
  if (!unitPath.startsWith(requesterPath)) return [];
  const from = pathIds(requesterPath).length - 1;
  return pathIds(unitPath).slice(from, FOLD_DEPTH);
}

/** The SQL of the counter columns summed over rows of report_counts (alias k). */
const SUMMED = counterKeys.map((k) => `sum(k.${columnOf[k]})::bigint as "${k}"`).join(", ");
/** The SQL of the counter columns counted over reports (alias r). */
const COUNTED = [
  ...reportStatuses.map((s) => `count(*) filter (where r.status = '${s}')::bigint as "${statusKey[s]}"`),
  `count(*) filter (where r.timeliness = 'on_time')::bigint as "onTime"`,
  `count(*) filter (where r.timeliness = 'late')::bigint as "late"`,
].join(", ");
const countedColumns = sql.raw(COUNTED);
const insertColumns = sql.raw(counterKeys.map((k) => columnOf[k]).join(", "));
const addExcluded = sql.raw(
  counterKeys
    .map((k) => `${columnOf[k]} = report_counts.${columnOf[k]} + excluded.${columnOf[k]}`)
    .join(", "),
);

const rowsOf = async <T>(db: Executor, query: SQL) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;
export const countsOf = (row: Partial<Record<keyof Counts, unknown>>): Counts => {
  const out = emptyCounts();
  for (const k of counterKeys) out[k] = Number(row[k] ?? 0);
  return out;
};

interface CountRow {
  requestId: string;
  unitId: string;
  targetDepth: number;
  counts: Counts;
}

/** Adds counter rows (in key order: concurrent writers lock alike and never deadlock). */
async function upsertCounts(tx: Executor, rows: CountRow[], shard: number) {
  const live = rows
    .filter((r) => counterKeys.some((k) => r.counts[k] !== 0))
    .sort(
      (a, b) =>
        a.requestId.localeCompare(b.requestId) ||
        a.unitId.localeCompare(b.unitId) ||
        a.targetDepth - b.targetDepth,
    );
  for (let i = 0; i < live.length; i += 5000) {
    const chunk = live.slice(i, i + 5000);
    const column = (k: keyof Counts) => sql`${sql.param(chunk.map((r) => r.counts[k]))}::bigint[]`;
    await tx.execute(sql`
      insert into ${reportCounts} (request_id, unit_id, target_depth, shard, ${insertColumns})
      select q, u, d, ${shard}, ${sql.raw(counterKeys.map((_, j) => `c${j}`).join(", "))}
      from unnest(${sql.param(chunk.map((r) => r.requestId))}::uuid[], ${sql.param(chunk.map((r) => r.unitId))}::uuid[],
                  ${sql.param(chunk.map((r) => r.targetDepth))}::smallint[], ${sql.join(
                    counterKeys.map((k) => column(k)),
                    sql`, `,
                  )})
           as t(q, u, d, ${sql.raw(counterKeys.map((_, j) => `c${j}`).join(", "))})
      on conflict (request_id, unit_id, target_depth, shard) do update set ${addExcluded}`);
  }
}

interface SumRow {
  requestId: string;
  unitId: string;
  metric: string;
  value: number;
}

async function upsertSums(tx: Executor, rows: SumRow[], shard: number) {
  const live = rows
    .filter((r) => r.value !== 0)
    .sort(
      (a, b) =>
        a.requestId.localeCompare(b.requestId) ||
        a.unitId.localeCompare(b.unitId) ||
        a.metric.localeCompare(b.metric),
    );
  for (let i = 0; i < live.length; i += 5000) {
    const chunk = live.slice(i, i + 5000);
    await tx.execute(sql`
      insert into ${reportSums} (request_id, unit_id, metric, shard, value)
      select q, u, m, ${shard}, v
      from unnest(${sql.param(chunk.map((r) => r.requestId))}::uuid[], ${sql.param(chunk.map((r) => r.unitId))}::uuid[],
                  ${sql.param(chunk.map((r) => r.metric))}::text[], ${sql.param(chunk.map((r) => r.value))}::float8[]) as t(q, u, m, v)
      on conflict (request_id, unit_id, metric, shard) do update set value = report_sums.value + excluded.value`);
  }
}

/** The change of one report: counter deltas and hand-entered figures entering (+) or leaving (−) the sums. */
export interface ReportChange {
  requestId: string;
  requesterPath: string;
  unitPath: string;
  counts?: Partial<Counts>;
  sums?: Record<string, number>;
}

/** Counter deltas of a status change (and of a first submission's timeliness). */
export function statusChange(
  from: ReportStatus | null,
  to: ReportStatus | null,
  timeliness?: "on_time" | "late" | null,
): Partial<Counts> {
  const out: Partial<Counts> = {};
  if (from) out[statusKey[from]] = (out[statusKey[from]] ?? 0) - 1;
  if (to) out[statusKey[to]] = (out[statusKey[to]] ?? 0) + 1;
  if (timeliness === "on_time") out.onTime = (out.onTime ?? 0) + 1;
  if (timeliness === "late") out.late = (out.late ?? 0) + 1;
  return out;
}

/** Scales hand-entered figures (−1: they leave the sums). */
export const scaled = (values: Record<string, number>, factor: number) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v * factor]));

/**
 * Applies report changes to the folded counters and sums, in the writing transaction, on one
 * shard chosen for this write.
 */
export async function applyReportChanges(tx: Executor, changes: ReportChange[]): Promise<void> {
  const countRows: CountRow[] = [];
  const sumRows: SumRow[] = [];
  for (const change of changes) {
    const targetDepth = pathIds(change.unitPath).length - 1;
    for (const unitId of foldUnitsOf(change.requesterPath, change.unitPath)) {
      if (change.counts)
        countRows.push({
          requestId: change.requestId,
          unitId,
          targetDepth,
          counts: { ...emptyCounts(), ...change.counts },
        });
      for (const [metric, value] of Object.entries(change.sums ?? {}))
        sumRows.push({ requestId: change.requestId, unitId, metric, value });
    }
  }
  if (!countRows.length && !sumRows.length) return;
  const shard = randomInt(COUNT_SHARDS);
  await upsertCounts(tx, mergeCountRows(countRows), shard);
  await upsertSums(tx, mergeSumRows(sumRows), shard);
}

function mergeCountRows(rows: CountRow[]): CountRow[] {
  const byKey = new Map<string, CountRow>();
  for (const r of rows) {
    const key = `${r.requestId}|${r.unitId}|${r.targetDepth}`;
    const found = byKey.get(key);
    if (!found) byKey.set(key, { ...r, counts: { ...r.counts } });
    else for (const k of counterKeys) found.counts[k] += r.counts[k];
  }
  return [...byKey.values()];
}

function mergeSumRows(rows: SumRow[]): SumRow[] {
  const byKey = new Map<string, SumRow>();
  for (const r of rows) {
    const key = `${r.requestId}|${r.unitId}|${r.metric}`;
    const found = byKey.get(key);
    if (!found) byKey.set(key, { ...r });
    else found.value += r.value;
  }
  return [...byKey.values()];
}

/** The counted target reports of a subtree, grouped by request and depth (with the requester's path). */
async function subtreeCounts(tx: Executor, subtreePath: string) {
  return rowsOf<{ requestId: string; requesterPath: string; depth: number } & Record<keyof Counts, string>>(
    tx,
    sql`
    select r.request_id as "requestId", qu.path as "requesterPath", u.depth, ${countedColumns}
    from units u
    join reports r on r.unit_id = u.id and r.counted
    join report_requests q on q.id = r.request_id
    join units qu on qu.id = q.unit_id
    where ${inSubtree(sql`u.path`, subtreePath)}
    group by r.request_id, qu.path, u.depth`,
  );
}

/** The summed hand-entered figures of a subtree's submitted target reports, by request and metric. */
async function subtreeSums(tx: Executor, subtreePath: string) {
  return rowsOf<{ requestId: string; requesterPath: string; metric: string; value: number | string }>(
    tx,
    sql`
    select r.request_id as "requestId", qu.path as "requesterPath", kv.key as metric, sum(kv.value::float8) as value
    from units u
    join reports r on r.unit_id = u.id and r.counted and r.status in ('submitted', 'accepted')
    join report_requests q on q.id = r.request_id
    join units qu on qu.id = q.unit_id
    cross join jsonb_each_text(r.manual_values) kv
    where ${inSubtree(sql`u.path`, subtreePath)}
    group by r.request_id, qu.path, kv.key`,
  );
}

const parentPathOf = (path: string) => path.replace(/[^/]+\/$/, "");

/**
 * A subtree moved (its paths already updated, like `moveSubtreeFigures`): its reports leave the
 * counters of the folded ancestors it left and join those it joined; when its depth changed, its
 * reports' target depth changes everywhere above it, and the counters of its own upper units are
 * rebuilt for their new level.
 */
export async function moveReportCounts(
  tx: Executor,
  input: { oldPath: string; newPath: string; depthShift: number },
) {
  const counts = await subtreeCounts(tx, input.newPath);
  const sums = await subtreeSums(tx, input.newPath);
  if (!counts.length && !sums.length) {
    if (input.depthShift !== 0) await rebuildMovedUnits(tx, input);
    return;
  }
  const oldParent = parentPathOf(input.oldPath);
  const newParent = parentPathOf(input.newPath);
  const sides = (requesterPath: string, depthChanged: boolean) => {
    const before = foldUnitsOf(requesterPath, oldParent);
    const after = foldUnitsOf(requesterPath, newParent);
    return {
      removed: depthChanged ? before : before.filter((id) => !after.includes(id)),
      added: depthChanged ? after : after.filter((id) => !before.includes(id)),
    };
  };
  const countRows: CountRow[] = [];
  for (const row of counts) {
    const { removed, added } = sides(row.requesterPath, input.depthShift !== 0);
    const c = countsOf(row);
    const negative = Object.fromEntries(counterKeys.map((k) => [k, -c[k]])) as unknown as Counts;
    const depth = Number(row.depth);
    for (const unitId of removed)
      countRows.push({
        requestId: row.requestId,
        unitId,
        targetDepth: depth - input.depthShift,
        counts: negative,
      });
    for (const unitId of added)
      countRows.push({ requestId: row.requestId, unitId, targetDepth: depth, counts: c });
  }
  const sumRows: SumRow[] = [];
  for (const row of sums) {
    const { removed, added } = sides(row.requesterPath, false);
    const value = Number(row.value);
    for (const unitId of removed)
      sumRows.push({ requestId: row.requestId, unitId, metric: row.metric, value: -value });
    for (const unitId of added) sumRows.push({ requestId: row.requestId, unitId, metric: row.metric, value });
  }
  await upsertCounts(tx, mergeCountRows(countRows), 0);
  await upsertSums(tx, mergeSumRows(sumRows), 0);
  if (input.depthShift !== 0) await rebuildMovedUnits(tx, input);
}

/** The units of a moved subtree that fold counters at their old or new depth: rebuilt. */
async function rebuildMovedUnits(tx: Executor, input: { newPath: string; depthShift: number }) {
  const changed = await tx
    .select({ id: units.id, path: units.path, depth: units.depth })
    .from(units)
    .where(
      sql`${inSubtree(units.path, input.newPath)} and (${units.depth} < ${FOLD_DEPTH} or ${units.depth} - ${input.depthShift} < ${FOLD_DEPTH})`,
    );
  await rebuildUnitCounts(tx, changed);
}

/** Deletes and recomputes the counters and sums that these units fold, for every request, from the reports. */
export async function rebuildUnitCounts(
  tx: Executor,
  targets: { id: string; path: string; depth: number }[],
) {
  if (!targets.length) return;
  const ids = targets.map((t) => t.id);
  await tx.delete(reportCounts).where(inArray(reportCounts.unitId, ids));
  await tx.delete(reportSums).where(inArray(reportSums.unitId, ids));
  for (const target of targets) {
    if (target.depth >= FOLD_DEPTH) continue;
    // Requests whose requester is the unit or above it (the unit lies in their subtree).
    const requesters = pathIds(target.path);
    await tx.execute(sql`
      insert into ${reportCounts} (request_id, unit_id, target_depth, shard, ${insertColumns})
      select r.request_id, ${target.id}::uuid, u.depth, 0, ${countedColumns}
      from units u
      join reports r on r.unit_id = u.id and r.counted
      join report_requests q on q.id = r.request_id
      where ${inSubtree(sql`u.path`, target.path)} and q.unit_id = any(${sql.param(requesters)}::uuid[])
      group by r.request_id, u.depth
      order by 1, 3`);
    await tx.execute(sql`
      insert into ${reportSums} (request_id, unit_id, metric, shard, value)
      select r.request_id, ${target.id}::uuid, kv.key, 0, sum(kv.value::float8)
      from units u
      join reports r on r.unit_id = u.id and r.counted and r.status in ('submitted', 'accepted')
      join report_requests q on q.id = r.request_id
      cross join jsonb_each_text(r.manual_values) kv
      where ${inSubtree(sql`u.path`, target.path)} and q.unit_id = any(${sql.param(requesters)}::uuid[])
      group by r.request_id, kv.key
      having sum(kv.value::float8) <> 0
      order by 1, 3`);
  }
}

/**
 * Recomputes every counter and sum (of some requests, default all) from the reports, set-based:
 * one pass per folded depth. Counters are derived data: this is their rebuild.
 */
export async function rebuildReportCounts(tx: Executor, options: { requestIds?: string[] } = {}) {
  const only = options.requestIds;
  const which = (column: string) =>
    only ? sql`and ${sql.raw(column)} = any(${sql.param(only)}::uuid[])` : sql``;
  if (only) {
    if (!only.length) return;
    await tx.delete(reportCounts).where(inArray(reportCounts.requestId, only));
    await tx.delete(reportSums).where(inArray(reportSums.requestId, only));
  } else await tx.execute(sql`truncate ${reportCounts}, ${reportSums}`);
  for (let depth = 0; depth < FOLD_DEPTH; depth++) {
    const ancestor = sql.raw(`split_part(u.path, '/', ${depth + 2})::uuid`);
    await tx.execute(sql`
      insert into ${reportCounts} (request_id, unit_id, target_depth, shard, ${insertColumns})
      select r.request_id, ${ancestor}, u.depth, 0, ${countedColumns}
      from reports r
      join units u on u.id = r.unit_id
      join report_requests q on q.id = r.request_id
      join units qu on qu.id = q.unit_id
      where r.counted and u.depth >= ${depth} and qu.depth <= ${depth} and starts_with(u.path, qu.path) ${which("r.request_id")}
      group by 1, 2, 3
      order by 1, 2, 3`);
    await tx.execute(sql`
      insert into ${reportSums} (request_id, unit_id, metric, shard, value)
      select r.request_id, ${ancestor}, kv.key, 0, sum(kv.value::float8)
      from reports r
      join units u on u.id = r.unit_id
      join report_requests q on q.id = r.request_id
      join units qu on qu.id = q.unit_id
      cross join jsonb_each_text(r.manual_values) kv
      where r.counted and r.status in ('submitted', 'accepted') and u.depth >= ${depth} and qu.depth <= ${depth}
        and starts_with(u.path, qu.path) ${which("r.request_id")}
      group by 1, 2, 3
      having sum(kv.value::float8) <> 0
      order by 1, 2, 3`);
  }
}

/**
 * The counters of a new request's target reports (all not started), set-based in one pass: each
 * target counts in its ancestors-or-self from the requester down, above FOLD_DEPTH, on shard 0.
 * `targets` selects the target units (aliased u) the reports were made for — the same condition
 * as their INSERT, in the same transaction — so the pass reads the units, not the new reports.
 */
export async function initialCounts(
  tx: Executor,
  request: { id: string; requesterDepth: number },
  targets: SQL,
) {
  if (request.requesterDepth >= FOLD_DEPTH) return;
  await tx.execute(sql`
    insert into ${reportCounts} (request_id, unit_id, target_depth, shard, not_started)
    select ${request.id}::uuid, split_part(u.path, '/', d + 2)::uuid, u.depth, 0, count(*)
    from (${targets}) u
    cross join generate_series(${request.requesterDepth}::int, ${FOLD_DEPTH - 1}::int) d
    where u.depth >= d
    group by 2, 3
    order by 2, 3`);
}

/** One group's completeness figures, with overdue judged against the due date. */
export interface Completeness extends Counts {
  total: number;
  overdue: number;
}

export function completenessOf(counts: Counts, overdueNow: boolean): Completeness {
  const total = counts.notStarted + counts.draft + counts.submitted + counts.returned + counts.accepted;
  return { ...counts, total, overdue: overdueNow ? total - counts.onTime - counts.late : 0 };
}

export const addCounts = (a: Counts, b: Counts): Counts => {
  const out = emptyCounts();
  for (const k of counterKeys) out[k] = a[k] + b[k];
  return out;
};

export interface ChildUnit {
  id: string;
  name: string;
  code: string | null;
}

export interface CompletenessRows {
  /** The unit's whole subtree, by target depth. */
  byDepth: Map<number, Counts>;
  /** Each child unit's subtree (children with targets only). */
  byChild: Map<string, Counts>;
  /** Those children, in the children's list order (open ones first, then Vietnamese alphabetical). */
  children: ChildUnit[];
  /** The unit's own report counts (when the unit is itself a target). */
  own: Counts;
}

const NAMED = `c.name, c.code, c.sort_key as "sortKey", (c.status <> 'active') as closed`;
/**
 * The folded counters of a unit ($2) and of its children for a request ($1), as a named prepared
 * statement (planned once per connection: two index scans whatever the subtree's size).
 */
const FOLDED_COMPLETENESS = `
  select k.target_depth as depth, null::text as child, null::text as name, null::text as code,
         null::text as "sortKey", null::boolean as closed, ${SUMMED}
  from report_counts k
  where k.request_id = $1::uuid and k.unit_id = $2::uuid
  group by k.target_depth
  union all
  select null::smallint, k.unit_id::text, ${NAMED}, ${SUMMED}
  from units c join report_counts k on k.request_id = $1::uuid and k.unit_id = c.id
  where c.parent_id = $2::uuid
  group by k.unit_id, c.name, c.code, c.sort_key, c.status`;
/**
 * A (small) subtree's counted reports of a request ($1), by depth and by the child they lie under
 * (path range $2..$3, the child's id at position $4 of the path): the subtree's units by the path
 * index, then each one's report by its key (the OFFSET fences keep the generic plan in that order).
 */
const DIRECT_COMPLETENESS = `
  select x.*, ${NAMED}
  from (
    select u.depth, nullif(split_part(u.path, '/', $4::int), '') as child, ${COUNTED}
    from (select id, path, depth from units where path ~>=~ $2 and path ~<~ $3 offset 0) u
    cross join lateral (
      select r.status, r.timeliness from reports r
      where r.request_id = $1::uuid and r.unit_id = u.id and r.counted offset 0
    ) r
    group by 1, 2
  ) x left join units c on c.id = x.child::uuid`;

type CountedRow = Record<keyof Counts, string> & {
  depth: number;
  child: string | null;
  name: string | null;
  code: string | null;
  sortKey: string | null;
  closed: boolean | null;
};

/**
 * The counted reports of a request in a unit's subtree, by depth, by child unit (named) and the
 * unit's own, in one statement: from the folded counters at the upper levels (the unit's rows and
 * its children's, two index scans whatever the subtree's size), else counted directly over the
 * (small) subtree's reports.
 */
export async function readCompleteness(
  db: Executor,
  input: {
    requestId: string;
    requesterPath: string;
    unit: { id: string; path: string; depth: number };
    /** Count the reports themselves even at the upper levels (tests cross-check the counters). */
    direct?: boolean;
  },
): Promise<CompletenessRows> {
  const { unit, requestId } = input;
  const folded = !input.direct && unit.depth + 1 < FOLD_DEPTH && unit.path.startsWith(input.requesterPath);
  const rows = folded
    ? await preparedRows<CountedRow>(db, FOLDED_COMPLETENESS, [requestId, unit.id])
    : await preparedRows<CountedRow>(db, DIRECT_COMPLETENESS, [
        requestId,
        unit.path,
        `${unit.path}~`,
        unit.depth + 3,
      ]);
  const out: CompletenessRows = { byDepth: new Map(), byChild: new Map(), children: [], own: emptyCounts() };
  const children = new Map<string, ChildUnit & { sortKey: string; closed: boolean }>();
  for (const row of rows) {
    const c = countsOf(row);
    const depth = Number(row.depth);
    if (row.child === null) {
      out.byDepth.set(depth, addCounts(out.byDepth.get(depth) ?? emptyCounts(), c));
      // The unit's own report is the only one of its subtree at its own depth.
      if (depth === unit.depth) out.own = addCounts(out.own, c);
      continue;
    }
    out.byChild.set(row.child, addCounts(out.byChild.get(row.child) ?? emptyCounts(), c));
    // Counted directly, the children's rows are the subtree's too.
    if (!folded) out.byDepth.set(depth, addCounts(out.byDepth.get(depth) ?? emptyCounts(), c));
    children.set(row.child, {
      id: row.child,
      name: row.name ?? "",
      code: row.code,
      sortKey: row.sortKey ?? "",
      closed: !!row.closed,
    });
  }
  const live = withoutEmpty(out);
  live.children = [...children.values()]
    .filter((c) => live.byChild.has(c.id))
    .sort(
      (a, b) =>
        Number(a.closed) - Number(b.closed) ||
        (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0) ||
        (a.id < b.id ? -1 : 1),
    )
    .map(({ id, name, code }) => ({ id, name, code }));
  return live;
}

/** How many counted target reports a unit's subtree holds, from the completeness counters. */
export async function countedReports(
  db: Executor,
  input: { requestId: string; requesterPath: string; unit: { id: string; path: string; depth: number } },
) {
  const counts = await readCompleteness(db, input);
  let n = 0;
  for (const c of counts.byDepth.values()) for (const s of reportStatuses) n += c[statusKey[s]];
  return n;
}

/** Counter rows can net to zero (a report folded or moved away): such groups are not shown. */
function withoutEmpty(rows: CompletenessRows): CompletenessRows {
  const live = (c: Counts) => counterKeys.some((k) => c[k] !== 0);
  return {
    byDepth: new Map([...rows.byDepth].filter(([, c]) => live(c))),
    byChild: new Map([...rows.byChild].filter(([, c]) => live(c))),
    children: rows.children,
    own: rows.own,
  };
}

/**
 * The summed hand-entered figures of the submitted target reports in a unit's subtree (the unit's
 * own report included), from the folded sums at the upper levels or directly; by child when asked.
 */
export async function readSums(
  db: Executor,
  input: {
    requestId: string;
    requesterPath: string;
    unit: { id: string; path: string; depth: number };
    byChild?: boolean;
    direct?: boolean;
  },
): Promise<{ total: Record<string, number>; byChild: Map<string, Record<string, number>> }> {
  const { unit, requestId } = input;
  const total: Record<string, number> = {};
  const byChild = new Map<string, Record<string, number>>();
  const folded = !input.direct && unit.depth < FOLD_DEPTH && unit.path.startsWith(input.requesterPath);
  const add = (into: Record<string, number>, metric: string, value: number) => {
    into[metric] = (into[metric] ?? 0) + value;
  };
  if (folded && (!input.byChild || unit.depth + 1 < FOLD_DEPTH)) {
    const rows = await rowsOf<{ unitId: string; metric: string; value: number | string }>(
      db,
      sql`
      select s.unit_id as "unitId", s.metric, sum(s.value) as value
      from report_sums s
      where s.request_id = ${requestId}::uuid and s.unit_id = ${unit.id}::uuid
      group by s.unit_id, s.metric
      ${
        input.byChild
          ? sql`union all
      select s.unit_id, s.metric, sum(s.value)
      from units c join report_sums s on s.request_id = ${requestId}::uuid and s.unit_id = c.id
      where c.parent_id = ${unit.id}::uuid
      group by s.unit_id, s.metric`
          : sql``
      }`,
    );
    for (const row of rows) {
      if (row.unitId === unit.id) add(total, row.metric, Number(row.value));
      else {
        const child = byChild.get(row.unitId) ?? {};
        add(child, row.metric, Number(row.value));
        byChild.set(row.unitId, child);
      }
    }
    return { total: rounded(total), byChild: new Map([...byChild].map(([k, v]) => [k, rounded(v)])) };
  }
  const rows = await rowsOf<{ child: string; metric: string; value: number | string }>(
    db,
    sql`
    select split_part(u.path, '/', ${unit.depth + 3}) as child, kv.key as metric, sum(kv.value::float8) as value
    from units u
    join reports r on r.request_id = ${requestId}::uuid and r.unit_id = u.id and r.counted
                   and r.status in ('submitted', 'accepted')
    cross join jsonb_each_text(r.manual_values) kv
    where ${inSubtree(sql`u.path`, unit.path)}
    group by 1, 2`,
  );
  for (const row of rows) {
    add(total, row.metric, Number(row.value));
    if (row.child !== "") {
      const child = byChild.get(row.child) ?? {};
      add(child, row.metric, Number(row.value));
      byChild.set(row.child, child);
    }
  }
  return { total: rounded(total), byChild: new Map([...byChild].map(([k, v]) => [k, rounded(v)])) };
}

/** Sums of hand-entered figures, rid of floating-point dust (0.1 + 0.2). */
export function rounded(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(values)
      .map(([k, v]) => [k, Math.round(v * 1e6) / 1e6] as const)
      .filter(([, v]) => v !== 0),
  );
}
