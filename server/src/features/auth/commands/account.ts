import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Actor, Ctx } from "../../../lib/auth/actor.ts";
import type { Locale } from "../../../lib/auth/roles.ts";
import { hashPassword, verifyPassword } from "../../../lib/auth/secrets.ts";
import { recordChange } from "../../../lib/command.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { revokeUserTokens } from "../../tokens/index.ts";
import { users } from "../../users/schema.ts";
import { sessions } from "../schema.ts";

export async function logout({ db, ctx, actor }: { db: Db; ctx: Ctx; actor: Actor }) {
  if (!actor.sessionId) return;
  const sessionId = actor.sessionId;
  await db.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
    await recordAudit(tx, ctx, { event: "session.logout", entityId: sessionId });
  });
}

const samePasswordError = ruleViolation("body.newPassword", "same", {
  vi: "Mật khẩu mới phải khác mật khẩu hiện tại và khác tên đăng nhập.",
  en: "The new password must differ from the current one and from the username.",
});

/** Changes the actor's own password; every other session of theirs and every API token is revoked. */
export async function changePassword(input: {
  db: Db;
  ctx: Ctx;
  actor: Actor;
  currentPassword: string;
  newPassword: string;
}): Promise<Actor> {
  const { db, ctx, actor } = input;
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user) throw new AppError("UNAUTHENTICATED");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw ruleViolation("body.currentPassword", "wrong", {
      vi: "Mật khẩu hiện tại không đúng.",
      en: "The current password is wrong.",
    });
  }
  if (input.newPassword === input.currentPassword || input.newPassword.toLowerCase() === user.username) {
    throw samePasswordError;
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    const now = new Date();
    const [after] = await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: now,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(eq(users.id, actor.userId))
      .returning();
    const others = actor.sessionId
      ? and(eq(sessions.userId, actor.userId), ne(sessions.id, actor.sessionId), isNull(sessions.revokedAt))
      : and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt));
    await tx.update(sessions).set({ revokedAt: now }).where(others);
    await revokeUserTokens({ tx, ctx, userId: actor.userId, unitId: actor.unitId, now });
    await recordChange(
      { tx, ctx },
      "user.password_change",
      { id: actor.userId, unitId: actor.unitId },
      { passwordHash: user.passwordHash, mustChangePassword: user.mustChangePassword },
      { passwordHash: after?.passwordHash, mustChangePassword: after?.mustChangePassword },
    );
  });
  return { ...actor, mustChangePassword: false };
}

export async function updatePreferences(input: {
  db: Db;
  ctx: Ctx;
  actor: Actor;
  locale: Locale;
}): Promise<Actor> {
  const { db, ctx, actor, locale } = input;
  if (locale === actor.locale) return actor;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ locale }).where(eq(users.id, actor.userId));
    await recordChange(
      { tx, ctx },
      "user.preferences",
      { id: actor.userId, unitId: actor.unitId },
      { locale: actor.locale },
      { locale },
    );
  });
  return { ...actor, locale };
}
