import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Actor, Ctx } from "../../../lib/auth/actor.ts";
import type { Role } from "../../../lib/auth/roles.ts";
import { hashPassword, oneTimePassword } from "../../../lib/auth/secrets.ts";
import { isUniqueViolation } from "../../../lib/db-errors.ts";
import { AppError } from "../../../lib/errors.ts";
import { authorize } from "../../../lib/policy.ts";
import { clearLoginThrottles } from "../../auth/index.ts";
import { sessions } from "../../auth/schema.ts";
import { findPerson } from "../../people/index.ts";
import { people } from "../../people/schema.ts";
import { revokeUserTokens } from "../../tokens/index.ts";
import { findUnit } from "../../units/index.ts";
import { mayAssign, userPolicy } from "../policy.ts";
import { findUser } from "../queries.ts";
import { type UserRow, users } from "../schema.ts";

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
/** The same answer for a person who does not exist and one the creator may not read. */
const personOutOfScope = new AppError("RULE_VIOLATION", {
  message: {
    vi: "Đảng viên không tồn tại hoặc nằm ngoài phạm vi quản lý của bạn.",
    en: "The person does not exist or lies outside your scope.",
  },
  details: [{ path: "body.personId", message: "out_of_scope" }],
});
const personLinked = new AppError("RULE_VIOLATION", {
  message: { vi: "Đảng viên này đã có tài khoản.", en: "This person already has an account." },
  details: [{ path: "body.personId", message: "linked" }],
});

const auditable = (u: UserRow) => {
  const { passwordHash: _p, lastLoginAt: _l, ...rest } = u;
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
  const personId = input.personId ?? null;
  await targetUnit(db, actor, input.unitId, input.role);
  // The person must be one the creator reads in their own subtree (the people module's scoped
  // read): a person shared elsewhere, e.g. through a recognised model, is not theirs to claim.
  if (personId && !(await findPerson(db, actor, personId))) throw personOutOfScope;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  try {
    const id = await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, input.username));
      if (existing) throw usernameTaken;
      if (personId) {
        // Locked like the bulk creation locks its people: of two creations, the second sees the first.
        await tx.select({ id: people.id }).from(people).where(eq(people.id, personId)).for("update");
        const [linked] = await tx.select({ id: users.id }).from(users).where(eq(users.personId, personId));
        if (linked) throw personLinked;
      }
      const [row] = await tx
        .insert(users)
        .values({
          username: input.username,
          displayName: input.displayName.normalize("NFC"),
          role: input.role,
          unitId: input.unitId,
          personId,
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
    if (isUniqueViolation(error, "users_username_key")) throw usernameTaken;
    if (isUniqueViolation(error)) throw personLinked;
    throw error;
  }
}

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
      await revokeUserTokens(tx, ctx, { userId: u.id, unitId: after.unitId, now });
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

/** Gives a new one-time password (members often have no e-mail), unlocks, ends their sessions and tokens. */
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
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(eq(users.id, input.id));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, input.id), isNull(sessions.revokedAt)));
    await revokeUserTokens(tx, ctx, { userId: input.id, unitId: current.user.unitId, now });
    await clearLoginThrottles(tx, current.user.username);
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
