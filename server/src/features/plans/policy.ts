import type { Actor } from "../../lib/auth/actor.ts";
import type { Role } from "../../lib/auth/roles.ts";
import { AppError } from "../../lib/errors.ts";
import { authorize, canRead, definePolicy, inSubtree } from "../../lib/policy.ts";
import type { PlanStatus } from "./schema.ts";

/** Who writes a unit's plans: its officers, committee leaders, cell secretaries, admins. */
export const planners = new Set<Role>(["admin", "officer", "leader", "secretary"]);

/** A plan as its policy sees it. */
export interface PlanObject {
  unitPath: string;
  status: PlanStatus;
}

/**
 * Plans are published down: an issued plan is read by its unit's whole subtree (the units that
 * carry it out) and by the chain above it; a draft stays within its unit's subtree (which holds the
 * chain above it, so the parent sees its subordinates' drafts). Drafts are written, issued or
 * deleted by the unit's planners; an issued plan is immutable but for its tasks' progress, and its
 * cascade (how the units below took it up) is followed by everyone above the members.
 */
export const planPolicy = definePolicy<PlanObject, "update" | "issue" | "delete" | "cascade">({
  entity: "plan",
  visibility: "published-down",
  read: (actor, plan) => plan.status === "issued" || inSubtree(actor, plan.unitPath),
  actions: {
    update: (actor, plan) => planners.has(actor.role) && plan.status === "draft",
    issue: (actor, plan) => planners.has(actor.role) && plan.status === "draft",
    delete: (actor, plan) => planners.has(actor.role) && plan.status === "draft",
    cascade: (actor) => actor.role !== "member",
  },
});

/** A task as its policy sees it: the path of its owner unit, and its plan's status. */
export interface TaskObject {
  unitPath: string;
  planStatus: PlanStatus;
}

/**
 * A task is read with its plan (whose read is checked first). The task's owner unit (or a unit
 * above it) reports its progress and status — once the plan is issued, which the command guards
 * (409 on a draft, whose tasks are edited with the plan).
 */
export const planTaskPolicy = definePolicy<TaskObject, "update">({
  entity: "plan_task",
  visibility: "shared",
  read: () => true,
  actions: { update: (actor) => planners.has(actor.role) },
});

/** May the actor write plans of a unit it sees (create or derive one there)? */
export const mayPlan = (actor: Actor, unitPath: string) =>
  planners.has(actor.role) && inSubtree(actor, unitPath);

/**
 * Authorises an action on a draft (update, issue, delete). When the actor could have done it to a
 * draft but the plan has been issued meanwhile, the state moved on: 409, not 403.
 */
export function authorizeDraftAction(actor: Actor, action: "update" | "issue" | "delete", plan: PlanObject) {
  if (
    plan.status !== "draft" &&
    canRead(actor, planPolicy, plan) &&
    inSubtree(actor, plan.unitPath) &&
    planPolicy.actions[action](actor, { ...plan, status: "draft" })
  )
    throw new AppError("STATE_CONFLICT");
  authorize(actor, planPolicy, action, plan);
}
