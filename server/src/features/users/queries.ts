import { and, asc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { likeContains, type PageQuery, pageOf } from "../../lib/pagination.ts";
import { scopeFilter } from "../../lib/policy.ts";
import { loginThrottles } from "../auth/schema.ts";
import { units } from "../units/schema.ts";
import { userPolicy, userReadWhere } from "./policy.ts";
import { users } from "./schema.ts";

export const normaliseUsername = (name: string) => name.normalize("NFC").trim().toLowerCase();

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

export async function listUsers(
  db: Executor,
  actor: Actor,
  query: PageQuery & { q?: string; unitId?: string },
) {
  const conditions: SQL[] = [scopeFilter(actor, userPolicy.visibility, units.path), userReadWhere(actor)];
  if (query.q) {
    const pattern = likeContains(query.q);
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)) as SQL);
  }
  if (query.unitId) {
    conditions.push(sql`${units.path} like (select u.path from units u where u.id = ${query.unitId}) || '%'`);
  }
  const where = and(...conditions);
  return pageOf(
    db,
    query,
    (limit, offset) =>
      db
        .select(userWithUnit)
        .from(users)
        .innerJoin(units, eq(units.id, users.unitId))
        .leftJoin(loginThrottles, accountThrottle)
        .where(where)
        .orderBy(asc(users.username))
        .limit(limit)
        .offset(offset),
    () => db.select({ one: sql`1` }).from(users).innerJoin(units, eq(units.id, users.unitId)).where(where),
  );
}
