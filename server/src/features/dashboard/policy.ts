import { definePolicy } from "../../lib/policy.ts";

export interface DashboardObject {
  /** The path of the unit whose subtree the dashboard sums. */
  unitPath: string;
}

/**
 * The dashboard of a unit: the figures of its whole subtree, so only within the caller's subtree
 * (out of sight → 404). Members read their own records, not their units' figures (403).
 */
export const dashboardPolicy = definePolicy<DashboardObject, "view">({
  entity: "dashboard",
  visibility: "own-subtree",
  read: () => true,
  actions: {
    view: (actor) => actor.role !== "member",
  },
});
