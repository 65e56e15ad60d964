import { and, asc, desc, eq, inArray, isNull, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Executor, preparedRows } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { inIdOrder, offsetOf, type PageQuery, pageOf } from "../../lib/pagination.ts";
import { pathIds } from "../figures/index.ts";
import { readByDepth } from "../units/index.ts";
import { units } from "../units/schema.ts";
import { users } from "../users/schema.ts";
import { inSubtree } from "./counts.ts";
import {
  type ReportStatus,
  type RequestKind,
  type RequestStatus,
  reportRequests,
  reportSchedules,
  reports,
  reportVersions,
} from "./schema.ts";

const requester = alias(units, "requester");
const inSubtreeOf = (column: SQLWrapper, path: string) => inSubtree(column, path);

/**
 * What the actor may read of requests ("published-down"): those issued in its subtree and those
 * issued by the units above it (the ids on its path: index lookups, not a reverse LIKE).
 */
export const requestReadWhere = (actor: Actor) =>
  sql`(${inSubtreeOf(requester.path, actor.unitPath)} or ${inArray(reportRequests.unitId, pathIds(actor.unitPath))})`;

const requestColumns = {
  request: reportRequests,
  unitName: requester.name,
  unitPath: requester.path,
  unitDepth: requester.depth,
};
export type RequestRow = Awaited<ReturnType<typeof selectRequests>>[number];
const selectRequests = (db: Executor, where: SQL | undefined) =>
  db
    .select(requestColumns)
    .from(reportRequests)
    .innerJoin(requester, eq(requester.id, reportRequests.unitId))
    .where(where);

/** A request the actor may read, or null (absent and out of sight look the same). */
export async function findRequest(db: Executor, actor: Actor, id: string) {
  const [row] = await selectRequests(db, and(eq(reportRequests.id, id), requestReadWhere(actor))).limit(1);
  return row ?? null;
}

/** A request as it is now, whoever asks (commands, the schedule). */
export async function currentRequest(db: Executor, id: string) {
  const [row] = await selectRequests(db, eq(reportRequests.id, id)).limit(1);
  return row ?? null;
}

export interface RequestFilters extends PageQuery {
  scope: "all" | "issued" | "received";
  status?: RequestStatus | undefined;
  kind?: RequestKind | undefined;
  year?: number | undefined;
}

/** The requests of the units on a path (above it and its own) or of its subtree; every one at the root. */
const requestsInSightOf = (path: string) =>
  pathIds(path).length === 1
    ? undefined
    : sql`(${inArray(reportRequests.unitId, pathIds(path))} or ${reportRequests.unitId} in (select u.id from ${units} u where ${inSubtreeOf(sql`u.path`, path)}))`;

/**
 * The requests seen from a unit (within the actor's sight): issued in its subtree and by the units
 * above it, only those of its subtree, or only those with a report for the unit itself. Each with
 * the unit's own report. The most recent period first. The sight is written as index-served sets
 * of requesters (none at the root), so the latest are walked in `report_requests_period_idx`
 * order; then the page's details and own reports, by id.
 */
export async function listRequests(
  db: Executor,
  actor: Actor,
  unit: { id: string; path: string },
  query: RequestFilters,
) {
  const own = alias(reports, "own");
  const scoped: Record<RequestFilters["scope"], SQL | undefined> = {
    all: requestsInSightOf(unit.path),
    issued:
      pathIds(unit.path).length === 1
        ? undefined
        : sql`${reportRequests.unitId} in (select u.id from ${units} u where ${inSubtreeOf(sql`u.path`, unit.path)})`,
    received: sql`${reportRequests.id} in (select r.request_id from ${reports} r where r.unit_id = ${unit.id} and r.role = 'target')`,
  };
  const conditions: (SQL | undefined)[] = [requestsInSightOf(actor.unitPath), scoped[query.scope]];
  if (query.status) conditions.push(eq(reportRequests.status, query.status));
  if (query.kind) conditions.push(eq(reportRequests.kind, query.kind));
  if (query.year !== undefined)
    conditions.push(
      sql`${reportRequests.periodStart} <= ${`${query.year}-12-31`}::date and ${reportRequests.periodEnd} >= ${`${query.year}-01-01`}::date`,
    );
  const where = and(...conditions);
  const ownJoin = and(eq(own.requestId, reportRequests.id), eq(own.unitId, unit.id), eq(own.role, "target"));
  const rows = async (limit: number, offset: number) => {
    const ids = (
      await db
        .select({ id: reportRequests.id })
        .from(reportRequests)
        .where(where)
        .orderBy(desc(reportRequests.periodEnd), desc(reportRequests.id))
        .limit(limit)
        .offset(offset)
    ).map((r) => r.id);
    if (!ids.length) return [];
    return inIdOrder(
      ids,
      await db
        .select({
          ...requestColumns,
          own: { id: own.id, status: own.status, timeliness: own.timeliness, unitId: own.unitId },
        })
        .from(reportRequests)
        .innerJoin(requester, eq(requester.id, reportRequests.unitId))
        .leftJoin(own, ownJoin)
        .where(inArray(reportRequests.id, ids)),
      (r) => r.request.id,
    );
  };
  return pageOf(db, query, rows, () => db.select({ one: sql`1` }).from(reportRequests).where(where));
}

