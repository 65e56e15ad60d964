import { and, asc, count, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { vnToday } from "../../lib/dates.ts";
import { listTotal, offsetOf, type PageQuery } from "../../lib/pagination.ts";
import { figuresAt, pathIds } from "../figures/index.ts";
import { type PeopleScope, peopleInScope } from "../people/index.ts";
import { people } from "../people/schema.ts";
import { units } from "../units/schema.ts";
import { commitments, commitmentTemplates, ratingSheets, ratings, yearClosures } from "./schema.ts";

/** Whether a year is closed for a unit: by the unit itself or any unit above it. */
export async function isLocked(db: Executor, unitPath: string, year: number) {
  const ids = pathIds(unitPath);
  const [row] = await db
    .select({ n: count() })
    .from(yearClosures)
    .where(and(eq(yearClosures.year, year), inArray(yearClosures.unitId, ids)));
  return (row?.n ?? 0) > 0;
}

/** The template a unit's members write from: its own for the year, or the nearest ancestor's. */
export async function nearestTemplate(db: Executor, unitPath: string, year: number) {
  const ids = pathIds(unitPath);
  const rows = await db
    .select({ template: commitmentTemplates, unitName: units.name, depth: units.depth })
    .from(commitmentTemplates)
    .innerJoin(units, eq(units.id, commitmentTemplates.unitId))
    .where(and(eq(commitmentTemplates.year, year), inArray(commitmentTemplates.unitId, ids)))
    .orderBy(desc(units.depth))
    .limit(1);
  return rows[0] ?? null;
}

const withPerson = {
  commitment: commitments,
  fullName: people.fullName,
  unitName: units.name,
  unitPath: units.path,
};

/** The one commitment `where` picks, with its person's name and its unit (null when none). */
async function oneCommitment(db: Executor, where: SQL | undefined) {
  const [row] = await db
    .select(withPerson)
    .from(commitments)
    .innerJoin(people, eq(people.id, commitments.personId))
    .innerJoin(units, eq(units.id, commitments.unitId))
    .where(where);
  return row ?? null;
}

export const commitmentOf = (db: Executor, personId: string, year: number) =>
  oneCommitment(db, and(eq(commitments.personId, personId), eq(commitments.year, year)));

/** A commitment within the actor's subtree (the policy then decides who may read it). */
export const findCommitment = (db: Executor, scopePrefix: string, id: string) =>
  oneCommitment(db, and(eq(commitments.id, id), sql`${units.path} like ${`${scopePrefix}%`}`));

export function commitmentHistory(db: Executor, personId: string) {
  return db
    .select({ ...withPerson, rating: ratings })
    .from(commitments)
    .innerJoin(people, eq(people.id, commitments.personId))
    .innerJoin(units, eq(units.id, commitments.unitId))
    .leftJoin(ratings, and(eq(ratings.personId, commitments.personId), eq(ratings.year, commitments.year)))
    .where(eq(commitments.personId, personId))
    .orderBy(desc(commitments.year));
}

/**
 * The people of a unit's subtree with the state of their commitment for the year, paged: the
 * page is read in the people's list order from their index (peopleInScope) and each row's
 * commitment by its key; the total of all the active members comes from the subtree figures when
 * it is too big to count (EXACT_TOTAL_UP_TO), the total of the missing ones is counted up to it.
 */
export async function unitCommitments(
  db: Executor,
  unit: PeopleScope,
  year: number,
  query: PageQuery & { missing?: boolean | undefined },
) {
  const commitmentOfYear = and(eq(commitments.personId, people.id), eq(commitments.year, year));
  const missing = query.missing ? or(isNull(commitments.id), eq(commitments.status, "draft")) : undefined;
  const where = and(peopleInScope(unit), eq(people.status, "active"), missing);
  const rows = await db
    .select({ person: people, unitName: units.name, commitment: commitments })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .leftJoin(commitments, commitmentOfYear)
    .where(where)
    .orderBy(asc(people.sortKey), asc(people.id))
    .limit(query.pageSize)
    .offset(offsetOf(query));
  const scopeJoinsUnits = unit.depth !== 1 && unit.depth !== 2;
  const matches = () => {
    const q = db.select({ id: people.id }).from(people).$dynamic();
    if (scopeJoinsUnits) q.innerJoin(units, eq(units.id, people.unitId));
    if (missing) q.leftJoin(commitments, commitmentOfYear);
    return q.where(where);
  };
  const total = await listTotal(db, query, rows.length, matches);
  if (total.totalIsEstimate && !missing) {
    const active = (await figuresAt(db, { id: unit.id }, [vnToday()]))?.[0]?.get("people.active");
    if (active !== undefined) return { rows, total: active };
  }
  return { rows, ...total };
}

/**
 * A cell's rating sheet for a year: its active members (and anyone already rated there), each
 * with their commitment and rating, in Vietnamese order; the sheet's version and status.
 */
export async function cellSheet(db: Executor, cellId: string, year: number) {
  const [sheet] = await db
    .select()
    .from(ratingSheets)
    .where(and(eq(ratingSheets.unitId, cellId), eq(ratingSheets.year, year)));
  const rows = await db
    .select({ person: people, commitment: commitments, rating: ratings })
    .from(people)
    .leftJoin(commitments, and(eq(commitments.personId, people.id), eq(commitments.year, year)))
    .leftJoin(ratings, and(eq(ratings.personId, people.id), eq(ratings.year, year)))
    // The cell's active members and whoever it rated that year (moved away since), as one set of
    // ids: an OR of the two conditions would scan every person of the country.
    .where(
      sql`${people.id} in (select ${people.id} from ${people} where ${people.unitId} = ${cellId} and ${people.status} = 'active'
        union select ${ratings.personId} from ${ratings} where ${ratings.unitId} = ${cellId} and ${ratings.year} = ${year})`,
    )
    .orderBy(asc(people.sortKey), asc(people.id));
  return { sheet: sheet ?? null, rows };
}
