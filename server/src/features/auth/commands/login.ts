import { and, eq, gt, or, sql } from "drizzle-orm";
import type { Config } from "../../../config.ts";
import type { Db, Executor } from "../../../db/client.ts";
import { recordAudit, recordAuditMany } from "../../../lib/audit.ts";
import type { Actor, Ctx } from "../../../lib/auth/actor.ts";
import { normaliseUsername } from "../../../lib/auth/roles.ts";
import { dummyPasswordHash, randomToken, sha256, verifyPassword } from "../../../lib/auth/secrets.ts";
import { AppError } from "../../../lib/errors.ts";
import { units } from "../../units/schema.ts";
import { users } from "../../users/schema.ts";
import { loginThrottles, sessions, type ThrottleKind } from "../schema.ts";

/** Failures of one username from one address before that pair is locked. */
export const MAX_FAILED_LOGINS = 5;
/** Failures of a username from addresses it does not sign in from before it is locked there. */
export const MAX_ACCOUNT_FAILURES = 20;
/** Failures from one address (any usernames) before the address is locked for them. */
export const MAX_ADDRESS_FAILURES = 50;
const thresholds: Record<ThrottleKind, number> = {
  pair: MAX_FAILED_LOGINS,
  account: MAX_ACCOUNT_FAILURES,
  address: MAX_ADDRESS_FAILURES,
};
/** Failures older than this are forgotten. */
const WINDOW_MS = 24 * 3_600_000;
/** An address the account signed in from within this time is its usual address. */
const USUAL_ADDRESS_DAYS = 30;

/** Lockout once a count reaches its threshold: 1, 2, 4, … minutes, at most an hour. */
export function lockoutMinutes(failures: number, threshold = MAX_FAILED_LOGINS): number {
  return Math.min(2 ** Math.max(0, failures - threshold), 60);
}

/** The wait before checking a password from the account's usual address: 1, 2, 4 … 16 s. */
export function usualAddressDelayMs(failures: number): number {
  return failures < MAX_FAILED_LOGINS ? 0 : Math.min(2 ** (failures - MAX_FAILED_LOGINS), 16) * 1000;
}

function lockedError(until: Date, now: Date) {
  return new AppError("ACCOUNT_LOCKED", {
    message: {
      vi: "Tạm thời không đăng nhập được do nhập sai nhiều lần. Hãy thử lại sau, hoặc đăng nhập từ thiết bị, mạng bạn vẫn dùng.",
      en: "Signing in is paused after repeated failures. Try again later, or from the device and network you usually use.",
    },
    details: { retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) },
  });
}

const pairKey = (username: string, ip: string) => `${username} ${ip}`;
const throttleKeys = (username: string, ip: string) => [
  { kind: "account" as const, key: username },
  { kind: "address" as const, key: ip },
  { kind: "pair" as const, key: pairKey(username, ip) },
];

