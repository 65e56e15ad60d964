import { eq, sql } from "drizzle-orm";
import type { Config } from "../../../config.ts";
import type { Db } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Actor, Ctx } from "../../../lib/auth/actor.ts";
import { dummyPasswordHash, randomToken, sha256, verifyPassword } from "../../../lib/auth/secrets.ts";
import { AppError } from "../../../lib/errors.ts";
import { units } from "../../units/schema.ts";
import { normaliseUsername } from "../../users/queries.ts";
import { users } from "../../users/schema.ts";
import { sessions } from "../schema.ts";

export const MAX_FAILED_LOGINS = 5;
/** Lockout after MAX_FAILED_LOGINS failures: 1, 2, 4, … minutes, at most an hour. */
export function lockoutMinutes(failedCount: number): number {
  return Math.min(2 ** Math.max(0, failedCount - MAX_FAILED_LOGINS), 60);
}

function lockedError(until: Date, now: Date) {
  return new AppError("ACCOUNT_LOCKED", {
    details: { retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) },
  });
}

/**
 * Checks a password and opens a server-side session. Failures count towards a lockout with
 * backoff; an unknown username costs the same time as a wrong password.
 */
export async function login(input: {
  db: Db;
  ctx: Ctx;
  config: Config;
  username: string;
  password: string;
  userAgent: string | undefined;
}): Promise<{ token: string; actor: Actor; expiresAt: Date }> {
  const { db, ctx, config } = input;
  const username = normaliseUsername(input.username);
  const now = new Date();
  const [user] = await db
    .select({ user: users, unitName: units.name, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.username, username))
    .limit(1);

  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await db.transaction((tx) =>
      recordAudit(tx, ctx, { event: "session.login_failed", after: { username, reason: "unknown_user" } }),
    );
    throw new AppError("INVALID_CREDENTIALS");
  }
  const u = user.user;
  if (u.lockedUntil && u.lockedUntil > now) throw lockedError(u.lockedUntil, now);

  const ok = await verifyPassword(u.passwordHash, input.password);
  if (!ok) {
    const lockedUntil = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
        .where(eq(users.id, u.id))
        .returning({ failedLoginCount: users.failedLoginCount });
      const failed = row?.failedLoginCount ?? 0;
      const actorOverride = { id: u.id, username: u.username };
      await recordAudit(tx, ctx, {
        event: "session.login_failed",
        entityId: u.id,
        unitId: u.unitId,
        actorOverride,
      });
      if (failed < MAX_FAILED_LOGINS) return null;
      const until = new Date(now.getTime() + lockoutMinutes(failed) * 60_000);
      await tx.update(users).set({ lockedUntil: until }).where(eq(users.id, u.id));
      await recordAudit(tx, ctx, {
        event: "session.locked",
        entityId: u.id,
        unitId: u.unitId,
        actorOverride,
        after: { lockedUntil: until, failedLoginCount: failed },
      });
      return until;
    });
    if (lockedUntil) throw lockedError(lockedUntil, now);
    throw new AppError("INVALID_CREDENTIALS");
  }
  if (!u.active) throw new AppError("ACCOUNT_DISABLED");

  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_HOURS * 3_600_000);
  const sessionId = await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, u.id));
    const [session] = await tx
      .insert(sessions)
      .values({
        tokenHash: sha256(token),
        userId: u.id,
        csrfToken,
        expiresAt,
        ip: ctx.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      })
      .returning({ id: sessions.id });
    await recordAudit(tx, ctx, {
      event: "session.login",
      entityId: session?.id ?? null,
      unitId: u.unitId,
      actorOverride: { id: u.id, username: u.username },
    });
    return session?.id ?? null;
  });

  return {
    token,
    expiresAt,
    actor: {
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      unitId: u.unitId,
      unitName: user.unitName,
      unitPath: user.unitPath,
      personId: u.personId,
      mustChangePassword: u.mustChangePassword,
      locale: u.locale,
      via: "session",
      sessionId,
      csrfToken,
    },
  };
}
