import { definePolicy } from "../../lib/policy.ts";

/** The audit log: administrators read the entries of their subtree. */
export const auditPolicy = definePolicy<{ unitPath: string }, never>({
  entity: "audit",
  visibility: "own-subtree",
  read: (actor) => actor.role === "admin",
  actions: {},
});
