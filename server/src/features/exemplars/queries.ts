import {
  type AnyColumn,
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import {
  cappedColumns,
  cappedCount,
  pageId,
  pageSource,
  pageTotal,
  pageTotalColumns,
  tablePage,
  windowCount,
} from "../../lib/list-statement.ts";
import { offsetOf, type PageQuery } from "../../lib/pagination.ts";
import { pathIds } from "../figures/index.ts";
import { people } from "../people/schema.ts";
import { practices } from "../practices/schema.ts";
import { type ReviewFilters, searchQuery } from "../recognition/index.ts";
import { campaignFields } from "../recognition/schema.ts";
import { unitKinds, units } from "../units/schema.ts";
import { type ExemplarKind, exemplarPractices, exemplars } from "./schema.ts";

const e = exemplars;

/** A unit's column, read for one of the row's units (a primary-key lookup, no join to plan). */
const unitColumn = <T extends string | null>(column: "name" | "path", unitId: AnyColumn) =>
  sql<T>`(select u.${sql.raw(column)} from ${units} u where u.id = ${unitId})`;

/** Columns every list and page of exemplars shows. */
const columns = {
  exemplar: exemplars,
  fieldCode: campaignFields.code,
  fieldName: campaignFields.name,
  fieldNameEn: campaignFields.nameEn,
  unitName: unitColumn<string>("name", e.unitId),
  unitPath: unitColumn<string>("path", e.unitId),
  subjectName: unitColumn<string | null>("name", e.subjectUnitId),
  personFullName: sql<string | null>`(select pp.full_name from ${people} pp where pp.id = ${e.personId})`,
  registryUnitName: sql<
    string | null
  >`(select u.name from ${people} pp join ${units} u on u.id = pp.unit_id where pp.id = ${e.personId})`,
  waitingName: unitColumn<string | null>("name", e.reviewUnitId),
  recognisedName: unitColumn<string | null>("name", e.recognisedUnitId),
  recognisedPath: unitColumn<string | null>("path", e.recognisedUnitId),
  recognisedKindName: sql<
    string | null
  >`(select k.name from ${units} u join ${unitKinds} k on k.id = u.kind_id where u.id = ${e.recognisedUnitId})`,
  practiceCount: sql<number>`(select count(*)::int from ${exemplarPractices} ep where ep.exemplar_id = ${e.id})`,
};
/** What a list reads of an exemplar: every column but the search vector (half a kilobyte a row). */
const { searchVector: _searchVector, ...listedColumns } = getTableColumns(exemplars);
export type ExemplarListRow = Omit<
  Awaited<ReturnType<typeof exemplarPage>>[number],
  keyof typeof pageTotalColumns
>;

const selectExemplars = (db: Executor, where: SQL | undefined) =>
  db.select(columns).from(exemplars).innerJoin(campaignFields, eq(campaignFields.id, e.fieldId)).where(where);

/** A page's exemplars (`page`: see pageSource) with their details, in `order`. */
const exemplarPage = (db: Executor, page: SQLWrapper, order: SQL[]) =>
  db
    .select({ ...columns, exemplar: listedColumns, ...pageTotalColumns })
    .from(pageSource(page))
    .innerJoin(e, eq(e.id, pageId))
    .innerJoin(campaignFields, eq(campaignFields.id, e.fieldId))
    .orderBy(...order);

/** The whole tree is the subtree of a root unit: its lists need no scope condition at all. */
const isRootPath = (path: string) => pathIds(path).length === 1;

/**
 * The exemplars of a subtree's units: an index probe per unit (`unit_id = any(…)`), as the
 * condition driving a SELECT — never inside an OR, where the array would be checked row by row.
 */
const ofSubtree = (path: string) =>
  sql`${e.unitId} = any(array(select u.id from ${units} u where u.path like ${`${path}%`}))`;

/** What the actor may read: its subtree's exemplars in any state, and every recognised one (one row). */
export const exemplarReadWhere = (actor: Actor) =>
  sql`(${e.status} = 'recognised' or exists (select 1 from ${units} u where u.id = ${e.unitId} and u.path like ${`${actor.unitPath}%`}))`;

/** An exemplar the actor may read, or null (absent and out of sight look the same). */
export async function findExemplar(db: Executor, actor: Actor, id: string) {
  const [row] = await selectExemplars(db, and(eq(e.id, id), exemplarReadWhere(actor))).limit(1);
  return row ?? null;
}

export interface ExemplarFilters extends ReviewFilters {
  kind?: ExemplarKind | undefined;
}

/**
 * Exemplars by filters, paged: relevance-ranked when searching (accent-free full text over the
 * name, the story, the achievements and the unit names). The page's ids come from the exemplars
 * alone, then its details: for a root actor the table in list order (an index walk that stops at
 * the page); for `mine`, the subtree's (counted in the same pass); for `all`, the recognised ones
 * (shared with everyone, in index order) and the subtree's others, each read up to the page's end
 * and merged; a search counts its matches in the same pass.
 */
export async function listExemplars(db: Executor, actor: Actor, query: ExemplarFilters) {
  const filters: SQL[] = [];
  if (query.unitId) {
    const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, query.unitId));
    if (!unit) return { rows: [], total: 0 };
    if (!isRootPath(unit.path))
      filters.push(sql`${e.unitId} in (select u.id from ${units} u where u.path like ${`${unit.path}%`})`);
  }
  const tsq = searchQuery(query.q);
  if (tsq) filters.push(sql`${e.searchVector} @@ ${tsq}`);
  if (query.field)
    filters.push(sql`${e.fieldId} in (select f.id from ${campaignFields} f where f.code = ${query.field})`);
  if (query.status) filters.push(eq(e.status, query.status));
  if (query.level) filters.push(eq(e.recognisedLevel, query.level));
  if (query.kind) filters.push(eq(e.kind, query.kind));
  if (query.year)
    filters.push(
      sql`${e.registeredOn} >= ${`${query.year}-01-01`}::date and ${e.registeredOn} < ${`${query.year + 1}-01-01`}::date`,
    );
  // The order, over the exemplars and over the merged sets `s` (which carry the sort keys).
  const byRank = !!tsq && query.sort === "relevance";
  const rank = tsq && byRank ? sql<number>`ts_rank(${e.searchVector}, ${tsq})` : sql<number>`0`;
  const order = byRank
    ? { table: [sql`${rank} desc`, desc(e.id)], merged: sql`s.rank desc, s.id desc` }
    : query.sort === "title"
      ? { table: [asc(e.title), asc(e.id)], merged: sql`s.title asc, s.id asc` }
      : { table: [desc(e.registeredOn), desc(e.id)], merged: sql`s.registered_on desc, s.id desc` };
  const set = (...conditions: SQL[]) =>
    db
      .select({ id: e.id, registeredOn: e.registeredOn, title: e.title, rank: rank.as("rank") })
      .from(e)
      .where(and(...conditions, ...filters));
  /** The matches, to count (no column but a constant: an index may answer). */
  const matching = (...conditions: SQL[]) =>
    db
      .select({ one: sql`1` })
      .from(e)
      .where(and(...conditions, ...filters));
  const root = isRootPath(actor.unitPath);
  let page: SQLWrapper;
  let matches: () => SQLWrapper;
  if (root || query.scope === "mine") {
    // One set: the whole table (a root actor), or the subtree's exemplars (counted in the same pass).
    const scope = root ? [] : [ofSubtree(actor.unitPath)];
    matches = () => matching(...scope);
    page = db
      .select({ id: e.id, ...(!root || tsq ? windowCount() : cappedColumns(matches())) })
      .from(e)
      .where(and(...scope, ...filters))
      .orderBy(...order.table)
      .limit(query.pageSize)
      .offset(offsetOf(query));
  } else {
    // The recognised ones and the subtree's others: two disjoint sets, merged.
    const recognised = eq(e.status, "recognised");
    const others = and(ofSubtree(actor.unitPath), sql`${e.status} <> 'recognised'`) as SQL;
    matches = () => sql`${matching(recognised)} union all ${matching(others)}`;
    const end = offsetOf(query) + query.pageSize;
    const limited = (condition: SQL) =>
      sql`(${set(condition)
        .orderBy(...order.table)
        .limit(end)})`;
    // A search reads its matches anyway and counts them; else each set is read up to the page's end.
    page = tsq
      ? sql`select s.id, count(*) over () as total, null::int as capped from (${set(recognised)} union all ${set(others)}) s order by ${order.merged} limit ${query.pageSize} offset ${offsetOf(query)}`
      : sql`select s.id, null::int as total, ${cappedCount(matches())} as capped from (${limited(recognised)} union all ${limited(others)}) s order by ${order.merged} limit ${query.pageSize} offset ${offsetOf(query)}`;
  }
  const rows = await exemplarPage(db, page, order.table);
  return { rows, ...(await pageTotal(db, query, rows, matches)) };
}

