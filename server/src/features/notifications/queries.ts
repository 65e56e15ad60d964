import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { type PageQuery, pageOf } from "../../lib/pagination.ts";
import { pathIds } from "../figures/index.ts";
import { units } from "../units/schema.ts";
import { notifications, reminderSettings } from "./schema.ts";

/** The caller's notifications, newest first (only the unread with `unread`). */
export function listNotifications(
  db: Executor,
  userId: string,
  query: PageQuery & { unread?: boolean | undefined },
) {
  const where = and(
    eq(notifications.userId, userId),
    query.unread ? isNull(notifications.readAt) : undefined,
  );
  return pageOf(
    db,
    query,
    (limit, offset) =>
      db
        .select()
        .from(notifications)
        .where(where)
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ one: sql`1` }).from(notifications).where(where),
  );
}

/** What the bell shows: how many are unread, and how many there are in all. */
export async function notificationCounts(db: Executor, userId: string) {
  const [unread, total] = await Promise.all([
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
    db.select({ n: count() }).from(notifications).where(eq(notifications.userId, userId)),
  ]);
  return { unread: unread[0]?.n ?? 0, total: total[0]?.n ?? 0 };
}

/** The reminder settings that apply to a unit for a year: its own, or the nearest ancestor's that sets a day. */
export async function nearestReminderSettings(db: Executor, unitPath: string, year: number) {
  const [row] = await db
    .select({ settings: reminderSettings, unitName: units.name, depth: units.depth })
    .from(reminderSettings)
    .innerJoin(units, eq(units.id, reminderSettings.unitId))
    .where(
      and(
        eq(reminderSettings.year, year),
        inArray(reminderSettings.unitId, pathIds(unitPath)),
        isNotNull(reminderSettings.ratingsDue),
      ),
    )
    .orderBy(desc(units.depth))
    .limit(1);
  return row ?? null;
}

/** A unit's own settings row for the year (to edit it with its version). */
export async function ownReminderSettings(db: Executor, unitId: string, year: number) {
  const [row] = await db
    .select()
    .from(reminderSettings)
    .where(and(eq(reminderSettings.unitId, unitId), eq(reminderSettings.year, year)));
  return row ?? null;
}
