import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { inIdOrder, listTotal, offsetOf, type PageQuery, pageOf, type Total } from "../../lib/pagination.ts";
import { pathIds } from "../figures/index.ts";
import { storedFiles } from "../files/schema.ts";
import { people } from "../people/schema.ts";
import { type ReviewFilters, searchQuery } from "../recognition/index.ts";
import { campaignFields } from "../recognition/schema.ts";
import { unitKinds, units } from "../units/schema.ts";
import { adoptions, practices } from "./schema.ts";

const owner = alias(units, "owner");
const waiting = alias(units, "waiting");
const recogniser = alias(units, "recogniser");
const recogniserKind = alias(unitKinds, "recogniser_kind");

/** Columns every list and page of models shows. */
const columns = {
  practice: practices,
  fieldCode: campaignFields.code,
  fieldName: campaignFields.name,
  fieldNameEn: campaignFields.nameEn,
  unitName: owner.name,
  unitCode: owner.code,
  unitPath: owner.path,
  personName: people.fullName,
  waitingName: waiting.name,
  recognisedName: recogniser.name,
  recognisedPath: recogniser.path,
  recognisedKindName: recogniserKind.name,
  adoptionCount: sql<number>`(select count(*)::int from ${adoptions} a where a.practice_id = ${practices.id})`,
};
export type PracticeListRow = Awaited<ReturnType<typeof selectPractices>>[number];

const selectPractices = (db: Executor, where: SQL | undefined) =>
  db
    .select(columns)
    .from(practices)
    .innerJoin(owner, eq(owner.id, practices.unitId))
    .innerJoin(campaignFields, eq(campaignFields.id, practices.fieldId))
    .leftJoin(people, eq(people.id, practices.personId))
    .leftJoin(waiting, eq(waiting.id, practices.reviewUnitId))
    .leftJoin(recogniser, eq(recogniser.id, practices.recognisedUnitId))
    .leftJoin(recogniserKind, eq(recogniserKind.id, recogniser.kindId))
    .where(where);

/** What the actor may read: its subtree's models in any state, and every recognised one. */
export const practiceReadWhere = (actor: Actor) =>
  sql`(${owner.path} like ${`${actor.unitPath}%`} or ${practices.status} = 'recognised')`;

/** A model the actor may read, or null (absent and out of sight look the same). */
export async function findPractice(db: Executor, actor: Actor, id: string) {
  const [row] = await selectPractices(db, and(eq(practices.id, id), practiceReadWhere(actor))).limit(1);
  return row ?? null;
}

export type PracticeFilters = ReviewFilters;

/** Models by filters, paged: relevance-ranked when searching (accent-free full text). */
export async function listPractices(db: Executor, actor: Actor, query: PracticeFilters) {
  // The whole tree is the subtree of a root actor: nothing to scope its lists by.
  const atRoot = pathIds(actor.unitPath).length === 1;
  let unitPath: string | null = null;
  if (query.unitId) {
    const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, query.unitId));
    if (!unit) return { rows: [], total: 0 };
    unitPath = unit.path;
  }
  // Subtrees as sets of owner units (no owner join): with the recognised ones, the same models as
  // `practiceReadWhere`, walked in `practices_registered_idx` order.
  const ownedIn = (path: string) =>
    sql`${practices.unitId} in (select u.id from ${units} u where u.path like ${`${path}%`})`;
  const conditions: SQL[] = [];
  if (query.scope === "mine" && !atRoot) conditions.push(ownedIn(actor.unitPath));
  else if (!atRoot) conditions.push(sql`(${practices.status} = 'recognised' or ${ownedIn(actor.unitPath)})`);
  if (unitPath) conditions.push(ownedIn(unitPath));
  const tsq = searchQuery(query.q);
  if (tsq) conditions.push(sql`${practices.searchVector} @@ ${tsq}`);
  if (query.field)
    conditions.push(
      sql`${practices.fieldId} = (select f.id from ${campaignFields} f where f.code = ${query.field})`,
    );
  if (query.status) conditions.push(eq(practices.status, query.status));
  if (query.level) conditions.push(eq(practices.recognisedLevel, query.level));
  if (query.year)
    conditions.push(
      sql`${practices.registeredOn} >= ${`${query.year}-01-01`}::date and ${practices.registeredOn} < ${`${query.year + 1}-01-01`}::date`,
    );
  const where = and(...conditions);
  const order =
    tsq && query.sort === "relevance"
      ? [sql`ts_rank(${practices.searchVector}, ${tsq}) desc`, desc(practices.id)]
      : query.sort === "title"
        ? [asc(practices.title), asc(practices.id)]
        : [desc(practices.registeredOn), desc(practices.id)];
  // Two steps: the page's ids from the filtered, ordered models (few joins), then the details. A
  // search counts its matches in the same pass (a window over the rows the ranking reads anyway);
  // a list without one counts only up to EXACT_TOTAL_UP_TO (listTotal).
  const ids = await db
    .select({ id: practices.id, total: tsq ? sql<number>`count(*) over ()` : sql<number>`0` })
    .from(practices)
    .where(where)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset(offsetOf(query));
  const matches = () => db.select({ one: sql`1` }).from(practices).where(where);
  // A search's page carries its count; a page past the end has no row to carry it.
  const total: Total =
    tsq && ids.length
      ? { total: Number(ids[0]?.total ?? 0) }
      : await listTotal(db, query, ids.length, matches);
  const rows = ids.length
    ? await selectPractices(
        db,
        inArray(
          practices.id,
          ids.map((r) => r.id),
        ),
      )
    : [];
  const byId = new Map(rows.map((r) => [r.practice.id, r]));
  return {
    rows: ids.map((r) => byId.get(r.id)).filter((r): r is PracticeListRow => !!r),
    ...total,
  };
}

