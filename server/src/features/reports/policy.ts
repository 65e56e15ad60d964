import type { Actor } from "../../lib/auth/actor.ts";
import type { Role } from "../../lib/auth/roles.ts";
import { definePolicy, inSubtree } from "../../lib/policy.ts";
import type { ReportRole, ReportStatus, RequestStatus } from "./schema.ts";

/** Who reads requests, reports and completeness: everyone but members (internal working documents). */
const readers = new Set<Role>(["admin", "officer", "leader", "secretary"]);
/** Who issues requests and reviews what comes back: the unit's officers, committee leaders, admins. */
const issuers = new Set<Role>(["admin", "officer", "leader"]);
/** Who writes and submits a unit's report: its officers, leaders, cell secretaries, admins. */
const writers = new Set<Role>(["admin", "officer", "leader", "secretary"]);

/** A request as its policy sees it: the requester's path. */
export interface RequestObject {
  unitPath: string;
  status: RequestStatus;
}

/**
 * Report requests are published down: read by the requester's whole subtree (the targets and the
 * units in between) and by the chain above it. The requester's unit and the units above it
 * (their officers, leaders, admins) cancel a request, move its due date and remind late units.
 */
export const requestPolicy = definePolicy<RequestObject, "cancel" | "remind" | "edit">({
  entity: "report_request",
  visibility: "published-down",
  read: (actor) => readers.has(actor.role),
  actions: {
    cancel: (actor) => issuers.has(actor.role),
    remind: (actor) => issuers.has(actor.role),
    edit: (actor) => issuers.has(actor.role),
  },
});

/** May the actor issue requests (or schedules) from a unit it sees? */
export const mayRequest = (actor: Actor, unitPath: string) =>
  issuers.has(actor.role) && inSubtree(actor, unitPath);

/** A report as its policy sees it: its unit's path and its request's (the requester's). */
export interface ReportObject {
  unitPath: string;
  requesterPath: string;
  role: ReportRole;
}

/**
 * A report is private to its unit's subtree — which holds the chain above it, so the requester
 * and the units in between read it. The unit's own officers (cell secretaries) write and submit it;
 * the requester's unit and the units above review it (a consolidated report is not reviewed).
 * Workflow states are guarded by the commands (409 when the state has moved on).
 */
export const reportPolicy = definePolicy<ReportObject, "update" | "submit" | "review">({
  entity: "report",
  visibility: "own-subtree",
  read: (actor) => readers.has(actor.role),
  actions: {
    update: (actor, r) => writers.has(actor.role) && actor.unitPath === r.unitPath,
    submit: (actor, r) => writers.has(actor.role) && actor.unitPath === r.unitPath,
    review: (actor, r) => issuers.has(actor.role) && r.role === "target" && inSubtree(actor, r.requesterPath),
  },
});

/** What the states allow, for the UI's allowed actions (the commands check the same in their WHERE). */
export const editableStatuses: readonly ReportStatus[] = ["not_started", "draft", "returned"];

/**
 * The completeness of a request seen from a unit (the requester or one between it and the
 * targets): read within the caller's subtree; its late units reminded by officers, leaders, admins.
 */
export const completenessPolicy = definePolicy<{ unitPath: string }, "remind">({
  entity: "report_completeness",
  visibility: "own-subtree",
  read: (actor) => readers.has(actor.role),
  actions: { remind: (actor) => issuers.has(actor.role) },
});

/** A schedule of recurring requests: read and changed like the requests it creates. */
export const schedulePolicy = definePolicy<{ unitPath: string }, "update">({
  entity: "report_schedule",
  visibility: "own-subtree",
  read: (actor) => readers.has(actor.role),
  actions: { update: (actor) => issuers.has(actor.role) },
});

/** Who reads requests and reports (and writes their unit's). */
export const mayReadReports = (actor: Actor) => readers.has(actor.role);
