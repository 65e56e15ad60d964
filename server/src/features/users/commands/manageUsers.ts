import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Actor, Ctx } from "../../../lib/auth/actor.ts";
import { hashPassword, oneTimePassword } from "../../../lib/auth/secrets.ts";
import { isUniqueViolation } from "../../../lib/db-errors.ts";
import { AppError } from "../../../lib/errors.ts";
import { authorize } from "../../../lib/policy.ts";
import { sessions } from "../../auth/schema.ts";
import { findUnit } from "../../units/queries.ts";
import { mayAssign, userPolicy } from "../policy.ts";
import { findUser } from "../queries.ts";
import { type Role, type UserRow, users } from "../schema.ts";

const unitOutOfScope = new AppError("RULE_VIOLATION", {
  message: {
    vi: "Đơn vị không tồn tại hoặc nằm ngoài phạm vi quản lý của bạn.",
    en: "The unit does not exist or lies outside your scope.",
  },
  details: [{ path: "body.unitId", message: "out_of_scope" }],
});
const usernameTaken = new AppError("USERNAME_TAKEN", {
  details: [{ path: "body.username", message: "taken" }],
});

const auditable = (u: UserRow) => {
  const { passwordHash: _p, failedLoginCount: _f, lastLoginAt: _l, ...rest } = u;
  return rest;
};

async function targetUnit(db: Db, actor: Actor, unitId: string, role: Role) {
  const unit = await findUnit(db, actor, unitId);
  if (!unit) throw unitOutOfScope;
  if (!mayAssign(actor, { role, unitPath: unit.path })) throw new AppError("FORBIDDEN");
  return unit;
}

/** Creates an account with a one-time password that must be changed at first login. */
export async function createUser(input: {
  db: Db;
  ctx: Ctx;
  actor: Actor;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  personId?: string | null | undefined;
}) {
  const { db, ctx, actor } = input;
  await targetUnit(db, actor, input.unitId, input.role);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  try {
    const id = await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, input.username));
      if (existing) throw usernameTaken;
      const [row] = await tx
        .insert(users)
        .values({
          username: input.username,
          displayName: input.displayName.normalize("NFC"),
          role: input.role,
          unitId: input.unitId,
          personId: input.personId ?? null,
          passwordHash,
          mustChangePassword: true,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      await recordAudit(tx, ctx, {
        event: "user.create",
        entityId: row.id,
        unitId: row.unitId,
        before: null,
        after: auditable(row),
      });
      return row.id;
    });
    const created = await findUser(db, actor, id);
    if (!created) throw new Error("created user not readable");
    return { row: created, oneTimePassword: password };
  } catch (error) {
    if (isUniqueViolation(error)) throw usernameTaken;
    throw error;
  }
}

/** Edits an account (name, role, unit, active); the version read must still be current. */
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
}) {
  const { db, ctx, actor } = input;
  const current = await findUser(db, actor, input.id);
  if (!current) throw new AppError("NOT_FOUND");
  const object = { ...current.user, unitPath: current.unitPath };
  const u = current.user;
  const changesProfile =
    (input.displayName !== undefined && input.displayName !== u.displayName) ||
    (input.role !== undefined && input.role !== u.role) ||
    (input.unitId !== undefined && input.unitId !== u.unitId);
  if (changesProfile) authorize(actor, userPolicy, "update", object);
  if (input.active === false && u.active) authorize(actor, userPolicy, "disable", object);
  if (input.active === true && !u.active) authorize(actor, userPolicy, "enable", object);
  if (!changesProfile && (input.active === undefined || input.active === u.active)) {
    authorize(actor, userPolicy, "read", object);
  }
  if (input.role !== undefined || input.unitId !== undefined) {
    await targetUnit(db, actor, input.unitId ?? u.unitId, input.role ?? u.role);
  }

  await db.transaction(async (tx) => {
    const now = new Date();
    const [after] = await tx
      .update(users)
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName.normalize("NFC") } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.unitId !== undefined ? { unitId: input.unitId } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: sql`${users.version} + 1`,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(and(eq(users.id, input.id), eq(users.version, input.version)))
      .returning();
    if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: u.version } });
    if (input.active === false && u.active) {
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, u.id), isNull(sessions.revokedAt)));
    }
    await recordAudit(tx, ctx, {
      event: "user.update",
      entityId: u.id,
      unitId: after.unitId,
      before: auditable(u),
      after: auditable(after),
    });
  });
  const updated = await findUser(db, actor, input.id);
  if (!updated) throw new AppError("NOT_FOUND");
  return updated;
}

/** Gives a new one-time password (members often have no e-mail), unlocks, ends their sessions. */
export async function resetUserPassword(input: { db: Db; ctx: Ctx; actor: Actor; id: string }) {
  const { db, ctx, actor } = input;
  const current = await findUser(db, actor, input.id);
  if (!current) throw new AppError("NOT_FOUND");
  authorize(actor, userPolicy, "resetPassword", { ...current.user, unitPath: current.unitPath });
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        failedLoginCount: 0,
        lockedUntil: null,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(eq(users.id, input.id));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, input.id), isNull(sessions.revokedAt)));
    await recordAudit(tx, ctx, {
      event: "user.password_reset",
      entityId: input.id,
      unitId: current.user.unitId,
      before: {
        passwordHash: current.user.passwordHash,
        mustChangePassword: current.user.mustChangePassword,
      },
      after: { passwordHash, mustChangePassword: true },
    });
  });
  return { oneTimePassword: password };
}