/** What waits for the actor's unit to review, oldest first. */
export function reviewQueue(db: Executor, actor: Actor, query: PageQuery) {
  const where = and(eq(practices.status, "submitted"), eq(practices.reviewUnitId, actor.unitId));
  return pageOf(
    db,
    query,
    (limit, offset) =>
      selectPractices(db, where)
        .orderBy(asc(practices.waitingSince), asc(practices.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ one: sql`1` }).from(practices).where(where),
  );
}

export async function queueCount(db: Executor, unitId: string) {
  return db.$count(practices, and(eq(practices.status, "submitted"), eq(practices.reviewUnitId, unitId)));
}

const adopter = alias(units, "adopter");
/**
 * The units that adopted a model (or that a unit's subtree adopted), paged, the latest first: the
 * page's ids walk `adoptions_started_idx` (each adopter joined for its name's order and the
 * subtree), then the page's details.
 */
export function listAdoptions(db: Executor, where: SQL, query: PageQuery) {
  const rows = async (limit: number, offset: number) => {
    const ids = (
      await db
        .select({ id: adoptions.id })
        .from(adoptions)
        .innerJoin(adopter, eq(adopter.id, adoptions.unitId))
        .where(where)
        .orderBy(desc(adoptions.startedOn), asc(adopter.sortKey), asc(adoptions.id))
        .limit(limit)
        .offset(offset)
    ).map((r) => r.id);
    if (!ids.length) return [];
    return inIdOrder(
      ids,
      await db
        .select({
          adoption: adoptions,
          unitName: adopter.name,
          unitPath: adopter.path,
          title: practices.title,
        })
        .from(adoptions)
        .innerJoin(adopter, eq(adopter.id, adoptions.unitId))
        .innerJoin(practices, eq(practices.id, adoptions.practiceId))
        .where(inArray(adoptions.id, ids)),
      (r) => r.adoption.id,
    );
  };
  return pageOf(db, query, rows, () =>
    db
      .select({ one: sql`1` })
      .from(adoptions)
      .innerJoin(adopter, eq(adopter.id, adoptions.unitId))
      .where(where),
  );
}
export const adoptionsOfPractice = (practiceId: string) => eq(adoptions.practiceId, practiceId);
/** Adoptions by units of a subtree (what a unit's tree took up from elsewhere). */
export const adoptionsInSubtree = (path: string) => sql`${adopter.path} like ${`${path}%`}`;

export async function findAdoption(db: Executor, id: string) {
  const [row] = await db
    .select({
      adoption: adoptions,
      unitName: adopter.name,
      unitPath: adopter.path,
      title: practices.title,
      status: practices.status,
    })
    .from(adoptions)
    .innerJoin(adopter, eq(adopter.id, adoptions.unitId))
    .innerJoin(practices, eq(practices.id, adoptions.practiceId))
    .where(eq(adoptions.id, id));
  return row ?? null;
}

