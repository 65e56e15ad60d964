import type { Executor } from "../../db/client.ts";
import type { EventBus } from "../../lib/events.ts";
import type { App } from "../../lib/http.ts";
import { eventStreamRoute } from "../../lib/sse.ts";

/** The bell's topic: one event per in-app notification created. */
export const NOTIFICATIONS_TOPIC = "notifications";

/** What the bus carries: whose notification, and which (the client re-reads it through the API). */
export interface NotificationEvent {
  userId: string;
  notificationId: string;
}

/**
 * Tells every instance of the notifications just written in `tx`. On PostgreSQL the events are
 * part of the transaction (NOTIFY): sent when it commits, never after a rollback. In process
 * (embedded database) they go out when it has ended, rolled back too: a stale hint after which
 * the bell re-reads and finds nothing new.
 */
export async function publishNotifications(
  events: EventBus | undefined,
  tx: Executor,
  rows: { id: string; userId: string }[],
) {
  if (!events || rows.length === 0) return;
  const data: NotificationEvent[] = rows.map((r) => ({ userId: r.userId, notificationId: r.id }));
  for (let i = 0; i < data.length; i += 1000)
    await events.publishMany(NOTIFICATIONS_TOPIC, data.slice(i, i + 1000), { tx });
}

/** `GET /api/notifications/stream`: the caller's own notifications as they are created, live. */
export function notificationStreamRoute(app: App) {
  eventStreamRoute<NotificationEvent>(app, {
    url: "/notifications/stream",
    topic: NOTIFICATIONS_TOPIC,
    tags: ["notifications"],
    description:
      "The caller's new notifications, live (the bell): `data: {\"notificationId\"}` for each one created for the caller, and nobody else's.",
    visibility: "self",
    event: "notification",
    recipient: (data) => data.userId,
    // The policy of the bell: a notification is its recipient's alone.
    filter: (data, viewer) =>
      data.userId === viewer.userId ? { notificationId: data.notificationId } : null,
  });
}