/** Has the account signed in from this address lately? */
async function isUsualAddress(db: Executor, userId: string, ip: string, now: Date) {
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        eq(sessions.ip, ip),
        gt(sessions.createdAt, new Date(now.getTime() - USUAL_ADDRESS_DAYS * 86_400_000)),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Counts a failure against each key, in one upsert (concurrent failures all count); a count past
 * its kind's threshold sets the lock. Answers the rows as they are now.
 */
function countFailure(tx: Executor, keys: { kind: ThrottleKind; key: string }[], now: Date) {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const threshold = sql`(case ${loginThrottles.kind} when 'pair' then ${thresholds.pair}::int when 'account' then ${thresholds.account}::int else ${thresholds.address}::int end)`;
  const failures = sql`(case when ${loginThrottles.lastFailedAt} > ${windowStart} then ${loginThrottles.failures} + 1 else 1 end)`;
  return tx
    .insert(loginThrottles)
    .values(keys.map((k) => ({ ...k, failures: 1, lastFailedAt: now, lockedUntil: null })))
    .onConflictDoUpdate({
      target: [loginThrottles.kind, loginThrottles.key],
      set: {
        failures,
        lastFailedAt: now,
        lockedUntil: sql`case when ${failures} >= ${threshold} then ${now}::timestamptz + least(power(2, ${failures} - ${threshold}), 60) * interval '1 minute' else null end`,
      },
    })
    .returning();
}

/** Lifts the locks of a username (an administrator's password reset). */
export function clearLoginThrottles(tx: Executor, username: string) {
  return tx
    .delete(loginThrottles)
    .where(
      or(
        and(eq(loginThrottles.kind, "account"), eq(loginThrottles.key, username)),
        and(eq(loginThrottles.kind, "pair"), sql`starts_with(${loginThrottles.key}, ${`${username} `})`),
      ),
    );
}

/**
 * Checks a password and opens a server-side session.
 *
 * Failures count per typed username, per address and per both (PostgreSQL rows, so that several
 * instances share them). From an address the account signed in from lately (its usual address)
 * nothing locks: each failure there beyond the threshold makes the next check wait longer. From
 * any other address, the pair locks after 5 failures, the username after 20 (from all such
 * addresses), the address after 50 (for all usernames), with backoff: the owner at their usual
 * address is never locked out by someone else. An unknown username is counted and answered
 * exactly like a wrong password (an Argon2 check against a dummy hash).
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
  const ip = ctx.ip ?? "unknown";
  const now = new Date();
  const [user] = await db
    .select({ user: users, unitName: units.name, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.username, username))
    .limit(1);
  const usual = user ? await isUsualAddress(db, user.user.id, ip, now) : false;
  const keys = throttleKeys(username, ip);
  const counted = await db
    .select()
    .from(loginThrottles)
    .where(or(...keys.map((k) => and(eq(loginThrottles.kind, k.kind), eq(loginThrottles.key, k.key)))));
  const recent = counted.filter((row) => row.lastFailedAt.getTime() > now.getTime() - WINDOW_MS);
  if (usual) {
    const pair = recent.find((row) => row.kind === "pair");
    const delay = usualAddressDelayMs(pair?.failures ?? 0);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
  } else {
    const lockedUntil = latestLock(counted, now);
    if (lockedUntil) throw lockedError(lockedUntil, now);
  }

  const ok = user
    ? await verifyPassword(user.user.passwordHash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password);
  if (!user || !ok) {
    const lockedUntil = await db.transaction(async (tx) => {
      // From the usual address the username's own count is left alone: the owner's typing
      // mistakes at home must not lock them out elsewhere.
      const rows = await countFailure(tx, usual ? keys.filter((k) => k.kind !== "account") : keys, now);
      const actorOverride = user ? { id: user.user.id, username } : undefined;
      const entity = { entityId: user?.user.id ?? null, unitId: user?.user.unitId ?? null, actorOverride };
      const locks = rows.filter((row) => row.lockedUntil && row.lockedUntil > now);
      await recordAuditMany(tx, ctx, [
        {
          event: "session.login_failed",
          ...entity,
          after: user ? null : { username, reason: "unknown_user" },
        },
        ...locks.map((row) => ({
          event: "session.locked" as const,
          ...entity,
          after: { username, lock: row.kind, failures: row.failures, lockedUntil: row.lockedUntil },
        })),
      ]);
      return usual ? null : latestLock(locks, now);
    });
    if (lockedUntil) throw lockedError(lockedUntil, now);
    throw new AppError("INVALID_CREDENTIALS");
  }
  const u = user.user;
  if (!u.active) throw new AppError("ACCOUNT_DISABLED");

  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_HOURS * 3_600_000);
  const sessionId = await db.transaction(async (tx) => {
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, u.id));
    // This address is now usual for the account: its delay starts again.
    await tx
      .delete(loginThrottles)
      .where(and(eq(loginThrottles.kind, "pair"), eq(loginThrottles.key, pairKey(username, ip))));
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

function latestLock(rows: { lockedUntil: Date | null }[], now: Date): Date | null {
  let latest: Date | null = null;
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now && (!latest || row.lockedUntil > latest))
      latest = row.lockedUntil;
  }
  return latest;
}
