import fastifyUnderPressure from "@fastify/under-pressure";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { abandonDbScope, type DbScope, newDbScope, runInDbScope } from "../db/request-scope.ts";
import { AppError } from "./errors.ts";
import type { App } from "./http.ts";

const scopes = new WeakMap<FastifyRequest, DbScope>();

/** The request's client closed its connection before the answer: its database work was cancelled. */
export function clientGone(req: FastifyRequest): boolean {
  return scopes.get(req)?.abandoned ?? false;
}

/**
 * Work stops when nobody waits for it, and the server says "busy" rather than queueing forever:
 * - every request's database work runs in a scope (`db/request-scope.ts`): its statements get the
 *   request's statement_timeout (`config: { timeout: "export" }` raises it for a download), and
 *   when the client's connection closes before the answer, its running statements are cancelled at
 *   PostgreSQL and the handler's next query fails, so the handler stops;
 * - with LOAD_SHEDDING, an /api request answers 503 with Retry-After at once when the event loop
 *   lags (or is saturated) or when the PostgreSQL pool's queue is long or old — /api/health too,
 *   which thus reports the pressure instead of hanging in the queue; a request already admitted
 *   that then waits past SHED_DB_QUEUE_TIMEOUT_MS for a connection gets the same 503 (the pool's
 *   queue timeout, mapped by the error handler).
 * Registered before the text guard and the auth gate, whose queries then run in the scope.
 */
export async function registerRequestGuard(app: App, config: Config, database: Database) {
  if (config.LOAD_SHEDDING) await registerLoadShedding(app, config, database);

  app.addHook("onRequest", (req, reply, done) => {
    const scope = newDbScope(req.routeOptions.config?.timeout === "export" ? "export" : "request");
    scopes.set(req, scope);
    reply.raw.once("close", () => {
      if (reply.raw.writableFinished) return;
      const held = abandonDbScope(scope);
      if (held) req.log.info({ connections: held }, "client went away: its statements were cancelled");
    });
    runInDbScope(scope, done);
  });
  // Body parsing runs in the socket's callbacks: enter the scope again for the hooks and the handler.
  app.addHook("preValidation", (req, _reply, done) => {
    const scope = scopes.get(req);
    if (scope) runInDbScope(scope, done);
    else done();
  });
}

async function registerLoadShedding(app: App, config: Config, database: Database) {
  let lastWarning = 0;
  const shed = (req: FastifyRequest, reply: FastifyReply, reason: string, value: number) => {
    const now = Date.now();
    if (now - lastWarning > 5_000) {
      lastWarning = now;
      req.log.warn({ reason, value }, "overloaded: shedding requests (503)");
    }
    reply.status(503).header("retry-after", String(config.SHED_RETRY_AFTER_SECONDS));
    return new AppError("OVERLOADED", {
      details: { reason, retryAfterSeconds: config.SHED_RETRY_AFTER_SECONDS },
    }).body(req.lang);
  };
  const isApi = (req: FastifyRequest) => req.url.startsWith("/api/");

  // The event loop: its mean delay and utilisation over the last second (sampled by under-pressure).
  await app.register(fastifyUnderPressure, {
    maxEventLoopDelay: config.SHED_EVENT_LOOP_DELAY_MS,
    maxEventLoopUtilization: config.SHED_EVENT_LOOP_UTILIZATION,
    eventLoopUtilizationMode: "interval",
    sampleInterval: 1_000,
    // The web app's files stay served; what the handler returns is sent as the 503's body.
    pressureHandler: (req, reply, type, value) =>
      isApi(req) ? (shed(req, reply, type, value ?? 0) as never) : undefined,
  });

  // The database pool, checked per request: checkouts waiting for a connection, and for how long.
  const pressure = database.poolPressure;
  if (!pressure) return;
  app.addHook("onRequest", async (req, reply) => {
    if (!isApi(req)) return;
    const { waiting, oldestWaitMs } = pressure();
    if (config.SHED_DB_WAITING > 0 && waiting > config.SHED_DB_WAITING)
      return reply.send(shed(req, reply, "databasePoolWaiting", waiting));
    if (config.SHED_DB_WAIT_MS > 0 && oldestWaitMs > config.SHED_DB_WAIT_MS)
      return reply.send(shed(req, reply, "databasePoolWaitMs", Math.round(oldestWaitMs)));
  });
}
