import type { Actor } from "../../lib/auth/actor.ts";
import { definePolicy, inSubtree } from "../../lib/policy.ts";
import { reviewers } from "../recognition/index.ts";

/**
 * Library documents are issued by a unit's officers, leaders and admins and published down its
 * subtree: every unit below reads them (and the chain above the issuer). The same people see who
 * has read a bulletin, unit by unit.
 */
export const documentPolicy = definePolicy<{ unitPath: string }, "update" | "report">({
  entity: "document",
  visibility: "published-down",
  read: () => true,
  actions: {
    update: (actor) => reviewers.has(actor.role),
    report: (actor) => reviewers.has(actor.role),
  },
});

/** May the actor issue documents for a unit it sees? */
export const mayIssueDocument = (actor: Actor, unitPath: string) =>
  reviewers.has(actor.role) && inSubtree(actor, unitPath);
