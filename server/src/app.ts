import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { registerAuth } from "./features/auth/gate.ts";
import { loadPartNames } from "./features/figures/index.ts";
import { openJobQueue } from "./features/jobs/index.ts";
import { dailySchedules } from "./features/notifications/index.ts";
import { importLimits } from "./features/people/import-routes.ts";
import { publicPageMeta } from "./features/practices/public-routes.ts";
import { errorHandler } from "./lib/error-handler.ts";
import { AppError, preferredLang } from "./lib/errors.ts";
import { openEventBus } from "./lib/events.ts";
import type { App, RouteInfo } from "./lib/http.ts";
import type { JobDefinition } from "./lib/jobs.ts";
import { markWrites } from "./lib/read-your-writes.ts";
import { openRedis } from "./lib/redis.ts";
import { registerRequestGuard } from "./lib/request-guard.ts";
import { openFileStore } from "./lib/storage.ts";
import { registerTextGuard } from "./lib/text-guard.ts";
import { compressOptions, setWebCacheHeaders } from "./lib/web-serving.ts";
import { installModules } from "./modules.ts";

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");
const pkg = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version?: string;
};

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Serve the built web app from web/dist (off in API tests). */
  serveWeb?: boolean;
  /** Job handlers besides the modules' (tests). */
  jobs?: JobDefinition[];
}

/** Builds the Fastify app: plugins, the auth gate, the error handler, then every module's routes. */
export async function buildApp({ config, database, serveWeb = true, jobs: extraJobs = [] }: BuildOptions) {
  const app = Fastify({
    logger:
      config.LOG_LEVEL === "silent"
        ? false
        : {
            level: config.LOG_LEVEL,
            base: { instance: config.instanceName },
            redact: ["req.headers.cookie", "req.headers.authorization", 'req.headers["x-csrf-token"]'],
          },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    requestIdHeader: "x-request-id",
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>() as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const events = await openEventBus(database, app.log);
  const modules = installModules();
  const files = await openFileStore(config);
  // The job queue works every module's jobs (and, when the daily run is on, its schedules) on
  // this instance; another instance takes over a job whose instance stopped.
  const jobs = await openJobQueue({
    deps: () => app.deps,
    database,
    definitions: [...modules.flatMap((m) => m.jobs ?? []), ...extraJobs],
    schedules: config.REMINDERS ? dailySchedules({ config, modules }) : [],
    log: app.log,
  });
  app.decorate("deps", { config, database, db: database.db, files, jobs, events });
  // Last of the closing: running jobs finish (or go back to the queue) after requests have ended.
  app.addHook("onClose", async () => {
    await jobs.stop(config.SHUTDOWN_GRACE_MS);
    await events.close();
  });
  await loadPartNames(database.db);
  app.decorateRequest("lang", "vi");

  const routes: RouteInfo[] = [];
  app.decorate("routeTable", routes);
  app.addHook("onRoute", (route) => {
    const url = route.url;
    if (!url.startsWith("/api/") || url.startsWith("/api/docs")) return;
    const visibility = route.config?.visibility;
    if (!visibility) throw new Error(`Route ${route.method} ${url} declares no visibility class`);
    for (const method of [route.method].flat()) {
      if (method === "HEAD") continue;
      routes.push({
        method,
        url,
        visibility,
        allowDuringPasswordChange: !!route.config?.allowDuringPasswordChange,
        body: route.schema?.body,
      });
    }
  });

  app.addHook("onRequest", async (req, reply) => {
    req.lang = preferredLang(req.headers["accept-language"]);
    reply.header("x-request-id", req.id);
  });
  app.setErrorHandler(errorHandler);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // Before any route: its onSend hook is added to the routes registered after it.
  await app.register(fastifyCompress, compressOptions);
  await app.register(fastifyCookie);
  // Read replicas: a browser that has just written reads from the primary for a while.
  if (database.replicas) app.addHook("onSend", markWrites(config));
  await app.register(fastifyMultipart, { limits: { fileSize: importLimits.fileSize, files: 1, fields: 5 } });
  // With Redis, one counter per client across every instance (N instances must not allow N times
  // the limit); if Redis stops answering, requests pass (skipOnError) rather than all failing.
  const redis = config.REDIS_URL ? await openRedis(config.REDIS_URL, app.log) : null;
  if (redis) app.addHook("onClose", async () => void (await redis.quit().catch(() => redis.disconnect())));
  await app.register(fastifyRateLimit, {
    global: config.RATE_LIMIT,
    ...(redis ? { redis, nameSpace: "tg-rate-limit-", skipOnError: true } : {}),
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: "1 minute",
    errorResponseBuilder: (req) => {
      const error = new AppError("RATE_LIMITED");
      return Object.assign(new Error(error.message), { statusCode: 429, body: error.body(req.lang) });
    },
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Theo Gương API",
        description:
          "API của nền tảng Theo Gương. Trình duyệt dùng cookie phiên và tiêu đề x-csrf-token; tích hợp dùng Authorization: Bearer <token>.",
        version: pkg.version ?? "0.0.0",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "tg_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  await registerRequestGuard(app, config, database);
  registerTextGuard(app);
  registerAuth(app);

  await app.register(
    async (api) => {
      const scoped = api as unknown as App;
      for (const module of modules) for (const routes of module.routes ?? []) routes(scoped);
      scoped.get("/openapi.json", { schema: { hide: true }, config: { visibility: "public" } }, async () =>
        app.swagger(),
      );
    },
    { prefix: "/api" },
  );

  const hasWeb = serveWeb && fs.existsSync(path.join(webDist, "index.html"));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart;
    // the build's .br and .gz copies are sent as they are (web/vite.config.ts makes them).
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => setWebCacheHeaders(webDist, reply, filePath),
    });
  }
  const sendApp = (reply: FastifyReply) => reply.header("cache-control", "no-cache").sendFile("index.html");
  /** A shared public page: the app's HTML with the object's link-preview meta tags. */
  const sendPage = async (req: FastifyRequest, reply: FastifyReply, pathname: string) => {
    const origin = config.PUBLIC_URL ?? `${req.protocol}://${req.host}`;
    const meta = await publicPageMeta(app, pathname, origin.replace(/\/$/, ""));
    if (!meta) return sendApp(reply);
    const html = fs
      .readFileSync(path.join(webDist, "index.html"), "utf8")
      .replace(/<title>[^<]*<\/title>/, meta);
    return reply.header("cache-control", "no-cache").type("text/html; charset=utf-8").send(html);
  };
  if (hasWeb) app.get("/", { schema: { hide: true } }, (_req, reply) => sendApp(reply));
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes (/users, /audit, …) load the app, which routes itself.
    const pathname = req.url.split("?")[0] ?? "";
    const isFile = /\.[a-z0-9]+$/i.test(pathname);
    const wantsPage = req.method === "GET" && !pathname.startsWith("/api") && !isFile && hasWeb;
    if (wantsPage) return sendPage(req, reply, pathname);
    return reply.status(404).send(new AppError("NOT_FOUND").body(req.lang));
  });

  return app;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every /api route with its visibility class: read by the generated security suite. */
    routeTable: RouteInfo[];
  }
}
