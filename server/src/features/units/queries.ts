import { and, asc, count, desc, eq, like, type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
import { type Executor, preparedRows } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { AppError, ruleViolation } from "../../lib/errors.ts";
import { offsetOf, type PageQuery, pageOf } from "../../lib/pagination.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { foldForSearch } from "../../lib/vietnamese.ts";
import { pathIds } from "../figures/index.ts";
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

/**
 * The unit a write acts for (a plan's, a proposal's, a request's…): active and in the actor's
 * scope, else 422 on `body.unitId` (absent, out of scope and closed look the same); and allowed by
 * the module's policy, else 403.
 */
export async function actingUnit(
  db: Executor,
  actor: Actor,
  id: string,
  mayAct: (actor: Actor, unitPath: string) => boolean,
): Promise<UnitRow> {
  const unit = await findUnit(db, actor, id);
  if (unit?.status !== "active") throw ruleViolation("body.unitId", "out_of_scope");
  if (!mayAct(actor, unit.path)) throw new AppError("FORBIDDEN");
  return unit;
}

/** From this depth down (below the provinces), a subtree is small enough to read in one go. */
const SMALL_SUBTREE_DEPTH = 2;

/**
 * The rows of a list ordered by its owner unit's depth first, below a unit (its subtree without
 * it), the shallowest first (`asc`) or the deepest (`desc`), until `wanted` rows. `part(where,
 * byDepth, limit)` reads them in the list's order: `where` picks units of the subtree (`owner`:
 * the alias of `units` the list joins), `byDepth` is the order's first key. Below the root and a
 * province, the subtree is read a depth at a time — each one index range (`units_depth_path_idx`),
 * `byDepth` then empty — until the page is full: a page near the top of a big subtree reads the
 * depths it shows, not the subtree (the country's first page of plans: the provinces'; of
 * standards: the first cells by name). A smaller subtree is read in one part.
 */
export async function readByDepth<T>(
  db: Executor,
  input: {
    path: string;
    direction: "asc" | "desc";
    wanted: number;
    owner?: { depth: AnyPgColumn; path: AnyPgColumn };
  },
  part: (where: SQL, byDepth: SQL[], limit: number) => Promise<T[]>,
): Promise<T[]> {
  const owner = input.owner ?? units;
  const top = pathIds(input.path).length - 1;
  const inSubtree = (table: { path: AnyPgColumn }) =>
    // Below the root, every unit is in its subtree: the depth alone.
    top === 0 ? undefined : sql`${table.path} like ${`${input.path}%`}`;
  if (top >= SMALL_SUBTREE_DEPTH)
    return part(
      and(inSubtree(owner), sql`${owner.depth} > ${top}`) as SQL,
      [input.direction === "asc" ? asc(owner.depth) : desc(owner.depth)],
      input.wanted,
    );
  const atDepth = (table: { depth: AnyPgColumn; path: AnyPgColumn }, depth: number) =>
    and(eq(table.depth, depth), inSubtree(table)) as SQL;
  const found: T[] = [];
  if (input.direction === "asc") {
    for (let depth = top + 1; found.length < input.wanted; depth++) {
      const rows = await part(atDepth(owner, depth), [], input.wanted - found.length);
      found.push(...rows);
      // Nothing at this depth: the walk ends where the subtree has no unit at all.
      if (!rows.length) {
        const [unit] = await db.select({ one: sql`1` }).from(units).where(atDepth(units, depth)).limit(1);
        if (!unit) break;
      }
    }
    return found;
  }
  const [deepest] = await db.select({ depth: sql<number>`max(${units.depth})::int` }).from(units);
  for (let depth = Number(deepest?.depth ?? top); depth > top && found.length < input.wanted; depth--)
    found.push(...(await part(atDepth(owner, depth), [], input.wanted - found.length)));
  return found;
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
    db,
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
    () => db.select({ one: sql`1` }).from(units).where(where),
  );
  const { rows, ...total } = page;
  return { ...total, rows: rows.map((r) => ({ ...r, childCount: r.unit.childCount })) };
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
    // Tree order is the paths' byte order: `~<~` is the order of `units_path_idx`, walked from the
    // subtree's first path to the page's last (the default collation's order is the same in a
    // C-collated database, and tree order in none other).
    match ? [asc(units.depth), asc(units.sortKey)] : [sql`${units.path} using ~<~`],
  );
}

/**
 * The children of a unit, in Vietnamese alphabetical order with closed ones last, a page at a time.
 * The parent is found once, within the actor's subtree (its children then are too); the page's ids
 * come from the index `units_children_idx`, whose order is the list's and which holds every column
 * the order, the skip and a search need, so a deep page of thousands of children reads only that
 * index up to it; the page's rows alone are then read, in one prepared statement. The total is the
 * parent's kept child count, or when searching the matches counted in the same scan.
 */
export async function listChildren(
  db: Executor,
  actor: Actor,
  parentId: string,
  query: PageQuery & { q?: string },
) {
  const folded = query.q ? foldForSearch(query.q) : "";
  const params: unknown[] = [parentId, `${actor.unitPath}%`, query.pageSize, offsetOf(query)];
  if (folded) params.push(`%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const match = folded ? " and u.search_text like $5" : "";
  const rows = await preparedRows<{
    id: string;
    code: string | null;
    name: string;
    parent_id: string;
    depth: number;
    status: UnitRow["status"];
    parent_name: string;
    kind_code: string | null;
    child_count: number;
    total: number;
  }>(
    db,
    `with parent as (
       select id, name, child_count from units where id = $1::uuid and path like $2
     ), ids as (
       select u.id, (u.status <> 'active') as closed, u.sort_key${folded ? ", count(*) over () as found" : ""}
       from units u
       where u.parent_id = (select id from parent)${match}
       order by (u.status <> 'active'), u.sort_key, u.id
       limit $3 offset $4
     )
     select u.id, u.code, u.name, u.parent_id, u.depth, u.status, p.name as parent_name, k.code as kind_code,
            u.child_count, ${folded ? "ids.found" : "p.child_count"} as total
     from ids join units u on u.id = ids.id cross join parent p
     left join unit_kinds k on k.id = u.kind_id
     order by ids.closed, ids.sort_key, ids.id`,
    params,
  );
  if (!rows.length) {
    // An empty page: past the end, childless, or a parent out of sight (404)?
    if (!(await findUnit(db, actor, parentId))) return null;
    const [c] = await db
      .select({ total: count() })
      .from(units)
      .where(
        and(
          eq(units.parentId, parentId),
          folded ? searchCondition(units.searchText, query.q ?? "") : undefined,
        ),
      );
    return { total: c?.total ?? 0, rows: [] };
  }
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({
      unit: {
        id: r.id,
        code: r.code,
        name: r.name,
        parentId: r.parent_id,
        depth: Number(r.depth),
        status: r.status,
      },
      parentName: r.parent_name,
      kindCode: r.kind_code,
      childCount: Number(r.child_count),
    })),
  };
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
      path: sql<
        { id: string; name: string }[]
      >`(select json_agg(json_build_object('id', a.id, 'name', a.name))
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
    childCount: unit.childCount,
  };
}

export const listKinds = (db: Executor) => db.select().from(unitKinds).orderBy(asc(unitKinds.sortOrder));
export const kindByCode = async (db: Executor, code: string) =>
  (await db.select().from(unitKinds).where(eq(unitKinds.code, code)))[0] ?? null;

export const unitHistory = (db: Executor, unitId: string) =>
  db.select().from(unitEvents).where(eq(unitEvents.unitId, unitId)).orderBy(desc(unitEvents.at)).limit(200);
