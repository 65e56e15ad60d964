import { definePolicy } from "../../lib/policy.ts";

/** Units: each user sees the subtree of their own unit (the tree module adds the write rules). */
export const unitPolicy = definePolicy<{ unitPath: string }, never>({
  entity: "unit",
  visibility: "own-subtree",
  read: () => true,
  actions: {},
});
