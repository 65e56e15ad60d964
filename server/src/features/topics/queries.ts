import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { inIdOrder, type PageQuery, pageOf } from "../../lib/pagination.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { figuresAt, pathIds } from "../figures/index.ts";
import { storedFiles } from "../files/schema.ts";
import { people } from "../people/schema.ts";
import { units } from "../units/schema.ts";
import { studiedMetric, studyShare } from "./figures.ts";
import { studySessionPolicy, topicPolicy } from "./policy.ts";
import { studyAttendance, studySessions, topics } from "./schema.ts";

export const TOPIC_OWNER = "topic";

const topicColumns = {
  topic: topics,
  unitName: units.name,
  unitPath: units.path,
  fileCount: sql<number>`(select count(*)::int from ${storedFiles} f
    where f.owner_type = ${TOPIC_OWNER} and f.owner_id = ${topics.id})`,
};
const selectTopics = (db: Executor, where: SQL | undefined) =>
  db.select(topicColumns).from(topics).innerJoin(units, eq(units.id, topics.unitId)).where(where);
export type TopicListRow = Awaited<ReturnType<typeof selectTopics>>[number];

/** What the actor sees: topics its subtree issued, and those its ancestors published down to it. */
const visibleTopics = (actor: Actor) => scopeFilter(actor, topicPolicy.visibility, units.path);

/** A topic the actor may read, or null (absent and out of sight look the same). */
export async function findTopic(db: Executor, actor: Actor, id: string) {
  const [row] = await selectTopics(db, and(eq(topics.id, id), visibleTopics(actor))).limit(1);
  return row ?? null;
}

/**
 * Topics by year, newest first. `chain`: only what applies to the caller's unit — issued by it or
 * by a unit above it — the nearest issuer first (a province's own topic before the central one).
 * What the actor sees is written as two index-served sets (the units on its path, its subtree's
 * units; a root actor: no condition), a year at a time in `topics_year_idx` order; then the page's
 * details, by id.
 */
export async function listTopics(
  db: Executor,
  actor: Actor,
  query: PageQuery & { year?: number | undefined; chain?: boolean | undefined },
) {
  const onPath = inArray(topics.unitId, pathIds(actor.unitPath));
  // The same topics as `visibleTopics(actor)`: the subtree's, and those of the units above.
  const sight = query.chain
    ? onPath
    : pathIds(actor.unitPath).length === 1
      ? undefined
      : sql`(${onPath} or ${topics.unitId} in (select u.id from ${units} u where u.path like ${`${actor.unitPath}%`}))`;
  const where = and(sight, query.year ? eq(topics.year, query.year) : undefined);
  const rows = async (limit: number, offset: number) => {
    const ids = (
      await db
        .select({ id: topics.id })
        .from(topics)
        .innerJoin(units, eq(units.id, topics.unitId))
        .where(where)
        .orderBy(desc(topics.year), desc(units.depth), asc(units.sortKey), asc(topics.id))
        .limit(limit)
        .offset(offset)
    ).map((r) => r.id);
    if (!ids.length) return [];
    return inIdOrder(ids, await selectTopics(db, inArray(topics.id, ids)), (r) => r.topic.id);
  };
  return pageOf(db, query, rows, () => db.select({ one: sql`1` }).from(topics).where(where));
}

/** Whether a topic has been studied yet (its year then stays as it is: the figures count by it). */
export async function topicHasSessions(db: Executor, topicId: string) {
  return (await db.$count(studySessions, eq(studySessions.topicId, topicId))) > 0;
}

const sessionColumns = {
  session: studySessions,
  unitName: units.name,
  unitPath: units.path,
  topicTitle: topics.title,
  topicYear: topics.year,
  attendeeCount: sql<number>`(select count(*)::int from ${studyAttendance} a where a.session_id = ${studySessions.id})`,
};
const selectSessions = (db: Executor, where: SQL | undefined) =>
  db
    .select(sessionColumns)
    .from(studySessions)
    .innerJoin(units, eq(units.id, studySessions.unitId))
    .innerJoin(topics, eq(topics.id, studySessions.topicId))
    .where(where);
export type SessionListRow = Awaited<ReturnType<typeof selectSessions>>[number];

const visibleSessions = (actor: Actor) => scopeFilter(actor, studySessionPolicy.visibility, units.path);

export async function findSession(db: Executor, actor: Actor, id: string) {
  const [row] = await selectSessions(db, and(eq(studySessions.id, id), visibleSessions(actor))).limit(1);
  return row ?? null;
}

