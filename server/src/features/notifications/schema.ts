import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { at, id, optionalRef, ref, stamped, timestamps, version, year } from "../../db/columns.ts";
import { units } from "../units/schema.ts";
import { users } from "../users/schema.ts";

/**
 * Thông báo — an in-app notification of one account: what happened or is due, a link to act on
 * it, read or unread. Written in the recipient's language when it is created.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: ref("user_id", () => users.id),
    /** What it is about, e.g. `reminder.commitment`, `reminder.ratings`. */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** A path of the web app (`/commitment`), made absolute with PUBLIC_URL for e-mail and webhooks. */
    link: text("link"),
    /** The unit the notification concerns (the audit's unit). */
    unitId: optionalRef("unit_id", () => units.id),
    readAt: at("read_at"),
    createdAt: stamped("created_at"),
  },
  (t) => [
    index("notifications_user_created_idx").on(t.userId, t.createdAt.desc(), t.id.desc()),
    index("notifications_user_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
  ],
);
export type NotificationRow = typeof notifications.$inferSelect;

export const deliveryChannels = ["email", "webhook"] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];
export const deliveryStatuses = ["pending", "sending", "sent", "failed"] as const;

/**
 * The outbox of a notification's other channels (e-mail, the SMS/Zalo webhook): written with the
 * notification in its transaction, sent after it commits, retried a few times when it fails.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: id(),
    notificationId: ref("notification_id", () => notifications.id),
    channel: text("channel", { enum: deliveryChannels }).notNull(),
    /** The e-mail address, or the phone number given to the webhook (may be null there). */
    address: text("address"),
    status: text("status", { enum: deliveryStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: stamped("next_attempt_at"),
    sentAt: at("sent_at"),
    createdAt: stamped("created_at"),
    updatedAt: stamped("updated_at"),
  },
  (t) => [
    index("notification_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'failed')`),
    index("notification_deliveries_notification_idx").on(t.notificationId),
    check("notification_deliveries_status_check", sql`${t.status} in ('pending','sending','sent','failed')`),
  ],
);
export type DeliveryRow = typeof notificationDeliveries.$inferSelect;

export const reminderKinds = ["commitment", "ratings"] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/**
 * Lời nhắc đã gửi — one reminder of a kind, for a year, to an account about a subject (the person
 * late with their commitment, or the cell late with its ratings). The unique key makes sending
 * idempotent: a second run, or a second instance, finds it there and sends nothing.
 */
export const reminderSends = pgTable(
  "reminder_sends",
  {
    id: id(),
    kind: text("kind", { enum: reminderKinds }).notNull(),
    year: year(),
    userId: ref("user_id", () => users.id),
    /** The person (commitment) or the cell (ratings) the reminder is about. */
    subjectId: uuid("subject_id").notNull(),
    unitId: ref("unit_id", () => units.id),
    /** The in-app notification it created (no foreign key: the send is claimed before the notification is written). */
    notificationId: uuid("notification_id"),
    /** The day (in Vietnam) of the run that found it late. */
    on: date("on").notNull(),
    sentAt: stamped("sent_at"),
  },
  (t) => [
    uniqueIndex("reminder_sends_key").on(t.kind, t.year, t.userId, t.subjectId),
    index("reminder_sends_unit_idx").on(t.unitId, t.year),
  ],
);

/**
 * Hạn nhắc nhở — what an officer sets for their subtree and a year: the day by which cells must
 * have proposed their members' ratings (15 December when no unit above sets one). The nearest
 * setting up the tree applies, like the commitment templates.
 */
export const reminderSettings = pgTable(
  "reminder_settings",
  {
    unitId: ref("unit_id", () => units.id),
    year: year(),
    ratingsDue: date("ratings_due"),
    ...timestamps,
    ...version,
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);
export type ReminderSettingsRow = typeof reminderSettings.$inferSelect;

/**
 * The daily runs (reminders, every module's `daily`): one row per Vietnam day, finished when the
 * whole run ended — a run cut short is run again, a finished day is not (two instances, a retry).
 */
export const dailyRuns = pgTable("daily_runs", {
  day: date("day", { mode: "string" }).primaryKey(),
  startedAt: stamped("started_at"),
  finishedAt: at("finished_at"),
  instance: text("instance").notNull(),
});
