import type { Actor } from "../../lib/auth/actor.ts";
import type { Role } from "../../lib/auth/roles.ts";
import { definePolicy, inSubtree } from "../../lib/policy.ts";
import type { ReviewStatus } from "./schema.ts";

/** An item under review (a model, an exemplar) as its policy sees it. */
export interface ReviewObject {
  /** The owning unit's path. */
  unitPath: string;
  status: ReviewStatus;
  recognisedUnitPath: string | null;
}

/** Who keeps a unit's items (writes, submits, uploads): its officers, its cell secretary, admins. */
export const keepers = new Set<Role>(["admin", "officer", "secretary"]);
/** Who reviews what lower units submit: officers and committee leaders, admins. */
export const reviewers = new Set<Role>(["admin", "officer", "leader"]);

const editable = (item: ReviewObject) => item.status === "draft" || item.status === "returned";
/** Strictly above the item's unit: the chain that may review it. */
const above = (actor: Actor, item: ReviewObject) =>
  item.unitPath !== actor.unitPath && inSubtree(actor, item.unitPath);

/**
 * Items under review: private to the owning unit's subtree (which includes the chain above it)
 * until recognised, then shared with the whole tree so that any unit can adopt them. Whether an
 * item waits at the actor's unit is a state, checked by the command (409 when it has moved on).
 */
export const reviewPolicy = (entity: string) =>
  definePolicy<ReviewObject, "update" | "submit" | "review" | "publish">({
    entity,
    visibility: "shared",
    read: (actor, item) => item.status === "recognised" || inSubtree(actor, item.unitPath),
    actions: {
      update: (actor, item) => keepers.has(actor.role) && editable(item),
      submit: (actor, item) => keepers.has(actor.role) && editable(item),
      review: (actor, item) => reviewers.has(actor.role) && above(actor, item),
      publish: (actor, item) =>
        reviewers.has(actor.role) &&
        item.status === "recognised" &&
        !!item.recognisedUnitPath &&
        inSubtree(actor, item.recognisedUnitPath),
    },
  });

/** May the actor keep items of a unit it sees (create them there)? */
export const mayKeep = (actor: Actor, unitPath: string) =>
  keepers.has(actor.role) && inSubtree(actor, unitPath);
