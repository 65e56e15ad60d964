import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import type { Actor, Ctx } from "../../../lib/auth/actor.ts";
import type { Role } from "../../../lib/auth/roles.ts";
import { recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { authorize } from "../../../lib/policy.ts";
import { sessions } from "../../auth/schema.ts";
import { revokeUserTokens } from "../../tokens/index.ts";
import { userPolicy } from "../policy.ts";
import { findUser } from "../queries.ts";
import { type UserRow, users } from "../schema.ts";
import { auditable, targetUnit } from "./shared.ts";

/**
 * Edits an account (name, role, unit, active, API tokens allowed); the version read must still be
 * current. Every edit needs the `update` permission, even one that changes nothing; an edit that
 * changes nothing writes nothing and answers the account as it is.
 */
export async function updateUser(input: {
  db: Db;
  ctx: Ctx;
  actor: Actor;
  id: string;
  version: number;
  displayName?: string | undefined;
  role?: Role | undefined;
  unitId?: string | undefined;
  active?: boolean | undefined;
  apiTokensAllowed?: boolean | undefined;
}) {
  const { db, ctx, actor } = input;
  const current = await findUser(db, actor, input.id);
  if (!current) throw new AppError("NOT_FOUND");
  const object = { ...current.user, unitPath: current.unitPath };
  const u = current.user;
  authorize(actor, userPolicy, "update", object);
  const displayName = input.displayName?.normalize("NFC");
  const changes: Partial<Pick<UserRow, "displayName" | "role" | "unitId" | "active" | "apiTokensAllowed">> = {
    ...(displayName !== undefined && displayName !== u.displayName ? { displayName } : {}),
    ...(input.role !== undefined && input.role !== u.role ? { role: input.role } : {}),
    ...(input.unitId !== undefined && input.unitId !== u.unitId ? { unitId: input.unitId } : {}),
    ...(input.active !== undefined && input.active !== u.active ? { active: input.active } : {}),
    ...(input.apiTokensAllowed !== undefined && input.apiTokensAllowed !== u.apiTokensAllowed
      ? { apiTokensAllowed: input.apiTokensAllowed }
      : {}),
  };
  if (changes.active === false) authorize(actor, userPolicy, "disable", object);
  if (changes.active === true) authorize(actor, userPolicy, "enable", object);
  if (changes.apiTokensAllowed !== undefined) authorize(actor, userPolicy, "allowApiTokens", object);
  if (changes.role !== undefined || changes.unitId !== undefined) {
    await targetUnit(db, actor, changes.unitId ?? u.unitId, changes.role ?? u.role);
  }
  if (!Object.keys(changes).length) return current;

  await db.transaction(async (tx) => {
    const now = new Date();
    const [after] = await tx
      .update(users)
      .set({ ...changes, version: sql`${users.version} + 1`, updatedAt: now, updatedBy: actor.userId })
      .where(and(eq(users.id, input.id), eq(users.version, input.version)))
      .returning();
    if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: u.version } });
    if (changes.active === false) {
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, u.id), isNull(sessions.revokedAt)));
    }
    if (changes.active === false || changes.apiTokensAllowed === false) {
      await revokeUserTokens({ tx, ctx, userId: u.id, unitId: after.unitId, now });
    }
    await recordChange(
      { tx, ctx },
      "user.update",
      { id: u.id, unitId: after.unitId },
      auditable(u),
      auditable(after),
    );
  });
  const updated = await findUser(db, actor, input.id);
  if (!updated) throw new AppError("NOT_FOUND");
  return updated;
}
