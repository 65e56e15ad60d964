import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { auditLog } from "../../lib/audit-log.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { type PageQuery, pageOf } from "../../lib/pagination.ts";
import { pathIds } from "../figures/index.ts";
import { units } from "../units/schema.ts";

/** A calendar day in Vietnam's time zone (UTC+7, no daylight saving) as an instant. */
const startOfDayVn = (day: string) => new Date(`${day}T00:00:00+07:00`);

export async function listAudit(
  db: Db,
  actor: Actor,
  query: PageQuery & { entity?: string; entityId?: string; actor?: string; from?: string; to?: string },
) {
  // Entries without a unit (system events) belong to the root: only a root actor sees them — and
  // it sees every entry, so its list has no condition (nor the units join it needs) and walks
  // `audit_log_at_idx`. Below the root: the entries of the subtree's units.
  const atRoot = pathIds(actor.unitPath).length === 1;
  const conditions: SQL[] = atRoot
    ? []
    : [sql`${auditLog.unitId} in (select u.id from ${units} u where u.path like ${`${actor.unitPath}%`})`];
  if (query.entity) conditions.push(eq(auditLog.entity, query.entity));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.actor) conditions.push(eq(auditLog.actorUsername, query.actor.toLowerCase()));
  if (query.from) conditions.push(gte(auditLog.at, startOfDayVn(query.from)));
  if (query.to) conditions.push(lt(auditLog.at, new Date(startOfDayVn(query.to).getTime() + 86_400_000)));
  const where = and(...conditions);
  return pageOf(
    db,
    query,
    (limit, offset) =>
      db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ one: sql`1` }).from(auditLog).where(where),
  );
}
