import { eq, inArray } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { newId } from "../../../db/columns.ts";
import type { EventBus } from "../../../lib/events.ts";
import { people } from "../../people/schema.ts";
import { users } from "../../users/schema.ts";
import type { Channels } from "../channels.ts";
import { publishNotifications } from "../live.ts";
import {
  type DeliveryChannel,
  type NotificationRow,
  notificationDeliveries,
  notifications,
} from "../schema.ts";

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
 * (`deliverPending`), so a rolled-back write sends nothing. With `events`, the bell of each
 * recipient hears of it live (`live.ts`).
 */
export async function notify(
  tx: Executor,
  inputs: NotificationInput[],
  channels: Channels = {},
  events?: EventBus,
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
  await publishNotifications(events, tx, rows);
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
