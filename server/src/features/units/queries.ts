import { and, asc, count, eq, ilike, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { likeContains, type PageQuery, pageOf } from "../../lib/pagination.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { unitPolicy } from "./policy.ts";
import { units } from "./schema.ts";

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

/** The actor's subtree in tree order (path), with each parent's name, for pickers. */
export async function listUnits(db: Executor, actor: Actor, query: PageQuery & { q?: string }) {
  const conditions: SQL[] = [scopeFilter(actor, unitPolicy.visibility, units.path)];
  if (query.q) conditions.push(ilike(units.name, likeContains(query.q)));
  const where = and(...conditions);
  return pageOf(
    query,
    (limit, offset) =>
      db
        .select({ unit: units, parentName: parent.name })
        .from(units)
        .leftJoin(parent, eq(parent.id, units.parentId))
        .where(where)
        .orderBy(asc(units.path))
        .limit(limit)
        .offset(offset),
    () => db.select({ total: count() }).from(units).where(where),
  );
}
