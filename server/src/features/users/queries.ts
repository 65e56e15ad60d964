import { and, asc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { inIdOrder, likeContains, type PageQuery, pageOf } from "../../lib/pagination.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { loginThrottles } from "../auth/schema.ts";
import { pathIds } from "../figures/index.ts";
import { units } from "../units/schema.ts";
import { userPolicy, userReadWhere } from "./policy.ts";
import { users } from "./schema.ts";

export const userWithUnit = {
  user: users,
  unitName: units.name,
  unitPath: units.path,
  /** Sign-ins with this username locked (from addresses it does not use) until then. */
  lockedUntil: loginThrottles.lockedUntil,
};
const accountThrottle = and(eq(loginThrottles.kind, "account"), eq(loginThrottles.key, users.username));

/** One account, or null when it does not exist or lies outside what the actor may read. */
export async function findUser(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select(userWithUnit)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .leftJoin(loginThrottles, accountThrottle)
    .where(and(eq(users.id, id), scopeFilter(actor, userPolicy.visibility, units.path), userReadWhere(actor)))
    .limit(1);
  return row ?? null;
}

/**
 * Accounts by username. The root's list walks `users_username_key` and stops at the page; a
 * subtree's accounts are gathered first (the units of the subtree, their accounts by
 * `users_unit_idx`) and then sorted, since usernames cluster by area and a walk of the country's
 * usernames could pass thousands before a province's fiftieth; then the page's details, by id.
 */
export async function listUsers(
  db: Executor,
  actor: Actor,
  query: PageQuery & { q?: string; unitId?: string },
) {
  const subtree = (path: SQL) =>
    sql`${users.unitId} in (select u.id from ${units} u where u.path like ${path})`;
  // The same accounts as `scopeFilter(actor, userPolicy.visibility, units.path)`: the subtree's.
  const conditions: SQL[] = [userReadWhere(actor)];
  const atRoot = pathIds(actor.unitPath).length === 1;
  if (!atRoot) conditions.push(subtree(sql`${`${actor.unitPath}%`}`));
  if (query.q) {
    const pattern = likeContains(query.q);
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)) as SQL);
  }
  if (query.unitId)
    conditions.push(subtree(sql`(select u.path from ${units} u where u.id = ${query.unitId}) || '%'`));
  const where = and(...conditions);
  const rows = async (limit: number, offset: number) => {
    const page =
      atRoot && !query.unitId
        ? await db
            .select({ id: users.id })
            .from(users)
            .where(where)
            .orderBy(asc(users.username))
            .limit(limit)
            .offset(offset)
        : (
            (await db.execute(sql`with scope as materialized (
                select ${users.id} as id, ${users.username} as username from ${users} where ${where})
              select id from scope order by username limit ${limit} offset ${offset}`)) as unknown as {
              rows: { id: string }[];
            }
          ).rows;
    const ids = page.map((r) => r.id);
    if (!ids.length) return [];
    return inIdOrder(
      ids,
      await db
        .select(userWithUnit)
        .from(users)
        .innerJoin(units, eq(units.id, users.unitId))
        .leftJoin(loginThrottles, accountThrottle)
        .where(inArray(users.id, ids)),
      (r) => r.user.id,
    );
  };
  return pageOf(db, query, rows, () => db.select({ one: sql`1` }).from(users).where(where));
}
