import type { Actor } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { definePolicy, inSubtree } from "../../lib/policy.ts";
import { keepers, reviewers } from "../recognition/index.ts";
import type { DecisionStatus, ProposalStatus } from "./schema.ts";

/**
 * Forms of commendation: the national catalogue (owned by the root, so that only an administrator
 * placed at the root edits it) and the forms a unit defines for its subtree, published down it.
 * Administrators edit the definitions of their subtree.
 */
export const formPolicy = definePolicy<{ unitPath: string }, "update">({
  entity: "commendation_form",
  visibility: "published-down",
  read: () => true,
  actions: { update: (actor) => actor.role === "admin" },
});
export const mayDefineForms = (actor: Actor) => actor.role === "admin";

/** A proposal as its policy sees it. */
export interface ProposalObject {
  /** The proposing unit's path. */
  unitPath: string;
  status: ProposalStatus;
  /** The unit it waits at (submitted), and the unit that approved it. */
  reviewUnitPath: string | null;
  approvedUnitPath: string | null;
}

const editable = (p: ProposalObject) => p.status === "draft" || p.status === "returned";

/**
 * Proposals belong to the proposing unit: its subtree — which holds the whole chain above it —
 * reads them; so does the unit a proposal waits at or was approved by (and the units above that
 * one), even when a reorganisation has moved the proposing unit out of its subtree. The proposing
 * unit's keepers write and submit them; reviewers act on those that wait at their unit (a state the
 * command checks: 409 when it has moved on).
 */
export const proposalPolicy = definePolicy<ProposalObject, "update" | "submit">({
  entity: "commendation_proposal",
  visibility: "own-subtree",
  read: () => true,
  actions: {
    update: (actor, p) => keepers.has(actor.role) && editable(p),
    submit: (actor, p) => keepers.has(actor.role) && editable(p),
  },
});

export const canReadProposal = (actor: Actor, p: ProposalObject) =>
  inSubtree(actor, p.unitPath) ||
  (p.reviewUnitPath !== null && inSubtree(actor, p.reviewUnitPath)) ||
  (p.approvedUnitPath !== null && inSubtree(actor, p.approvedUnitPath));

/** May the actor take review steps for its unit (officers, leaders, admins)? */
export const mayReview = (actor: Actor) => reviewers.has(actor.role);

/** Out of sight → 404; in sight, not a reviewer → 403. The waiting unit is the command's guard (409). */
export function authorizeReview(actor: Actor, p: ProposalObject) {
  if (!canReadProposal(actor, p)) throw new AppError("NOT_FOUND");
  if (!mayReview(actor)) throw new AppError("FORBIDDEN");
}

/** May the actor propose for a unit (create a proposal there)? */
export const mayPropose = (actor: Actor, unitPath: string) =>
  keepers.has(actor.role) && inSubtree(actor, unitPath);

/** A decision as its policy sees it. */
export interface DecisionObject {
  /** The issuing unit's path. */
  unitPath: string;
  unitId: string;
  status: DecisionStatus;
  /** Some recipient's unit lies in the actor's subtree. */
  recipientInScope: boolean;
  hasCorrection: boolean;
}

/**
 * Decisions are published down: the issuing unit's subtree reads an issued one, as do the units
 * of its recipients and the chain above the issuing unit; a draft only the issuing unit and the
 * chain above it. The issuing unit's reviewers (or an administrator above it) edit and issue drafts
 * and correct issued decisions; an issued decision itself never changes.
 */
export const decisionPolicy = definePolicy<DecisionObject, "update" | "issue" | "correct" | "certificates">({
  entity: "commendation_decision",
  visibility: "published-down",
  read: (actor, d) => d.status !== "draft" || inSubtree(actor, d.unitPath),
  actions: {
    update: (actor, d) => issuerOf(actor, d) && d.status === "draft",
    issue: (actor, d) => issuerOf(actor, d) && d.status === "draft",
    correct: (actor, d) => issuerOf(actor, d) && d.status === "issued" && !d.hasCorrection,
    certificates: (actor, d) => reviewers.has(actor.role) && d.status !== "draft",
  },
});

function issuerOf(actor: Actor, d: DecisionObject) {
  return reviewers.has(actor.role) && (actor.unitId === d.unitId || actor.role === "admin");
}

/** Read access beyond the published-down class: a recipient's unit in the actor's subtree. */
export const canReadDecision = (actor: Actor, d: DecisionObject) =>
  (d.status !== "draft" && d.recipientInScope) ||
  (d.status !== "draft" ? inSubtree(actor, d.unitPath) || actor.unitPath.startsWith(d.unitPath) : false) ||
  inSubtree(actor, d.unitPath);

/**
 * The decision's policy check: out of sight → 404; in sight but not allowed → 403. A state that has
 * moved on (an issued decision being edited) is the caller's 409, checked before this.
 */
export function authorizeDecision(
  actor: Actor,
  action: "read" | "update" | "issue" | "correct" | "certificates",
  d: DecisionObject,
) {
  if (!canReadDecision(actor, d)) throw new AppError("NOT_FOUND");
  if (action === "read") return;
  const rule = decisionPolicy.actions[action];
  if (!inSubtree(actor, d.unitPath) || !rule(actor, d)) throw new AppError("FORBIDDEN");
}

/** The module's pages: everyone but plain members (they see their own history). */
export const mayOpenCommendations = (actor: Actor) => actor.role !== "member";
