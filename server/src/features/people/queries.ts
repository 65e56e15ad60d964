import { and, asc, count, eq, inArray, like, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { type PageQuery, pageOf, pageWithTotal } from "../../lib/pagination.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { foldForSearch } from "../../lib/vietnamese.ts";
import { pathIds } from "../figures/figures.ts";
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

/** The filter of a people list (null: the unit is out of scope), and whether it searches. */
async function peopleWhere(db: Executor, actor: Actor, query: PeopleQuery) {
  // The scope: the actor's subtree, or a unit's within it (its path read first, so that the
  // subtree is an index range of a constant prefix).
  let scope = { path: actor.unitPath, depth: pathIds(actor.unitPath).length - 1 };
  if (query.unitId) {
    const [unit] = await db
      .select({ path: units.path, depth: units.depth })
      .from(units)
      .where(and(eq(units.id, query.unitId), scopeFilter(actor, personPolicy.visibility, units.path)));
    if (!unit) return null;
    scope = unit;
  }
  const conditions: SQL[] = [like(units.path, `${scope.path}%`), personReadWhere(actor)];
  if (query.unitId && query.direct === "true") conditions.push(eq(people.unitId, query.unitId));
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
  return { where: and(...conditions), searching: !!folded };
}

/** People of the actor's subtree (or of `unitId`'s subtree within it), Vietnamese order, paged. */
export async function listPeople(db: Executor, actor: Actor, query: PageQuery & PeopleQuery) {
  const filter = await peopleWhere(db, actor, query);
  if (!filter) return { rows: [], total: 0 };
  const { where, searching } = filter;
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
  return searching ? pageWithTotal(query, page, total) : pageOf(query, page, total);
}

/** Rows per read of an export: each read is short, so other requests are answered in between. */
const EXPORT_BATCH = 250;

/**
 * The whole list for an export, in the list's order, as an async iterable read in short batches
 * (at most `limit` people): the order is sorted once, as ids only, and the rows are then read by
 * primary key a batch at a time — no OFFSET pages that sort the subtree again for every page, no
 * transaction holding the embedded database's one connection for the whole file.
 */
export async function* peopleForExport(db: Executor, actor: Actor, query: PeopleQuery, limit: number) {
  const filter = await peopleWhere(db, actor, query);
  if (!filter) return;
  const order = await db
    .select({ id: people.id })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(filter.where)
    .orderBy(asc(people.sortKey), asc(people.id))
    .limit(limit);
  for (let i = 0; i < order.length; i += EXPORT_BATCH) {
    const ids = order.slice(i, i + EXPORT_BATCH).map((r) => r.id);
    const rows = await db
      .select(columns)
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(inArray(people.id, ids), filter.where));
    const byId = new Map(rows.map((r) => [r.person.id, r]));
    for (const id of ids) {
      const row = byId.get(id);
      if (row) yield row; // gone since the order was read: left out
    }
  }
}