/** A unit's report for a request (a target's, or the requester's consolidation), if any. */
export async function reportOfUnit(db: Executor, requestId: string, unitId: string) {
  const [row] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.requestId, requestId), eq(reports.unitId, unitId)))
    .limit(1);
  return row ?? null;
}

/** The requester's own consolidated report. */
export async function consolidationOf(db: Executor, requestId: string) {
  const [row] = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.requestId, requestId), eq(reports.role, "consolidation")))
    .limit(1);
  return row?.id ?? null;
}

const reportUnit = alias(units, "report_unit");
const originalUnit = alias(units, "original_unit");
const reportColumns = {
  report: reports,
  request: reportRequests,
  unitName: reportUnit.name,
  unitCode: reportUnit.code,
  unitPath: reportUnit.path,
  unitDepth: reportUnit.depth,
  unitDocumentCode: reportUnit.documentCode,
  requesterName: requester.name,
  requesterPath: requester.path,
  originalName: originalUnit.name,
};
export type ReportFullRow = Awaited<ReturnType<typeof selectReports>>[number];
const selectReports = (db: Executor, where: SQL | undefined) =>
  db
    .select(reportColumns)
    .from(reports)
    .innerJoin(reportRequests, eq(reportRequests.id, reports.requestId))
    .innerJoin(reportUnit, eq(reportUnit.id, reports.unitId))
    .innerJoin(requester, eq(requester.id, reportRequests.unitId))
    .leftJoin(originalUnit, eq(originalUnit.id, reports.originalUnitId))
    .where(where);

/** A report the actor may see (its unit within the actor's subtree), or null. */
export async function findReport(db: Executor, actor: Actor, id: string) {
  const [row] = await selectReports(
    db,
    and(eq(reports.id, id), inSubtreeOf(reportUnit.path, actor.unitPath)),
  ).limit(1);
  return row ?? null;
}

/** A report as it is now, whoever asks (inside a command that has authorised the caller). */
export async function currentReport(db: Executor, id: string) {
  const [row] = await selectReports(db, eq(reports.id, id)).limit(1);
  return row ?? null;
}

export interface ReportFilters extends PageQuery {
  status?: ReportStatus | undefined;
  timeliness?: "on_time" | "late" | "overdue" | "pending" | undefined;
}

/**
 * The counted target reports of a request in a unit's subtree, in the tree's order (upper levels
 * first, then by name): the unit's own, then the subtree's a depth at a time (readByDepth: the
 * units of a depth walked by name, `units_depth_sort_idx`, each report a `reports_request_unit_key`
 * lookup) until the page is full — the national request's first page reads the provinces'
 * reports, not its ~300,000; then the page's details, by id.
 */
