import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";

const year = z.coerce.number().int().min(2000).max(2100);

export const notificationItem = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path of the web app to act on it (`/commitment`). */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationListQuery = pageQuery.extend({ unread: z.stringbool().optional() });
export const notificationListResponse = listOf(notificationItem).extend({
  /** Unread notifications in all (the bell's badge). */
  unread: z.number().int(),
});
export const notificationCountsResponse = z.object({ unread: z.number().int(), total: z.number().int() });
export const notificationIdParams = z.object({ id: z.uuid() });
export const notificationResponse = z.object({ notification: notificationItem });
export const readAllResponse = z.object({ updated: z.number().int() });

export const runRemindersBody = z.object({ year: year.optional() });
const counts = z.object({
  /** Late now, reminded before or not. */
  late: z.number().int(),
  /** Reminded by this run (each account once per kind and year). */
  sent: z.number().int(),
});
export const runRemindersResponse = z.object({
  year: z.number().int(),
  today: z.iso.date(),
  commitment: counts,
  ratings: counts,
  deliveries: z.object({ sent: z.number().int(), failed: z.number().int() }),
});

export const unitIdParams = z.object({ id: z.uuid() });
export const reminderSettingsQuery = z.object({ year: year.optional() });
export const reminderSettingsResponse = z.object({
  unitId: z.string(),
  year: z.number().int(),
  /** The day cells of this unit's subtree must have proposed their ratings by (in force). */
  ratingsDue: z.iso.date(),
  /** Where that day comes from: this unit, a unit above, or the default (15 December). */
  source: z.enum(["own", "inherited", "default"]),
  sourceUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The unit's own row's version (send it back to edit it); null before it has one. */
  version: z.number().int().nullable(),
  /** The unit's own day (null: it follows the units above). */
  ownRatingsDue: z.iso.date().nullable(),
  allowedActions: z.array(z.enum(["update", "run"])),
});
export const saveReminderSettingsBody = z.object({
  year,
  /** null: follow the units above (or 15 December). */
  ratingsDue: z.iso.date().nullable(),
  version: z.number().int().optional(),
});