/** What waits for the actor's unit to review, oldest first. */
export async function exemplarQueue(db: Executor, actor: Actor, query: PageQuery) {
  const where = and(eq(e.status, "submitted"), eq(e.reviewUnitId, actor.unitId));
  const order = [asc(e.waitingSince), asc(e.id)];
  const { page, matches } = tablePage(db, e, where, order, query);
  const rows = await exemplarPage(db, page, order);
  return { rows, ...(await pageTotal(db, query, rows, matches)) };
}

/** How many exemplars wait for a unit's review. */
export const queueCount = (db: Executor, unitId: string) =>
  db.$count(exemplars, and(eq(exemplars.status, "submitted"), eq(exemplars.reviewUnitId, unitId)));

const practiceOwner = alias(units, "practice_owner");

/**
 * The models linked to an exemplar that the actor may read (its subtree's, or recognised), or —
 * without an actor, for the public showcase — only those on the showcase themselves.
 */
export function linkedPractices(db: Executor, exemplarId: string, actor: Actor | null) {
  const readable = actor
    ? sql`(${practiceOwner.path} like ${`${actor.unitPath}%`} or ${practices.status} = 'recognised')`
    : sql`(${practices.status} = 'recognised' and ${practices.isPublic})`;
  return db
    .select({
      id: practices.id,
      title: practices.title,
      unitName: practiceOwner.name,
      status: practices.status,
    })
    .from(exemplarPractices)
    .innerJoin(practices, eq(practices.id, exemplarPractices.practiceId))
    .innerJoin(practiceOwner, eq(practiceOwner.id, practices.unitId))
    .where(and(eq(exemplarPractices.exemplarId, exemplarId), readable))
    .orderBy(asc(practices.title));
}

