import { timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull, ne, or } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { sha256 } from "../../lib/auth/secrets.ts";
import { AppError } from "../../lib/errors.ts";
import type { App } from "../../lib/http.ts";
import { apiTokens, type TokenScope } from "../tokens/schema.ts";
import { units } from "../units/schema.ts";
import { users } from "../users/schema.ts";
import { sessions } from "./schema.ts";

export const SESSION_COOKIE = "tg_session";
const TOUCH_EVERY_MS = 60_000;
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
/** What a read-only token may call. */
const readMethods = new Set(["GET", "HEAD"]);

const readOnlyToken = new AppError("FORBIDDEN", {
  message: {
    vi: "Mã API này chỉ được đọc dữ liệu (GET).",
    en: "This API token may only read (GET).",
  },
});

const actorColumns = {
  userId: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  unitId: users.unitId,
  unitName: units.name,
  unitPath: units.path,
  personId: users.personId,
  mustChangePassword: users.mustChangePassword,
  locale: users.locale,
};

async function fromSession(db: Db, token: string, idleMinutes: number): Promise<Actor | null> {
  const now = new Date();
  const [row] = await db
    .select({
      ...actorColumns,
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(
      and(
        eq(sessions.tokenHash, sha256(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        eq(users.active, true),
      ),
    )
    .limit(1);
  if (!row) return null;
  const idleMs = now.getTime() - row.lastSeenAt.getTime();
  if (idleMs > idleMinutes * 60_000) return null;
  if (idleMs > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  }
  const { lastSeenAt: _, ...actor } = row;
  return { ...actor, via: "session" };
}

/**
 * A live token: not revoked, not expired, its user active and (a member) still allowed to hold
 * tokens. Answers the actor and the token's scope.
 */
async function fromToken(db: Db, token: string): Promise<{ actor: Actor; scope: TokenScope } | null> {
  const now = new Date();
  const [row] = await db
    .select({
      ...actorColumns,
      tokenId: apiTokens.id,
      scope: apiTokens.scope,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, now),
        eq(users.active, true),
        or(ne(users.role, "member"), eq(users.apiTokensAllowed, true)),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  const { tokenId: _t, scope, lastUsedAt: _l, ...actor } = row;
  // Integrations act as their user, but never sit behind a forced password change.
  return {
    actor: { ...actor, mustChangePassword: false, via: "token", sessionId: null, csrfToken: null },
    scope,
  };
}

function sameToken(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The one gate every request passes: resolves the actor (cookie session or bearer token, whose
 * scope it enforces), then the route's declared visibility, the CSRF token on cookie writes, and
 * a pending password change.
 */
export function registerAuth(app: App) {
  app.decorateRequest("actor", null);
  // preValidation: after the rate limiter (a route-level onRequest hook, which must count
  // anonymous floods too) and body parsing, before schema validation (401 comes before 400).
  app.addHook("preValidation", async (req: FastifyRequest, reply: FastifyReply) => {
    const routeConfig = req.routeOptions.config;
    const visibility = routeConfig?.visibility;
    if (!visibility) return; // static files and the web app: no session lookup
    const { db, config } = app.deps;
    const authorization = req.headers.authorization;
    if (authorization?.startsWith("Bearer ")) {
      const resolved = await fromToken(db, authorization.slice(7).trim());
      if (!resolved) throw new AppError("UNAUTHENTICATED");
      // The one place a token's scope is enforced: a read-only token writes nothing anywhere.
      if (resolved.scope === "read" && !readMethods.has(req.method)) throw readOnlyToken;
      req.actor = resolved.actor;
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        req.actor = await fromSession(db, cookie, config.SESSION_IDLE_MINUTES);
        if (!req.actor) reply.clearCookie(SESSION_COOKIE, { path: "/" });
      }
    }

    if (req.actor) req.log = req.log.child({ userId: req.actor.userId });
    if (visibility === "public") return;
    const actor = req.actor;
    if (!actor) throw new AppError("UNAUTHENTICATED");
    if (actor.via === "session" && !safeMethods.has(req.method)) {
      const header = req.headers["x-csrf-token"];
      if (typeof header !== "string" || !actor.csrfToken || !sameToken(header, actor.csrfToken)) {
        throw new AppError("CSRF_TOKEN_INVALID");
      }
    }
    if (actor.mustChangePassword && !routeConfig.allowDuringPasswordChange) {
      throw new AppError("PASSWORD_CHANGE_REQUIRED");
    }
  });
}
