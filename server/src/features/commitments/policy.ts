import type { Actor } from "../../lib/auth/actor.ts";
import type { Role } from "../../lib/auth/roles.ts";
import { definePolicy, inSubtree } from "../../lib/policy.ts";

/** A member's commitment as the policy sees it: the cell it belongs to, and whose it is. */
export interface CommitmentObject {
  unitPath: string;
  personId: string;
}

const readers = new Set<Role>(["admin", "officer", "leader", "secretary"]);
const reviewers = new Set<Role>(["admin", "officer", "secretary"]);

/**
 * Commitments: a member reads only their own; a cell secretary their cell's; officers and
 * leaders their subtree's. The secretary (or an officer above) reviews them.
 */
export const commitmentPolicy = definePolicy<CommitmentObject, "review">({
  entity: "commitment",
  visibility: "own-subtree",
  read: (actor, c) => readers.has(actor.role) || c.personId === actor.personId,
  actions: {
    review: (actor, c) => reviewers.has(actor.role) && c.personId !== actor.personId,
  },
});

/** A cell's rating sheet: the cell (its secretary, officers above) proposes; the units above confirm. */
export interface SheetObject {
  unitPath: string;
}
const above = (actor: Actor, sheet: SheetObject) =>
  sheet.unitPath !== actor.unitPath && inSubtree(actor, sheet.unitPath);

export const ratingPolicy = definePolicy<SheetObject, "propose" | "confirm" | "correct" | "template">({
  entity: "rating",
  visibility: "own-subtree",
  read: (actor) => readers.has(actor.role),
  actions: {
    propose: (actor) => reviewers.has(actor.role),
    confirm: (actor, sheet) => ["admin", "officer", "leader"].includes(actor.role) && above(actor, sheet),
    correct: (actor, sheet) => ["admin", "officer"].includes(actor.role) && above(actor, sheet),
    template: (actor) => reviewers.has(actor.role),
  },
});

/** Who may close a year for a unit's subtree: its officers and admins. */
export const mayCloseYear = (actor: Actor, unitPath: string) =>
  ["admin", "officer"].includes(actor.role) && inSubtree(actor, unitPath);

/** Who writes a commitment of their own in the app: members, and secretaries (members of their cell). */
export const mayCommit = (actor: Actor) => actor.role === "member" || actor.role === "secretary";
/** Who reads their units' commitments and rating sheets. */
export const mayReadUnitCommitments = (actor: Actor) => readers.has(actor.role);
/** Who keeps templates and reviews commitments. */
export const mayKeepCommitments = (actor: Actor) => reviewers.has(actor.role);
