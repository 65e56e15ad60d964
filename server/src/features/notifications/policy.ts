import type { Role } from "../../lib/auth/roles.ts";
import { definePolicy } from "../../lib/policy.ts";

/** A unit's reminders as the policy sees them: the unit, by its path. */
export interface ReminderObject {
  unitPath: string;
}

const officers = new Set<Role>(["admin", "officer"]);

/**
 * Reminders of a subtree: its officers (and admins) set the ratings' due day and send the
 * reminders at once ("Nhắc nhở ngay"); everyone in the subtree may read the day in force.
 */
export const reminderPolicy = definePolicy<ReminderObject, "update" | "run">({
  entity: "reminder",
  visibility: "own-subtree",
  read: () => true,
  actions: {
    update: (actor) => officers.has(actor.role),
    run: (actor) => officers.has(actor.role),
  },
});
