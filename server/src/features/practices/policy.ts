import type { Actor } from "../../lib/auth/actor.ts";
import { definePolicy } from "../../lib/policy.ts";
import { keepers, reviewPolicy } from "../recognition/index.ts";

/** Models: private to their unit's subtree (and the chain above it) until recognised, then shared. */
export const practicePolicy = reviewPolicy("practice");

/** Adoptions belong to the adopting unit: its keepers record and update them. */
export const adoptionPolicy = definePolicy<{ unitPath: string }, "update">({
  entity: "adoption",
  visibility: "shared",
  read: () => true,
  actions: { update: (actor: Actor) => keepers.has(actor.role) },
});
