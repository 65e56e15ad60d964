import type { Actor } from "../../lib/auth/actor.ts";
import { allowedActions } from "../../lib/policy.ts";
import type { UserItem } from "./contracts.ts";
import { userPolicy } from "./policy.ts";
import type { UserRow } from "./schema.ts";

export function presentUser(
  actor: Actor,
  row: { user: UserRow; unitName: string; unitPath: string; lockedUntil: Date | null },
): UserItem {
  const u = row.user;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitId: u.unitId,
    unitName: row.unitName,
    personId: u.personId,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    apiTokensAllowed: u.apiTokensAllowed,
    lockedUntil: row.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
    allowedActions: allowedActions(actor, userPolicy, { ...u, unitPath: row.unitPath }),
  };
}