/**
 * Sessions of the actor's subtree (or of a unit's subtree within it), latest first: the page's ids
 * walk `study_sessions_held_idx` (the root's list, no condition) or come from the subtree's units,
 * then the page's details (names, the attendance count) are read for its rows alone.
 */
export async function listSessions(
  db: Executor,
  actor: Actor,
  query: PageQuery & {
    unitId?: string | undefined;
    topicId?: string | undefined;
    year?: number | undefined;
  },
) {
  let path = actor.unitPath;
  if (query.unitId) {
    const [unit] = await db
      .select({ path: units.path })
      .from(units)
      .where(and(eq(units.id, query.unitId), sql`${units.path} like ${`${actor.unitPath}%`}`));
    if (!unit) return { rows: [], total: 0 };
    path = unit.path;
  }
  const where = and(
    // The whole tree is the root's subtree: no condition.
    pathIds(path).length === 1
      ? undefined
      : sql`${studySessions.unitId} in (select u.id from ${units} u where u.path like ${`${path}%`})`,
    query.topicId ? eq(studySessions.topicId, query.topicId) : undefined,
    query.year
      ? sql`${studySessions.topicId} in (select t.id from ${topics} t where t.year = ${query.year})`
      : undefined,
  );
  const rows = async (limit: number, offset: number) => {
    const ids = (
      await db
        .select({ id: studySessions.id })
        .from(studySessions)
        .where(where)
        .orderBy(desc(studySessions.heldOn), desc(studySessions.id))
        .limit(limit)
        .offset(offset)
    ).map((r) => r.id);
    if (!ids.length) return [];
    return inIdOrder(ids, await selectSessions(db, inArray(studySessions.id, ids)), (r) => r.session.id);
  };
  return pageOf(db, query, rows, () => db.select({ one: sql`1` }).from(studySessions).where(where));
}

/** The people present at a session, the Vietnamese way (given name first). */
export function attendeesOf(db: Executor, sessionId: string) {
  return db
    .select({ id: people.id, fullName: people.fullName, unitName: units.name })
    .from(studyAttendance)
    .innerJoin(people, eq(people.id, studyAttendance.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(studyAttendance.sessionId, sessionId))
    .orderBy(asc(people.sortKey), asc(people.id));
}

/** Which of these sessions the person attended. */
export async function attendedBy(db: Executor, personId: string | null, sessionIds: string[]) {
  if (!personId || !sessionIds.length) return new Set<string>();
  const rows = await db
    .select({ id: studyAttendance.sessionId })
    .from(studyAttendance)
    .where(and(eq(studyAttendance.personId, personId), inArray(studyAttendance.sessionId, sessionIds)));
  return new Set(rows.map((r) => r.id));
}

export const ROSTER_LIMIT = 1000;

/** The active people of a unit's subtree, to tick who is present (a cell on one screen). */
export function roster(db: Executor, unitPath: string) {
  return db
    .select({
      id: people.id,
      fullName: people.fullName,
      unitName: units.name,
      position: people.position,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(sql`${units.path} like ${`${unitPath}%`}`, eq(people.status, "active")))
    .orderBy(asc(people.sortKey), asc(people.id))
    .limit(ROSTER_LIMIT + 1);
}

/** The day a year's figures are read at: its last day, or today while it runs. */
export const coverageDay = (year: number, today: string) =>
  String(year) === today.slice(0, 4) ? today : `${year}-12-31`;

/**
 * Study coverage of a unit's subtree (found within the actor's subtree, else null) and of each of
 * its open child units: members who studied the year's topic, active members, the share — read
 * from the figures (no scan of the subtree's sessions).
 */
export async function studyCoverage(db: Executor, actor: Actor, unitId: string, year: number, day: string) {
  const [unit] = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.id, unitId), sql`${units.path} like ${`${actor.unitPath}%`}`));
  if (!unit) return null;
  const children = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.parentId, unit.id), eq(units.status, "active")))
    .orderBy(asc(units.sortKey), asc(units.id))
    .limit(200);
  const read = async (id: string) => {
    const [figures] = (await figuresAt(db, { id }, [day])) ?? [];
    const studied = figures?.get(studiedMetric(year)) ?? 0;
    const members = figures?.get("people.active") ?? 0;
    return { studied, members, share: studyShare(studied, members) };
  };
  const own = await read(unit.id);
  const rows = [];
  for (const child of children) rows.push({ unit: child, ...(await read(child.id)) });
  return { unit, ...own, children: rows };
}
