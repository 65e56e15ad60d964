import type { Actor } from "../../lib/auth/actor.ts";
import { definePolicy } from "../../lib/policy.ts";
import type { UnitStatus } from "./schema.ts";

export interface UnitObject {
  unitPath: string;
  status: UnitStatus;
}

const manages = (actor: Actor) => actor.role === "admin" || actor.role === "officer";
/** The actor's own unit is managed from above: it cannot move, merge or dissolve itself. */
const below = (actor: Actor, unit: UnitObject) => unit.unitPath !== actor.unitPath;

/** Units: each user sees the subtree of their unit; officers and admins reorganise below it. */
export const unitPolicy = definePolicy<
  UnitObject,
  "update" | "createChild" | "move" | "merge" | "split" | "dissolve"
>({
  entity: "unit",
  visibility: "own-subtree",
  read: () => true,
  actions: {
    update: (actor) => manages(actor),
    createChild: (actor, unit) => manages(actor) && unit.status === "active",
    move: (actor, unit) => manages(actor) && below(actor, unit) && unit.status === "active",
    merge: (actor, unit) => manages(actor) && below(actor, unit) && unit.status === "active",
    split: (actor, unit) => manages(actor) && below(actor, unit) && unit.status === "active",
    dissolve: (actor, unit) => manages(actor) && below(actor, unit) && unit.status === "active",
  },
});

/** May the actor add units at all (the import's gate); under which parent is `createChild`'s question. */
export const mayCreateUnits = (actor: Actor) =>
  unitPolicy.actions.createChild(actor, { unitPath: actor.unitPath, status: "active" });

/** The organisation's pages (the tree, a unit's page): everyone but members, who read their own record. */
export const mayBrowseUnits = (actor: Actor) => actor.role !== "member";