export async function listReports(
  db: Executor,
  input: {
    requestId: string;
    dueOn: string;
    today: string;
    unitPath: string;
    /** The subtree's counted reports without filters, when the caller knows it (the completeness counters). */
    countedTotal?: () => Promise<number>;
  },
  query: ReportFilters,
) {
  const parent = alias(units, "parent");
  const conditions: (SQL | undefined)[] = [eq(reports.requestId, input.requestId), eq(reports.counted, true)];
  if (query.status) conditions.push(eq(reports.status, query.status));
  if (query.timeliness === "on_time" || query.timeliness === "late")
    conditions.push(eq(reports.timeliness, query.timeliness));
  if (query.timeliness === "pending") conditions.push(isNull(reports.firstSubmittedAt));
  if (query.timeliness === "overdue")
    conditions.push(input.today > input.dueOn ? isNull(reports.firstSubmittedAt) : sql`false`);
  const filters = and(...conditions);
  const ownDepth = pathIds(input.unitPath).length - 1;
  const ids = (where: SQL, byDepth: SQL[], limit: number) =>
    db
      .select({ id: reports.id })
      .from(reports)
      .innerJoin(reportUnit, eq(reportUnit.id, reports.unitId))
      .where(and(where, filters))
      .orderBy(...byDepth, asc(reportUnit.sortKey), asc(reportUnit.id))
      .limit(limit)
      .then((rows) => rows.map((r) => r.id));
  const rows = async (limit: number, offset: number) => {
    const wanted = offset + limit;
    const found = await ids(eq(reports.unitId, pathIds(input.unitPath).at(-1) ?? ""), [], wanted);
    if (found.length < wanted)
      found.push(
        ...(await readByDepth(
          db,
          { path: input.unitPath, direction: "asc", wanted: wanted - found.length, owner: reportUnit },
          ids,
        )),
      );
    const page = found.slice(offset, wanted);
    if (!page.length) return [];
    return inIdOrder(
      page,
      await db
        .select({
          report: reports,
          unitName: reportUnit.name,
          unitCode: reportUnit.code,
          parentName: parent.name,
        })
        .from(reports)
        .innerJoin(reportUnit, eq(reportUnit.id, reports.unitId))
        .leftJoin(parent, eq(parent.id, reportUnit.parentId))
        .where(inArray(reports.id, page)),
      (r) => r.report.id,
    );
  };
  const matches = () =>
    db
      .select({ one: sql`1` })
      .from(reports)
      .innerJoin(reportUnit, eq(reportUnit.id, reports.unitId))
      .where(and(filters, ownDepth === 0 ? undefined : inSubtreeOf(reportUnit.path, input.unitPath)));
  // Unfiltered, the subtree's counted reports are its completeness counters' total (the folded
  // counters at the upper levels: two index scans, not a count of up to 10,000 reports).
  if (input.countedTotal && !query.status && !query.timeliness) {
    const [page, total] = await Promise.all([rows(query.pageSize, offsetOf(query)), input.countedTotal()]);
    return { rows: page, total };
  }
  return pageOf(db, query, rows, matches);
}
export type ReportListRow = Awaited<ReturnType<typeof listReports>>["rows"][number];

/** Every version of a report, the latest first, with who made it. */
export const versionsOf = (db: Executor, reportId: string) =>
  db
    .select({ version: reportVersions, actorName: users.displayName })
    .from(reportVersions)
    .leftJoin(users, eq(users.id, reportVersions.actorId))
    .where(eq(reportVersions.reportId, reportId))
    .orderBy(desc(reportVersions.version), desc(reportVersions.at));

/** Units by id (names, codes, sort keys) — children of a unit shown in completeness. */
export async function unitsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: units.id,
      name: units.name,
      code: units.code,
      sortKey: units.sortKey,
      status: units.status,
    })
    .from(units)
    .where(inArray(units.id, ids))
    .orderBy(sql`${units.status} <> 'active'`, asc(units.sortKey), asc(units.id));
}

/** Target reports of some units for a request (the consolidation's per-unit table). */
export async function reportsOfUnits(db: Executor, requestId: string, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .select()
    .from(reports)
    .where(
      and(eq(reports.requestId, requestId), inArray(reports.unitId, unitIds), eq(reports.counted, true)),
    );
}

const scheduleUnit = alias(units, "schedule_unit");
/**
 * The schedules of a unit's subtree the actor sees, the upper levels first: the unit's own, then
 * its subtree's a depth at a time (readByDepth) until the page is full; then the page's details.
 */
