import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { type PageQuery, pageOf } from "../../lib/pagination.ts";
import { people } from "../people/schema.ts";
import { practices } from "../practices/schema.ts";
import { campaignFields, type ReviewStatus } from "../recognition/schema.ts";
import { searchQuery } from "../recognition/search.ts";
import { unitKinds, units } from "../units/schema.ts";
import { type ExemplarKind, exemplarPractices, exemplars } from "./schema.ts";

const owner = alias(units, "owner");
const subject = alias(units, "subject");
const personUnit = alias(units, "person_unit");
const waiting = alias(units, "waiting");
const recogniser = alias(units, "recogniser");
const recogniserKind = alias(unitKinds, "recogniser_kind");

/** Columns every list and page of exemplars shows. */
const columns = {
  exemplar: exemplars,
  fieldCode: campaignFields.code,
  fieldName: campaignFields.name,
  fieldNameEn: campaignFields.nameEn,
  unitName: owner.name,
  unitPath: owner.path,
  subjectName: subject.name,
  personFullName: people.fullName,
  registryUnitName: personUnit.name,
  waitingName: waiting.name,
  recognisedName: recogniser.name,
  recognisedPath: recogniser.path,
  recognisedKindName: recogniserKind.name,
  practiceCount: sql<number>`(select count(*)::int from ${exemplarPractices} ep where ep.exemplar_id = ${exemplars.id})`,
};
export type ExemplarListRow = Awaited<ReturnType<typeof selectExemplars>>[number];

const selectExemplars = (db: Executor, where: SQL | undefined) =>
  db
    .select(columns)
    .from(exemplars)
    .innerJoin(owner, eq(owner.id, exemplars.unitId))
    .innerJoin(campaignFields, eq(campaignFields.id, exemplars.fieldId))
    .leftJoin(subject, eq(subject.id, exemplars.subjectUnitId))
    .leftJoin(people, eq(people.id, exemplars.personId))
    .leftJoin(personUnit, eq(personUnit.id, people.unitId))
    .leftJoin(waiting, eq(waiting.id, exemplars.reviewUnitId))
    .leftJoin(recogniser, eq(recogniser.id, exemplars.recognisedUnitId))
    .leftJoin(recogniserKind, eq(recogniserKind.id, recogniser.kindId))
    .where(where);

/** What the actor may read: its subtree's exemplars in any state, and every recognised one. */
export const exemplarReadWhere = (actor: Actor) =>
  sql`(${owner.path} like ${`${actor.unitPath}%`} or ${exemplars.status} = 'recognised')`;

/** An exemplar the actor may read, or null (absent and out of sight look the same). */
export async function findExemplar(db: Executor, actor: Actor, id: string) {
  const [row] = await selectExemplars(db, and(eq(exemplars.id, id), exemplarReadWhere(actor))).limit(1);
  return row ?? null;
}

export interface ExemplarFilters extends PageQuery {
  q?: string | undefined;
  field?: string | undefined;
  status?: ReviewStatus | undefined;
  level?: string | undefined;
  year?: number | undefined;
  unitId?: string | undefined;
  kind?: ExemplarKind | undefined;
  scope: "all" | "mine";
  sort: "relevance" | "recent" | "title";
}

/**
 * Exemplars by filters, paged: relevance-ranked when searching (accent-free full text over the
 * name, the story, the achievements and the unit names).
 */
export async function listExemplars(db: Executor, actor: Actor, query: ExemplarFilters) {
  const conditions: SQL[] = [
    query.scope === "mine" ? sql`${owner.path} like ${`${actor.unitPath}%`}` : exemplarReadWhere(actor),
  ];
  const tsq = searchQuery(query.q);
  if (tsq) conditions.push(sql`${exemplars.searchVector} @@ ${tsq}`);
  if (query.field) conditions.push(eq(campaignFields.code, query.field));
  if (query.status) conditions.push(eq(exemplars.status, query.status));
  if (query.level) conditions.push(eq(exemplars.recognisedLevel, query.level));
  if (query.kind) conditions.push(eq(exemplars.kind, query.kind));
  if (query.year)
    conditions.push(
      sql`${exemplars.registeredOn} >= ${`${query.year}-01-01`}::date and ${exemplars.registeredOn} < ${`${query.year + 1}-01-01`}::date`,
    );
  if (query.unitId)
    conditions.push(
      sql`${owner.path} like (select u.path from ${units} u where u.id = ${query.unitId}) || '%'`,
    );
  const where = and(...conditions);
  const order =
    tsq && query.sort === "relevance"
      ? [sql`ts_rank(${exemplars.searchVector}, ${tsq}) desc`, desc(exemplars.id)]
      : query.sort === "title"
        ? [asc(exemplars.title), asc(exemplars.id)]
        : [desc(exemplars.registeredOn), desc(exemplars.id)];
  return pageOf(
    db,
    query,
    (limit, offset) =>
      selectExemplars(db, where)
        .orderBy(...order)
        .limit(limit)
        .offset(offset),
    () =>
      db
        .select({ one: sql`1` })
        .from(exemplars)
        .innerJoin(owner, eq(owner.id, exemplars.unitId))
        .innerJoin(campaignFields, eq(campaignFields.id, exemplars.fieldId))
        .where(where),
  );
}

/** What waits for the actor's unit to review, oldest first. */
export function exemplarQueue(db: Executor, actor: Actor, query: PageQuery) {
  const where = and(eq(exemplars.status, "submitted"), eq(exemplars.reviewUnitId, actor.unitId));
  return pageOf(
    db,
    query,
    (limit, offset) =>
      selectExemplars(db, where)
        .orderBy(asc(exemplars.waitingSince), asc(exemplars.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ one: sql`1` }).from(exemplars).where(where),
  );
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

/** Public and recognised: the showcase. */
export async function listPublicExemplars(
  db: Executor,
  query: PageQuery & { q?: string | undefined; field?: string | undefined; kind?: ExemplarKind | undefined },
) {
  const conditions: SQL[] = [eq(exemplars.status, "recognised"), eq(exemplars.isPublic, true)];
  const tsq = searchQuery(query.q);
  if (tsq) conditions.push(sql`${exemplars.searchVector} @@ ${tsq}`);
  if (query.field) conditions.push(eq(campaignFields.code, query.field));
  if (query.kind) conditions.push(eq(exemplars.kind, query.kind));
  const where = and(...conditions);
  return pageOf(
    db,
    query,
    (limit, offset) =>
      selectExemplars(db, where)
        .orderBy(
          ...(tsq ? [sql`ts_rank(${exemplars.searchVector}, ${tsq}) desc`] : []),
          desc(exemplars.recognisedOn),
          desc(exemplars.id),
        )
        .limit(limit)
        .offset(offset),
    () =>
      db
        .select({ one: sql`1` })
        .from(exemplars)
        .innerJoin(campaignFields, eq(campaignFields.id, exemplars.fieldId))
        .where(where),
  );
}

export async function findPublicExemplar(db: Executor, id: string) {
  const [row] = await selectExemplars(
    db,
    and(eq(exemplars.id, id), eq(exemplars.status, "recognised"), eq(exemplars.isPublic, true)),
  ).limit(1);
  return row ?? null;
}
