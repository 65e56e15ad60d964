import type { Actor } from "../../lib/auth/actor.ts";
import type { Role } from "../../lib/auth/roles.ts";
import { definePolicy, inSubtree } from "../../lib/policy.ts";
import { keepers } from "../recognition/index.ts";

/** Who sees, in a unit they oversee, which members confirmed its standards: everyone but members. */
const overseers = new Set<Role>(["admin", "officer", "leader", "secretary"]);

/**
 * A unit's ethics standards are published down its subtree: its members (and every unit below)
 * read them and confirm they have, as does the chain above it. The unit's keepers — its cell
 * secretary, officers, admins — revise them; they and its leaders see who has confirmed.
 */
export const standardPolicy = definePolicy<{ unitPath: string }, "update" | "confirmations">({
  entity: "standard",
  visibility: "published-down",
  read: () => true,
  actions: {
    update: (actor) => keepers.has(actor.role),
    confirmations: (actor) => overseers.has(actor.role),
  },
});

/** May the actor set up the standards of a unit it sees? */
export const mayKeepStandards = (actor: Actor, unitPath: string) =>
  keepers.has(actor.role) && inSubtree(actor, unitPath);
