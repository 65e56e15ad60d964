import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { newId } from "../../db/columns.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { writtenBy } from "../../lib/edits.ts";
import { AppError } from "../../lib/errors.ts";
import { people } from "../people/schema.ts";
import type { UnitRow } from "../units/schema.ts";
import { users } from "../users/schema.ts";
import type { Channels } from "./channels.ts";
import {
  type DeliveryChannel,
  type NotificationRow,
  notificationDeliveries,
  notifications,
  reminderSettings,
} from "./schema.ts";

export interface NotificationInput {
  /** Given when the caller must know it beforehand (a reminder claims its send first). */
  id?: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  unitId?: string | null;
}

/**
 * Notifies accounts, in the caller's transaction: the in-app notification always, and a pending
 * delivery for each configured external channel that can reach the recipient (their e-mail, or
 * the webhook with their phone when known). Deliveries go out after the transaction commits
 * (`deliverPending`), so a rolled-back write sends nothing.
 */
export async function notify(
  tx: Executor,
  inputs: NotificationInput[],
  channels: Channels = {},
): Promise<NotificationRow[]> {
  if (inputs.length === 0) return [];
  const rows: NotificationRow[] = [];
  for (let i = 0; i < inputs.length; i += 1000) {
    rows.push(
      ...(await tx
        .insert(notifications)
        .values(
          inputs.slice(i, i + 1000).map((n) => ({
            id: n.id ?? newId(),
            userId: n.userId,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link ?? null,
            unitId: n.unitId ?? null,
          })),
        )
        .returning()),
    );
  }
  const external = Object.values(channels);
  if (external.length === 0) return rows;
  const userIds = [...new Set(inputs.map((n) => n.userId))];
  const contacts = new Map<string, { email: string | null; phone: string | null }>();
  for (let i = 0; i < userIds.length; i += 1000) {
    const found = await tx
      .select({ userId: users.id, email: people.email, phone: people.phone })
      .from(users)
      .leftJoin(people, eq(people.id, users.personId))
      .where(inArray(users.id, userIds.slice(i, i + 1000)));
    for (const c of found) contacts.set(c.userId, { email: c.email, phone: c.phone });
  }
  const deliveries: { notificationId: string; channel: DeliveryChannel; address: string | null }[] = [];
  for (const row of rows) {
    const contact = contacts.get(row.userId);
    for (const channel of external) {
      const address = channel.name === "email" ? (contact?.email ?? null) : (contact?.phone ?? null);
      if (channel.reaches(address))
        deliveries.push({ notificationId: row.id, channel: channel.name, address });
    }
  }
  for (let i = 0; i < deliveries.length; i += 1000)
    await tx.insert(notificationDeliveries).values(deliveries.slice(i, i + 1000));
  return rows;
}

/** Marks one of the caller's notifications read (already read: unchanged). Another user's → 404. */
export async function markRead(tx: Executor, ctx: Ctx, input: { userId: string; id: string }) {
  const [current] = await tx
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, input.id), eq(notifications.userId, input.userId)));
  if (!current) throw new AppError("NOT_FOUND");
  if (current.readAt) return current;
  const [after] = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, current.id), isNull(notifications.readAt)))
    .returning();
  const row = after ?? current;
  await recordAudit(tx, ctx, {
    event: "notification.read",
    entityId: row.id,
    unitId: row.unitId,
    before: { readAt: current.readAt },
    after: { readAt: row.readAt },
  });
  return row;
}

/** Marks every unread notification of the caller read; answers how many changed. */
export async function markAllRead(tx: Executor, ctx: Ctx, input: { userId: string }) {
  const changed = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, input.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (changed.length > 0)
    await recordAudit(tx, ctx, {
      event: "notification.read",
      entityId: null,
      after: { all: true, count: changed.length },
    });
  return changed.length;
}

/** An officer sets, for their unit's subtree and a year, the day cells must have proposed their ratings by. */
export async function saveReminderSettings(
  tx: Executor,
  ctx: Ctx,
  input: { unit: UnitRow; year: number; ratingsDue: string | null; version?: number | undefined },
) {
  const [current] = await tx
    .select()
    .from(reminderSettings)
    .where(and(eq(reminderSettings.unitId, input.unit.id), eq(reminderSettings.year, input.year)));
  if (!current) {
    const [row] = await tx
      .insert(reminderSettings)
      .values({
        unitId: input.unit.id,
        year: input.year,
        ratingsDue: input.ratingsDue,
        ...writtenBy(ctx),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("VERSION_CONFLICT"); // written at the same moment elsewhere
    await recordAudit(tx, ctx, {
      event: "reminder.settings",
      entityId: row.unitId,
      unitId: row.unitId,
      before: null,
      after: { year: row.year, ratingsDue: row.ratingsDue },
    });
    return row;
  }
  if (input.version === undefined || input.version !== current.version)
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  const [after] = await tx
    .update(reminderSettings)
    .set({
      ratingsDue: input.ratingsDue,
      version: sql`${reminderSettings.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(
      and(
        eq(reminderSettings.unitId, input.unit.id),
        eq(reminderSettings.year, input.year),
        eq(reminderSettings.version, current.version),
      ),
    )
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await recordAudit(tx, ctx, {
    event: "reminder.settings",
    entityId: after.unitId,
    unitId: after.unitId,
    before: { year: current.year, ratingsDue: current.ratingsDue },
    after: { year: after.year, ratingsDue: after.ratingsDue },
  });
  return after;
}
