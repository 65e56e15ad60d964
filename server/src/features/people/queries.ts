import { and, asc, count, eq, like, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { listTotal, offsetOf, type PageQuery, pageWithTotal } from "../../lib/pagination.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { foldForSearch } from "../../lib/vietnamese.ts";
import { pathIds } from "../figures/index.ts";
import { units } from "../units/schema.ts";
import { personPolicy, personReadWhere } from "./policy.ts";
import { type PersonStatus, people } from "./schema.ts";

const columns = { person: people, unitName: units.name, unitPath: units.path };

export async function findPerson(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select(columns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      and(eq(people.id, id), scopeFilter(actor, personPolicy.visibility, units.path), personReadWhere(actor)),
    )
    .limit(1);
  return row ?? null;
}

type PeopleQuery = { unitId?: string; direct?: "true" | "false"; q?: string; status?: PersonStatus };

/** A subtree a list is scoped to: its unit's id, path and depth. */
export interface PeopleScope {
  id: string;
  path: string;
  depth: number;
}

/**
 * The people of a subtree, as a condition that an index serves in list order: the province's and
 * the commune's levels (people_level1_sort_idx, people_level2_sort_idx) are ranges already in
 * Vietnamese order; the whole tree is read from people_sort_idx; below the communes a subtree holds
 * a few hundred people, found through its units and sorted.
 */
export function peopleInScope(scope: PeopleScope): SQL {
  if (scope.depth === 1) return eq(people.level1Id, scope.id);
  if (scope.depth === 2) return eq(people.level2Id, scope.id);
  return like(units.path, `${scope.path}%`);
}

/** The filter of a people list (null: the unit is out of scope), and whether it searches. */
async function peopleWhere(db: Executor, actor: Actor, query: PeopleQuery) {
  // The scope: the actor's subtree, or a unit's within it.
  let scope: PeopleScope = {
    id: actor.unitId,
    path: actor.unitPath,
    depth: pathIds(actor.unitPath).length - 1,
  };
  if (query.unitId) {
    const [unit] = await db
      .select({ id: units.id, path: units.path, depth: units.depth })
      .from(units)
      .where(and(eq(units.id, query.unitId), scopeFilter(actor, personPolicy.visibility, units.path)));
    if (!unit) return null;
    scope = unit;
  }
  const direct = !!query.unitId && query.direct === "true";
  const conditions: SQL[] = [
    direct ? eq(people.unitId, scope.id) : peopleInScope(scope),
    personReadWhere(actor),
  ];
  if (query.status) conditions.push(eq(people.status, query.status));
  const folded = query.q ? foldForSearch(query.q) : "";
  if (folded) {
    // Below the provinces a subtree holds a few thousand people: scanning them beats the trigram
    // index, whose lists for common syllables (nguyen, van, thi) are long (BENCHMARKS.md).
    conditions.push(
      scope.depth >= 2
        ? sql`strpos(${people.searchText}, ${folded}) > 0`
        : like(people.searchText, `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
    );
  }
  // Whether the condition reads the unit's path (a join to units) or only the person's row.
  const joinsUnits = !direct && scope.depth !== 1 && scope.depth !== 2;
  return { where: and(...conditions), searching: !!folded, joinsUnits };
}

/**
 * People of the actor's subtree (or of `unitId`'s subtree within it), Vietnamese order, paged: the
 * page is read in index order and the total costs at most EXACT_TOTAL_UP_TO index entries (above,
 * an estimate), so that the country's list costs what a commune's does.
 */
export async function listPeople(db: Executor, actor: Actor, query: PageQuery & PeopleQuery) {
  const filter = await peopleWhere(db, actor, query);
  if (!filter) return { rows: [], total: 0 };
  const { where, searching, joinsUnits } = filter;
  // A search counts its matches in the same scan (the trigram index is read once, not twice).
  const page = (limit: number, offset: number) =>
    db
      .select({ ...columns, total: searching ? sql<number>`count(*) over ()` : sql<number>`0` })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(where)
      .orderBy(asc(people.sortKey), asc(people.id))
      .limit(limit)
      .offset(offset);
  const total = () =>
    db.select({ total: count() }).from(people).innerJoin(units, eq(units.id, people.unitId)).where(where);
  if (searching) return pageWithTotal(query, page, total);
  const rows = await page(query.pageSize, offsetOf(query));
  const matches = () =>
    joinsUnits
      ? db.select({ id: people.id }).from(people).innerJoin(units, eq(units.id, people.unitId)).where(where)
      : db.select({ id: people.id }).from(people).where(where);
  return { rows, ...(await listTotal(db, query, rows.length, matches)) };
}

/** Rows per read of an export: each read is short, so other requests are answered in between. */
const EXPORT_BATCH = 1_000;

/**
 * The whole list for an export, in the list's order, as an async iterable read in short batches
 * by keyset (at most `limit` people): each batch continues after the last row of the one before in
 * the list's index — no OFFSET pages that sort the subtree again, no snapshot of every id held in
 * memory, no transaction holding the embedded database's one connection for the whole file.
 */
export async function* peopleForExport(db: Executor, actor: Actor, query: PeopleQuery, limit: number) {
  const filter = await peopleWhere(db, actor, query);
  if (!filter) return;
  let after: { sortKey: string; id: string } | null = null;
  let left = limit;
  while (left > 0) {
    const batch = await db
      .select(columns)
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(
        and(
          filter.where,
          after ? sql`(${people.sortKey}, ${people.id}) > (${after.sortKey}, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(people.sortKey), asc(people.id))
      .limit(Math.min(EXPORT_BATCH, left));
    for (const row of batch) yield row;
    const last = batch.at(-1);
    if (!last || batch.length < EXPORT_BATCH) return;
    after = { sortKey: last.person.sortKey, id: last.person.id };
    left -= batch.length;
  }
}