export async function adoptionOf(db: Executor, practiceId: string, unitId: string) {
  const [row] = await db
    .select({ id: adoptions.id })
    .from(adoptions)
    .where(and(eq(adoptions.practiceId, practiceId), eq(adoptions.unitId, unitId)));
  return row ?? null;
}

/**
 * How a model spread: adoptions per year, and per area — the children of the viewer's unit (for
 * the national root: the provinces) that hold adopting units.
 */
export async function practiceSpread(db: Executor, actor: Actor, practiceId: string) {
  const byYear = (await db.execute(sql`
    select extract(year from started_on)::int as year, count(*)::int as count from ${adoptions}
    where practice_id = ${practiceId} group by 1 order by 1`)) as unknown as {
    rows: { year: number; count: number }[];
  };
  const depth = actor.unitPath.split("/").filter(Boolean).length; // the child level below the viewer's unit
  const byArea = (await db.execute(sql`
    select area.id, area.name, count(*)::int as count
    from ${adoptions} a join ${units} u on u.id = a.unit_id
    join ${units} area on area.id = split_part(u.path, '/', ${depth + 2})::uuid
    where a.practice_id = ${practiceId} and u.path like ${`${actor.unitPath}%`} and u.depth >= ${depth}
    group by area.id, area.name order by count(*) desc, area.name limit 100`)) as unknown as {
    rows: { id: string; name: string; count: number }[];
  };
  const total = byYear.rows.reduce((s, r) => s + Number(r.count), 0);
  return {
    total,
    byYear: byYear.rows.map((r) => ({ year: Number(r.year), count: Number(r.count) })),
    byArea: byArea.rows.map((r) => ({ id: r.id, name: r.name, count: Number(r.count) })),
  };
}

export const listFields = (db: Executor) =>
  db
    .select()
    .from(campaignFields)
    .where(eq(campaignFields.active, true))
    .orderBy(asc(campaignFields.sortOrder));
export const fieldByCode = async (db: Executor, code: string) =>
  (await db.select().from(campaignFields).where(eq(campaignFields.code, code)))[0] ?? null;

/**
 * Public and recognised: the showcase, the latest recognised first — the page's ids walk
 * `practices_public_idx` (a search ranks its matches first), then the page's details.
 */
export async function listPublicPractices(
  db: Executor,
  query: PageQuery & { q?: string | undefined; field?: string | undefined },
) {
  const conditions: SQL[] = [eq(practices.status, "recognised"), eq(practices.isPublic, true)];
  const tsq = searchQuery(query.q);
  if (tsq) conditions.push(sql`${practices.searchVector} @@ ${tsq}`);
  if (query.field)
    conditions.push(
      sql`${practices.fieldId} = (select f.id from ${campaignFields} f where f.code = ${query.field})`,
    );
  const where = and(...conditions);
  const rows = async (limit: number, offset: number) => {
    const ids = (
      await db
        .select({ id: practices.id })
        .from(practices)
        .where(where)
        .orderBy(
          ...(tsq ? [sql`ts_rank(${practices.searchVector}, ${tsq}) desc`] : []),
          desc(practices.recognisedOn),
          desc(practices.id),
        )
        .limit(limit)
        .offset(offset)
    ).map((r) => r.id);
    if (!ids.length) return [];
    return inIdOrder(ids, await selectPractices(db, inArray(practices.id, ids)), (r) => r.practice.id);
  };
  return pageOf(db, query, rows, () => db.select({ one: sql`1` }).from(practices).where(where));
}

export async function findPublicPractice(db: Executor, id: string) {
  const [row] = await selectPractices(
    db,
    and(eq(practices.id, id), eq(practices.status, "recognised"), eq(practices.isPublic, true)),
  ).limit(1);
  return row ?? null;
}

/** A file of a model by its id (`images`: only an image), or null. */
export async function practiceFile(db: Executor, practiceId: string, fileId: string, images = false) {
  const [file] = await db
    .select()
    .from(storedFiles)
    .where(
      and(
        eq(storedFiles.id, fileId),
        eq(storedFiles.ownerType, "practice"),
        eq(storedFiles.ownerId, practiceId),
        ...(images ? [eq(storedFiles.kind, "image")] : []),
      ),
    );
  return file ?? null;
}
