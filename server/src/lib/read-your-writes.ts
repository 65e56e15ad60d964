import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import { type Database, type Db, readExecutor } from "../db/client.ts";

/**
 * Read-your-writes across instances. After a successful write (any request but GET, HEAD and
 * OPTIONS answered below 400), the browser gets this cookie for READ_YOUR_WRITES_SECONDS: its next
 * requests read from the primary, whichever instance they reach (instances share nothing but the
 * database and Redis, so the mark travels with the request). Its value is the moment it ends (ms
 * since the epoch), checked too, for clients that keep cookies past their Max-Age. Forging it only
 * sends one's own reads to the primary. Set only when there are replicas to avoid.
 */
export const READ_YOUR_WRITES_COOKIE = "tg_rw";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True while the request carries a live read-your-writes mark. */
export function wroteRecently(req: FastifyRequest): boolean {
  const value = req.cookies?.[READ_YOUR_WRITES_COOKIE];
  return value !== undefined && Number(value) > Date.now();
}

/**
 * The executor of this request's replica-safe reads (dashboard, statistics, searches, lists,
 * exports): a replica, unless the caller has just written or none is usable — then the primary.
 * Never for a transaction (those take `app.deps.db`).
 */
export function readDbOf(database: Database, req: FastifyRequest): Db {
  return readExecutor(database, { primary: !database.replicas || wroteRecently(req) });
}

/** The onSend hook that marks a writer's browser (registered by app.ts when there are replicas). */
export function markWrites(config: Pick<Config, "READ_YOUR_WRITES_SECONDS" | "COOKIE_SECURE">) {
  const seconds = config.READ_YOUR_WRITES_SECONDS;
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (seconds <= 0 || SAFE_METHODS.has(req.method) || reply.statusCode >= 400) return;
    reply.setCookie(READ_YOUR_WRITES_COOKIE, String(Date.now() + seconds * 1000), {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: config.COOKIE_SECURE,
      maxAge: Math.ceil(seconds),
    });
  };
}
