import type { Actor } from "../../lib/auth/actor.ts";
import { definePolicy } from "../../lib/policy.ts";
import { reviewers } from "../recognition/index.ts";

/**
 * Booklets belong to the compiling unit and are published down its subtree (the cells that
 * replicate the models read them, and download their files), as well as read by the chain above.
 * They are compiled, edited and exported by the officers, leaders and admins of a unit within
 * their subtree — the same people who review models.
 */
export const bookletPolicy = definePolicy<{ unitPath: string }, "update" | "export">({
  entity: "booklet",
  visibility: "published-down",
  read: () => true,
  actions: {
    update: (actor) => reviewers.has(actor.role),
    export: (actor) => reviewers.has(actor.role),
  },
});

/** May the actor compile a booklet for its own unit? */
export const mayCompile = (actor: Actor) => reviewers.has(actor.role);
