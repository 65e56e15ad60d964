import { eq, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../lib/auth/actor.ts";
import type { Role } from "../../lib/auth/roles.ts";
import { definePolicy, inSubtree, outranksOrEquals } from "../../lib/policy.ts";
import { users } from "./schema.ts";

/** An account as the policy sees it. */
export interface UserObject {
  id: string;
  role: Role;
  active: boolean;
  unitPath: string;
}

const managers = new Set<Role>(["admin", "officer"]);
/** Admins manage every account in their subtree; officers every non-admin account in theirs. */
const manages = (actor: Actor, user: UserObject) =>
  managers.has(actor.role) &&
  outranksOrEquals(actor.role, user.role) &&
  (actor.role === "admin" || user.role !== "admin");
const readers = new Set<Role>(["admin", "officer", "leader", "secretary"]);

export const userPolicy = definePolicy<
  UserObject,
  "update" | "disable" | "enable" | "resetPassword" | "allowApiTokens"
>({
  entity: "user",
  visibility: "own-subtree",
  read: (actor, user) => readers.has(actor.role) || user.id === actor.userId,
  actions: {
    update: (actor, user) => manages(actor, user) && user.id !== actor.userId,
    disable: (actor, user) => manages(actor, user) && user.active && user.id !== actor.userId,
    enable: (actor, user) => manages(actor, user) && !user.active,
    resetPassword: (actor, user) => manages(actor, user) && user.id !== actor.userId,
    /** Whether a member may hold API tokens is an administrator's decision. */
    allowApiTokens: (actor, user) =>
      actor.role === "admin" && manages(actor, user) && user.id !== actor.userId,
  },
});

/** The SQL twin of `userPolicy.read` beyond the subtree: members and others see only themselves. */
export function userReadWhere(actor: Actor): SQL {
  return readers.has(actor.role) ? sql`true` : eq(users.id, actor.userId);
}

/** May the actor give an account this role in this unit (create, or move/promote)? */
export function mayAssign(actor: Actor, target: { role: Role; unitPath: string }): boolean {
  if (!managers.has(actor.role) || !inSubtree(actor, target.unitPath)) return false;
  return actor.role === "admin" || target.role !== "admin";
}

export const mayCreateUsers = (actor: Actor) => managers.has(actor.role);

/** The accounts page: who manages accounts and the committee leaders who look them over. */
const accountPageReaders = new Set<Role>(["admin", "officer", "leader"]);
export const mayOpenAccounts = (actor: Actor) => accountPageReaders.has(actor.role);
