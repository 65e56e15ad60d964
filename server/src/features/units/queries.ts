import { and, asc, count, desc, eq, inArray, like, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { type PageQuery, pageOf } from "../../lib/pagination.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { foldForSearch } from "../../lib/vietnamese.ts";
import { pathIds } from "../figures/figures.ts";
import { unitPolicy } from "./policy.ts";
import { type UnitRow, unitEvents, unitKinds, units } from "./schema.ts";

/** A unit the actor may see, or null (absent and out of scope look the same). */
export async function findUnit(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.id, id), scopeFilter(actor, unitPolicy.visibility, units.path)))
    .limit(1);
  return row ?? null;
}

const parent = alias(units, "parent");
const listColumns = { unit: units, parentName: parent.name, kindCode: unitKinds.code };

/** Accent-insensitive match on the stored search text ("bac ninh" finds "Bắc Ninh"). */
export const searchCondition = (column: typeof units.searchText, q: string): SQL | undefined => {
  const folded = foldForSearch(q);
  return folded ? like(column, `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined;
};

async function listWhere(db: Executor, where: SQL | undefined, query: PageQuery, order: SQL[]) {
  const page = await pageOf(
    query,
    (limit, offset) =>
      db
        .select(listColumns)
        .from(units)
        .leftJoin(parent, eq(parent.id, units.parentId))
        .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
        .where(where)
        .orderBy(...order)
        .limit(limit)
        .offset(offset),
    () => db.select({ total: count() }).from(units).where(where),
  );
  return { total: page.total, rows: await withChildCounts(db, page.rows) };
}

/** Child counts for a page's rows only (not for every row skipped by the offset). */
async function withChildCounts<T extends { unit: { id: string } }>(db: Executor, rows: T[]) {
  const ids = rows.map((r) => r.unit.id);
  const counts = ids.length
    ? await db
        .select({ parentId: units.parentId, n: count() })
        .from(units)
        .where(inArray(units.parentId, ids))
        .groupBy(units.parentId)
    : [];
  const byParent = new Map(counts.map((c) => [c.parentId, c.n]));
  return rows.map((r) => ({ ...r, childCount: byParent.get(r.unit.id) ?? 0 }));
}

/** The actor's subtree in tree order, or matches of `q` anywhere in it, for pickers and search. */
export function listUnits(db: Executor, actor: Actor, query: PageQuery & { q?: string }) {
  const conditions = [scopeFilter(actor, unitPolicy.visibility, units.path)];
  const match = query.q ? searchCondition(units.searchText, query.q) : undefined;
  if (match) conditions.push(match);
  return listWhere(
    db,
    and(...conditions),
    query,
    match ? [asc(units.depth), asc(units.sortKey)] : [asc(units.path)],
  );
}

/**
 * The children of a unit, in Vietnamese alphabetical order with closed ones last, a page at a time:
 * the order of the index `units_children_idx`, so a deep page of thousands of children reads only
 * the index up to it. The parent must be in the actor's subtree (its children then are too): each
 * query joins it by primary key, so no separate lookup comes first; null when it is not visible.
 */
export async function listChildren(
  db: Executor,
  actor: Actor,
  parentId: string,
  query: PageQuery & { q?: string },
) {
  const match = query.q ? searchCondition(units.searchText, query.q) : undefined;
  const where = and(eq(units.parentId, parentId), match);
  const visibleParent = and(
    eq(parent.id, units.parentId),
    scopeFilter(actor, unitPolicy.visibility, parent.path),
  );
  const page = await pageOf(
    query,
    (limit, offset) =>
      db
        .select({ unit: units, kindCode: unitKinds.code, parentName: parent.name })
        .from(units)
        .innerJoin(parent, visibleParent)
        .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
        .where(where)
        .orderBy(sql`(${units.status} <> 'active')`, asc(units.sortKey), asc(units.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ total: count() }).from(units).innerJoin(parent, visibleParent).where(where),
  );
  // An empty answer: is the parent out of sight (404), or childless?
  if (page.total === 0 && !(await findUnit(db, actor, parentId))) return null;
  return { total: page.total, rows: await withChildCounts(db, page.rows) };
}

/** A unit's details: kind, successor, the breadcrumb within the actor's view, child count. */
export async function unitDetails(db: Executor, actor: Actor, id: string) {
  const successor = alias(units, "successor");
  // One query: the unit, its kind, its successor, its child count and the names on its path.
  const [row] = await db
    .select({
      unit: units,
      kind: unitKinds,
      successorName: successor.name,
      childCount: sql<number>`(select count(*)::int from ${units} c where c.parent_id = ${units.id})`,
      path: sql<{ id: string; name: string }[]>`(select json_agg(json_build_object('id', a.id, 'name', a.name))
        from units a where a.id = any(string_to_array(trim(both '/' from ${units.path}), '/')::uuid[]))`,
    })
    .from(units)
    .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
    .leftJoin(successor, eq(successor.id, units.successorId))
    .where(and(eq(units.id, id), scopeFilter(actor, unitPolicy.visibility, units.path)))
    .limit(1);
  if (!row) return null;
  const { unit } = row;
  const visible = pathIds(unit.path).slice(pathIds(actor.unitPath).length - 1);
  const byId = new Map((row.path ?? []).map((c) => [c.id, c]));
  return {
    unit,
    kind: row.kind,
    successor:
      unit.successorId && row.successorName ? { id: unit.successorId, name: row.successorName } : null,
    breadcrumb: visible.map((v) => byId.get(v)).filter((c): c is { id: string; name: string } => !!c),
    childCount: Number(row.childCount),
  };
}

export const listKinds = (db: Executor) => db.select().from(unitKinds).orderBy(asc(unitKinds.sortOrder));
export const kindByCode = async (db: Executor, code: string) =>
  (await db.select().from(unitKinds).where(eq(unitKinds.code, code)))[0] ?? null;

export const unitHistory = (db: Executor, unitId: string) =>
  db.select().from(unitEvents).where(eq(unitEvents.unitId, unitId)).orderBy(desc(unitEvents.at)).limit(200);
