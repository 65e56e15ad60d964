import type { Actor } from "../../lib/auth/actor.ts";
import { definePolicy, inSubtree } from "../../lib/policy.ts";
import { keepers, reviewers } from "../recognition/index.ts";

/**
 * Topics are issued by a unit's officers, leaders and admins and published down its subtree:
 * every unit below reads them (and the chain above the issuer, as with every published item).
 */
export const topicPolicy = definePolicy<{ unitPath: string }, "update">({
  entity: "topic",
  visibility: "published-down",
  read: () => true,
  actions: { update: (actor) => reviewers.has(actor.role) },
});

/** May the actor issue a topic for a unit it sees? */
export const mayIssueTopic = (actor: Actor, unitPath: string) =>
  reviewers.has(actor.role) && inSubtree(actor, unitPath);

/**
 * Study sessions belong to the unit that held them: private to its subtree (which holds the chain
 * above it); its keepers — the cell secretary, officers, admins — record and correct them.
 */
export const studySessionPolicy = definePolicy<{ unitPath: string }, "update">({
  entity: "study_session",
  visibility: "own-subtree",
  read: () => true,
  actions: { update: (actor) => keepers.has(actor.role) },
});

/** May the actor record sessions of a unit (and so read its roster)? */
export const mayRecordSessions = (actor: Actor, unitPath: string) =>
  keepers.has(actor.role) && inSubtree(actor, unitPath);