export async function listSchedules(db: Executor, unitPath: string, query: PageQuery) {
  const unitId = pathIds(unitPath).at(-1) ?? "";
  const ids = (where: SQL, byDepth: SQL[], limit: number) =>
    db
      .select({ id: reportSchedules.id })
      .from(reportSchedules)
      .innerJoin(scheduleUnit, eq(scheduleUnit.id, reportSchedules.unitId))
      .where(where)
      .orderBy(...byDepth, desc(reportSchedules.id))
      .limit(limit)
      .then((rows) => rows.map((r) => r.id));
  const rows = async (limit: number, offset: number) => {
    const wanted = offset + limit;
    const found = await ids(eq(reportSchedules.unitId, unitId), [], wanted);
    if (found.length < wanted)
      found.push(
        ...(await readByDepth(
          db,
          { path: unitPath, direction: "asc", wanted: wanted - found.length, owner: scheduleUnit },
          ids,
        )),
      );
    const page = found.slice(offset, wanted);
    if (!page.length) return [];
    return inIdOrder(
      page,
      await db
        .select({ schedule: reportSchedules, unitName: scheduleUnit.name, unitPath: scheduleUnit.path })
        .from(reportSchedules)
        .innerJoin(scheduleUnit, eq(scheduleUnit.id, reportSchedules.unitId))
        .where(inArray(reportSchedules.id, page)),
      (r) => r.schedule.id,
    );
  };
  return pageOf(db, query, rows, () =>
    pathIds(unitPath).length === 1
      ? db.select({ one: sql`1` }).from(reportSchedules)
      : db
          .select({ one: sql`1` })
          .from(reportSchedules)
          .innerJoin(scheduleUnit, eq(scheduleUnit.id, reportSchedules.unitId))
          .where(inSubtreeOf(scheduleUnit.path, unitPath)),
  );
}

export async function findSchedule(db: Executor, actorPath: string, id: string) {
  const [row] = await db
    .select({ schedule: reportSchedules, unitName: scheduleUnit.name, unitPath: scheduleUnit.path })
    .from(reportSchedules)
    .innerJoin(scheduleUnit, eq(scheduleUnit.id, reportSchedules.unitId))
    .where(and(eq(reportSchedules.id, id), inSubtreeOf(scheduleUnit.path, actorPath)))
    .limit(1);
  return row ?? null;
}
export type ScheduleRow = NonNullable<Awaited<ReturnType<typeof findSchedule>>>;

/**
 * A request the actor may read (published down: issued in its subtree or above it) and the unit
 * its completeness is seen from — the one asked for, else the actor's own when it lies in the
 * request's tree, else the requester — found within the actor's subtree, in one prepared statement
 * (the hot read of completeness). Null: no such request in sight; `unit` null: the unit is out of sight.
 */
export async function findRequestView(db: Executor, actor: Actor, requestId: string, unitId: string | null) {
  const [row] = await preparedRows<{
    id: string;
    status: RequestStatus;
    dueOn: string;
    requesterId: string;
    requesterName: string;
    requesterPath: string;
    requesterDepth: number;
    unitId: string | null;
    unitName: string | null;
    unitPath: string | null;
    unitDepth: number | null;
  }>(db, REQUEST_VIEW, [
    requestId,
    actor.unitPath,
    `${actor.unitPath}~`,
    pathIds(actor.unitPath),
    unitId,
    actor.unitId,
  ]);
  if (!row) return null;
  return {
    request: { id: row.id, status: row.status, dueOn: String(row.dueOn).slice(0, 10) },
    requester: {
      id: row.requesterId,
      name: row.requesterName,
      path: row.requesterPath,
      depth: Number(row.requesterDepth),
    },
    unit:
      row.unitId && row.unitPath !== null
        ? { id: row.unitId, name: row.unitName ?? "", path: row.unitPath, depth: Number(row.unitDepth) }
        : null,
  };
}
const REQUEST_VIEW = `
  select q.id, q.status, q.due_on::text as "dueOn", qu.id as "requesterId", qu.name as "requesterName",
         qu.path as "requesterPath", qu.depth as "requesterDepth",
         v.id as "unitId", v.name as "unitName", v.path as "unitPath", v.depth as "unitDepth"
  from report_requests q
  join units qu on qu.id = q.unit_id
  left join lateral (
    select u.id, u.name, u.path, u.depth from units u
    where u.id = coalesce($5::uuid, case when starts_with($2::text, qu.path) then $6::uuid else qu.id end)
      and u.path ~>=~ $2::text and u.path ~<~ $3::text
  ) v on true
  where q.id = $1::uuid and ((qu.path ~>=~ $2::text and qu.path ~<~ $3::text) or q.unit_id = any($4::uuid[]))`;
