import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../users/schema.ts";
import { absoluteLink, type Channels } from "./channels.ts";
import { type DeliveryChannel, notificationDeliveries, notifications } from "./schema.ts";

/** After this many failed attempts a delivery stays failed (the in-app notification remains). */
export const MAX_ATTEMPTS = 5;
/** A delivery left "sending" this long was interrupted (the process stopped): it is tried again. */
const STUCK_MS = 10 * 60_000;
const backoffMs = (attempts: number) => 5 * 60_000 * 2 ** Math.max(0, attempts - 1);

export interface DeliveryResult {
  sent: number;
  failed: number;
}

/**
 * Sends the pending deliveries of the configured channels (the outbox `notify` wrote): each is
 * claimed first (`FOR UPDATE SKIP LOCKED`, so two instances never send the same one), sent, and
 * marked sent, or failed with its error and a later retry time (5 min, 10, 20 … up to
 * MAX_ATTEMPTS). `ids` limits the run to some notifications (those a command just wrote).
 */
export async function deliverPending(input: {
  db: Db;
  channels: Channels;
  publicUrl?: string | undefined;
  notificationIds?: string[];
  now?: Date;
  limit?: number;
}): Promise<DeliveryResult> {
  const { db, channels } = input;
  const names = Object.keys(channels) as DeliveryChannel[];
  const result: DeliveryResult = { sent: 0, failed: 0 };
  if (names.length === 0) return result;
  const now = input.now ?? new Date();
  const limit = input.limit ?? 200;
  await db.execute(sql`
    update ${notificationDeliveries} set status = 'failed', last_error = 'interrupted', updated_at = ${now.toISOString()}::timestamptz
    where status = 'sending' and updated_at < ${new Date(now.getTime() - STUCK_MS).toISOString()}::timestamptz`);
  const onlyThese = input.notificationIds
    ? input.notificationIds.length
      ? sql`and notification_id in (${sql.join(
          input.notificationIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`
      : null
    : sql``;
  if (onlyThese === null) return result;
  for (let round = 0; round < 10_000; round++) {
    const claimed = (
      (await db.execute(sql`
      update ${notificationDeliveries} d
         set status = 'sending', attempts = d.attempts + 1, updated_at = ${now.toISOString()}::timestamptz
       where d.id in (
         select id from ${notificationDeliveries}
          where status in ('pending', 'failed') and attempts < ${MAX_ATTEMPTS}
            and next_attempt_at <= ${now.toISOString()}::timestamptz
            and channel in (${sql.join(
              names.map((n) => sql`${n}`),
              sql`, `,
            )})
            ${onlyThese}
          order by next_attempt_at, id
          limit ${limit}
          for update skip locked)
      returning d.id, d.notification_id as "notificationId", d.channel, d.address, d.attempts`)) as unknown as {
        rows: {
          id: string;
          notificationId: string;
          channel: DeliveryChannel;
          address: string | null;
          attempts: number;
        }[];
      }
    ).rows;
    if (claimed.length === 0) break;
    for (const delivery of claimed) {
      const [n] = await db
        .select({
          userId: notifications.userId,
          title: notifications.title,
          body: notifications.body,
          link: notifications.link,
          name: users.displayName,
        })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(eq(notifications.id, delivery.notificationId));
      const channel = channels[delivery.channel];
      let error: string | null = null;
      try {
        if (!n || !channel) throw new Error("no notification or channel");
        await channel.send({
          userId: n.userId,
          name: n.name,
          address: delivery.address,
          title: n.title,
          body: n.body,
          link: absoluteLink({ PUBLIC_URL: input.publicUrl }, n.link),
        });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      const at = new Date();
      await db
        .update(notificationDeliveries)
        .set(
          error === null
            ? { status: "sent", sentAt: at, lastError: null, updatedAt: at }
            : {
                status: "failed",
                lastError: error.slice(0, 1000),
                nextAttemptAt: new Date(at.getTime() + backoffMs(delivery.attempts)),
                updatedAt: at,
              },
        )
        .where(eq(notificationDeliveries.id, delivery.id));
      if (error === null) result.sent++;
      else result.failed++;
    }
    if (claimed.length < limit) break;
  }
  return result;
}