/** Of the given models, those the actor may link: recognised ones (readable across the tree). */
export async function linkablePractices(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: practices.id })
    .from(practices)
    .where(and(inArray(practices.id, ids), eq(practices.status, "recognised")));
}

/**
 * Public and recognised: the showcase, latest recognised first (`exemplars_public_idx` order: an
 * index walk that stops at the page), or by relevance when searching (counted in the same pass).
 */
export async function listPublicExemplars(
  db: Executor,
  query: PageQuery & { q?: string | undefined; field?: string | undefined; kind?: ExemplarKind | undefined },
) {
  const conditions: SQL[] = [eq(e.status, "recognised"), eq(e.isPublic, true)];
  const tsq = searchQuery(query.q);
  if (tsq) conditions.push(sql`${e.searchVector} @@ ${tsq}`);
  if (query.field)
    conditions.push(
      sql`${e.fieldId} in (select f.id from ${campaignFields} f where f.code = ${query.field})`,
    );
  if (query.kind) conditions.push(eq(e.kind, query.kind));
  const where = and(...conditions);
  const order = [
    ...(tsq ? [sql`ts_rank(${e.searchVector}, ${tsq}) desc`] : []),
    desc(e.recognisedOn),
    desc(e.id),
  ];
  const { page, matches } = tablePage(db, e, where, order, query, tsq ? "window" : "capped");
  const rows = await exemplarPage(db, page, order);
  return { rows, ...(await pageTotal(db, query, rows, matches)) };
}

export async function findPublicExemplar(db: Executor, id: string) {
  const [row] = await selectExemplars(
    db,
    and(eq(exemplars.id, id), eq(exemplars.status, "recognised"), eq(exemplars.isPublic, true)),
  ).limit(1);
  return row ?? null;
}
