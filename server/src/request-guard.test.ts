import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { createTestContext, type TestContext } from "../test/harness.ts";
import { isWorkAbandoned } from "./db/request-scope.ts";
import { errorCatalogue } from "./lib/errors.ts";
import { type App, ctxOf } from "./lib/http.ts";
import { defineJob } from "./lib/jobs.ts";

const onPostgres = inject("testDb").kind === "postgres";

/** A job that answers its statement_timeout (the job's, not a request's). */
const timeoutJob = defineJob({
  kind: "test.timeout",
  run: async ({ deps }) => ({ setting: settingOf(await deps.db.execute(timeoutSetting)) }),
});

/** What the test routes saw, by tag. */
const reached = new Set<string>();
const closed = new Set<string>();
const atGate = new Map<string, () => void>();
const outcome = new Map<string, string>();

const sleepQuery = z.object({
  s: z.coerce.number().min(0).max(300).default(0),
  tag: z.string().regex(/^[a-z0-9]+$/),
  tx: z.enum(["0", "1"]).default("0"),
});
/** pg_sleep marked with a comment, to be found in pg_stat_activity. */
const sleepSql = (seconds: number, tag: string) =>
  sql.raw(`select pg_sleep(${seconds}) /* tg-sleep-${tag} */`);
const timeoutSetting = sql`select setting from pg_settings where name = 'statement_timeout'`;
const settingOf = (result: unknown) => (result as { rows: { setting: string }[] }).rows[0]?.setting;

/** Test-only routes on the real request path: the hooks, app.deps.db, the error handler. */
function testRoutes(app: App) {
  const db = () => app.deps.db;
  const sleep = async (query: z.infer<typeof sleepQuery>) => {
    if (query.tx === "1") {
      await db().transaction(async (tx) => {
        await tx.execute(sleepSql(query.s, query.tag));
        reached.add(query.tag);
      });
    } else {
      await db().execute(sleepSql(query.s, query.tag));
      reached.add(query.tag);
    }
    return { slept: query.s };
  };
  app.get(
    "/api/test/sleep",
    { schema: { querystring: sleepQuery }, config: { visibility: "public" } },
    (req) => sleep(req.query),
  );
  app.get(
    "/api/test/export-sleep",
    { schema: { querystring: sleepQuery }, config: { visibility: "public", timeout: "export" } },
    (req) => sleep(req.query),
  );
  app.get("/api/test/timeout", { config: { visibility: "public" } }, async () => ({
    setting: settingOf(await db().execute(timeoutSetting)),
  }));
  app.get("/api/test/export-timeout", { config: { visibility: "public", timeout: "export" } }, async () => ({
    setting: settingOf(await db().execute(timeoutSetting)),
  }));
  app.post("/api/test/job-timeout", { config: { visibility: "own-subtree" } }, async (req) => ({
    jobId: await app.deps.jobs.start({ kind: timeoutJob.kind, ctx: ctxOf(req), lang: "vi", payload: {} }),
  }));
  // One query, a pause until the test opens the gate (after the client left), then another query.
  app.get(
    "/api/test/gate",
    { schema: { querystring: sleepQuery }, config: { visibility: "public" } },
    async (req, reply) => {
      const { tag } = req.query;
      reply.raw.once("close", () => closed.add(tag));
      try {
        await db().execute(sql`select 1`);
        await new Promise<void>((resolve) => atGate.set(tag, resolve));
        await db().execute(sql`select 2`);
        reached.add(tag);
        outcome.set(tag, "completed");
        return { ok: true };
      } catch (error) {
        outcome.set(tag, isWorkAbandoned(error) ? "abandoned" : String(error));
        throw error;
      }
    },
  );
}

async function until(check: () => boolean | Promise<boolean>, what: string, deadlineMs = 20_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > deadlineMs) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function listen(t: TestContext) {
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

/** A request over a real socket that the test can abandon, as a closed browser tab does. */
function abandonable(url: string) {
  const controller = new AbortController();
  const response = fetch(url, { signal: controller.signal }).catch(() => null);
  return {
    abort: () => controller.abort(),
    response,
  };
}

/** A connection of its own to the test database (the app's pool may be saturated). */
const observers = new WeakMap<TestContext, pg.Client>();
async function observer(t: TestContext) {
  let client = observers.get(t);
  if (!client) {
    const result = await t.database.db.execute(sql`select current_database() as name`);
    const name = (result as unknown as { rows: { name: string }[] }).rows[0]?.name ?? "";
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${name}`;
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    observers.set(t, client);
  }
  return client;
}
async function closeObserver(t: TestContext) {
  await observers.get(t)?.end();
}

/** The backends whose statement text carries the tag, with their state. */
async function backends(t: TestContext, tag: string) {
  const client = await observer(t);
  const result = await client.query<{ state: string }>(
    "select state from pg_stat_activity where position($1 in query) > 0 and pid <> pg_backend_pid()",
    [`tg-sleep-${tag}`],
  );
  return result.rows.map((r) => r.state);
}

let tag = 0;
const nextTag = () => `t${process.pid}x${++tag}`;

describe("a request whose client goes away", () => {
  let t: TestContext;
  let base: string;
  beforeAll(async () => {
    // Timeouts far beyond the test: only the cancel can end the statements.
    t = await createTestContext({
      env: { STATEMENT_TIMEOUT_MS: "600000", EXPORT_STATEMENT_TIMEOUT_MS: "600000" },
      beforeReady: testRoutes,
      jobs: [timeoutJob],
    });
    base = await listen(t);
  });
  afterAll(async () => {
    await closeObserver(t);
    await t.close();
  });

  it.skipIf(!onPostgres).each(["0", "1"])(
    "has its running statement cancelled at PostgreSQL (in a transaction: %s)",
    async (tx) => {
      const id = nextTag();
      const request = abandonable(`${base}/api/test/sleep?s=120&tag=${id}&tx=${tx}`);
      await until(async () => (await backends(t, id)).includes("active"), "the statement to run");
      request.abort();
      await request.response;
      // The backend stops sleeping: it goes idle or, as here, its connection is closed (never an
      // open transaction left behind in the pool).
      await until(
        async () => (await backends(t, id)).every((s) => s !== "active" && s !== "idle in transaction"),
        "the statement to be cancelled",
      );
      expect(reached.has(id)).toBe(false);
      // The pool goes on serving.
      const health = await t.anonymous().get("/api/health");
      expect(health.status).toBe(200);
    },
  );

  it.skipIf(!onPostgres)("also when the statement runs for a download", async () => {
    const id = nextTag();
    const request = abandonable(`${base}/api/test/export-sleep?s=120&tag=${id}`);
    await until(async () => (await backends(t, id)).includes("active"), "the statement to run");
    request.abort();
    await until(async () => !(await backends(t, id)).includes("active"), "the statement to be cancelled");
    expect(reached.has(id)).toBe(false);
  });

  it("stops its handler at the next query on PostgreSQL; on the embedded database nothing breaks", async () => {
    const id = nextTag();
    const request = abandonable(`${base}/api/test/gate?tag=${id}`);
    await until(() => atGate.has(id), "the handler to reach the gate");
    request.abort();
    await until(() => closed.has(id), "the server to see the connection close");
    atGate.get(id)?.();
    await until(() => outcome.has(id), "the handler to finish");
    // PGlite (one connection, one statement at a time) cannot cancel: the handler just completes.
    expect(outcome.get(id)).toBe(onPostgres ? "abandoned" : "completed");
    expect(reached.has(id)).toBe(!onPostgres);
    expect((await t.anonymous().get("/api/health")).status).toBe(200);
  });
});

describe.runIf(onPostgres)("statement timeouts per kind of work", () => {
  let t: TestContext;
  beforeAll(async () => {
    // One connection: a job's longer timeout must not stay on it for the next request.
    t = await createTestContext({
      poolSize: 1,
      env: {
        STATEMENT_TIMEOUT_MS: "300",
        EXPORT_STATEMENT_TIMEOUT_MS: "5000",
        JOB_STATEMENT_TIMEOUT_MS: "60000",
      },
      beforeReady: testRoutes,
      jobs: [timeoutJob],
    });
  });
  afterAll(() => t.close());

  it("stops a long statement of a request with 504 and a Vietnamese message", async () => {
    const id = nextTag();
    const res = await t.anonymous().get(`/api/test/sleep?s=2&tag=${id}`);
    expect(res.status).toBe(504);
    expect(res.body.error.code).toBe("QUERY_TIMEOUT");
    expect(res.body.error.message).toBe(errorCatalogue.QUERY_TIMEOUT.vi);
    expect(res.body.error.message).toContain("quá nhiều thời gian");
    expect(reached.has(id)).toBe(false);
    const en = await t.anonymous().get(`/api/test/sleep?s=2&tag=${nextTag()}&tx=1`, {
      headers: { "accept-language": "en" },
    });
    expect(en.status).toBe(504);
    expect(en.body.error.message).toBe(errorCatalogue.QUERY_TIMEOUT.en);
  });

  it("lets a download's statement run longer", async () => {
    const id = nextTag();
    const res = await t.anonymous().get(`/api/test/export-sleep?s=1&tag=${id}`);
    expect(res.status).toBe(200);
    expect(reached.has(id)).toBe(true);
  });

  it("gives each kind its own statement_timeout on the same connection", async () => {
    const admin = await t.as("admin");
    const started = await admin.post("/api/test/job-timeout");
    expect(started.status).toBe(200);
    const { job } = await admin.waitForJob(started.body.jobId);
    expect(job.status).toBe("succeeded");
    expect(job.result).toEqual({ setting: "60000" });
    expect((await t.anonymous().get("/api/test/timeout")).body).toEqual({ setting: "300" });
    expect((await t.anonymous().get("/api/test/export-timeout")).body).toEqual({ setting: "5000" });
    expect((await t.anonymous().get("/api/test/timeout")).body).toEqual({ setting: "300" });
  });
});

describe.runIf(onPostgres)("load shedding on a saturated pool", () => {
  const shedding = { LOAD_SHEDDING: "on", SHED_EVENT_LOOP_DELAY_MS: "0", STATEMENT_TIMEOUT_MS: "600000" };

  /** Holds both connections of a pool of two with sleeping requests, and `waiting` more behind them. */
  async function saturate(t: TestContext, base: string, waiting: number) {
    await observer(t);
    const group = nextTag();
    const requests = Array.from({ length: 2 + waiting }, (_, i) =>
      abandonable(`${base}/api/test/sleep?s=120&tag=${group}n${i}`),
    );
    await until(
      async () =>
        (await backends(t, group)).filter((s) => s === "active").length === 2 &&
        (t.database.poolPressure?.().waiting ?? 0) >= waiting,
      "requests to hold the pool and queue for it",
    );
    return () => {
      for (const r of requests) r.abort();
    };
  }

  it("answers 503 with Retry-After when too many wait for a connection", async () => {
    const t = await createTestContext({
      poolSize: 2,
      env: { ...shedding, SHED_DB_WAITING: "1", SHED_DB_WAIT_MS: "0", SHED_RETRY_AFTER_SECONDS: "7" },
      beforeReady: testRoutes,
      jobs: [timeoutJob],
    });
    try {
      const base = await listen(t);
      expect((await t.anonymous().get("/api/health")).status).toBe(200);
      const release = await saturate(t, base, 2);
      const res = await t.anonymous().get("/api/health");
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("7");
      expect(res.body.error).toEqual({
        code: "OVERLOADED",
        message: errorCatalogue.OVERLOADED.vi,
        details: { reason: "databasePoolWaiting", retryAfterSeconds: 7 },
      });
      // The web app's pages are not API requests: not shed.
      expect((await t.anonymous().get("/some/page")).status).toBe(404);
      // Once the clients give up, their statements are cancelled and the server recovers.
      release();
      await until(async () => (await t.anonymous().get("/api/health")).status === 200, "the pool to recover");
    } finally {
      await closeObserver(t);
      await t.close();
    }
  });

  it("answers 503 when the oldest waiter has waited too long", async () => {
    const t = await createTestContext({
      poolSize: 2,
      env: { ...shedding, SHED_DB_WAITING: "0", SHED_DB_WAIT_MS: "300" },
      beforeReady: testRoutes,
      jobs: [timeoutJob],
    });
    try {
      const base = await listen(t);
      const release = await saturate(t, base, 1);
      await until(() => (t.database.poolPressure?.().oldestWaitMs ?? 0) > 300, "the waiter to wait");
      const res = await t.anonymous().get("/api/auth/me");
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("10");
      expect(res.body.error.code).toBe("OVERLOADED");
      expect(res.body.error.details.reason).toBe("databasePoolWaitMs");
      release();
      await until(async () => (await t.anonymous().get("/api/health")).status === 200, "the pool to recover");
    } finally {
      await closeObserver(t);
      await t.close();
    }
  });
});

describe.runIf(onPostgres)("a request waiting for a connection", () => {
  it("gets 503 with Retry-After past the queue timeout; later ones are served", async () => {
    const t = await createTestContext({
      poolSize: 2,
      env: {
        LOAD_SHEDDING: "on",
        SHED_EVENT_LOOP_DELAY_MS: "0",
        SHED_DB_WAITING: "0",
        SHED_DB_WAIT_MS: "0",
        SHED_DB_QUEUE_TIMEOUT_MS: "300",
        STATEMENT_TIMEOUT_MS: "600000",
      },
      beforeReady: testRoutes,
      jobs: [timeoutJob],
    });
    try {
      const base = await listen(t);
      await observer(t);
      const group = nextTag();
      const holders = [0, 1].map((i) => abandonable(`${base}/api/test/sleep?s=120&tag=${group}n${i}`));
      await until(
        async () => (await backends(t, group)).filter((s) => s === "active").length === 2,
        "requests to hold the pool",
      );
      const id = nextTag();
      const res = await t.anonymous().get(`/api/test/sleep?s=0&tag=${id}`);
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("10");
      expect(res.body.error.code).toBe("OVERLOADED");
      expect(res.body.error.details.reason).toBe("databasePoolQueueTimeout");
      expect(reached.has(id)).toBe(false);
      for (const h of holders) h.abort();
      await until(
        async () => (await t.anonymous().get(`/api/test/sleep?s=0&tag=${nextTag()}`)).status === 200,
        "a connection to come free",
      );
    } finally {
      await closeObserver(t);
      await t.close();
    }
  });
});

describe("load shedding on a lagging event loop", () => {
  it("answers 503 with Retry-After while the loop lags, and serves again after", async () => {
    const t = await createTestContext({
      env: {
        LOAD_SHEDDING: "on",
        SHED_EVENT_LOOP_DELAY_MS: "20",
        SHED_DB_WAITING: "0",
        SHED_DB_WAIT_MS: "0",
      },
    });
    try {
      expect((await t.anonymous().get("/api/health")).status).toBe(200);
      // Keep the loop busy in 80 ms slices for 3 s: every timer fires late.
      const stop = Date.now() + 3_000;
      const busy = (async () => {
        while (Date.now() < stop) {
          const slice = Date.now() + 80;
          while (Date.now() < slice) {}
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await until(() => t.app.memoryUsage().eventLoopDelay > 20, "the lag to be measured");
      const res = await t.anonymous().get("/api/health", { headers: { "accept-language": "en" } });
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("10");
      expect(res.body.error.code).toBe("OVERLOADED");
      expect(res.body.error.message).toBe(errorCatalogue.OVERLOADED.en);
      expect(res.body.error.details.reason).toBe("eventLoopDelay");
      await busy;
      await until(async () => (await t.anonymous().get("/api/health")).status === 200, "the loop to recover");
    } finally {
      await closeObserver(t);
      await t.close();
    }
  });

  it("is off in ordinary tests", async () => {
    const t = await createTestContext();
    try {
      expect(t.app.hasDecorator("isUnderPressure")).toBe(false);
    } finally {
      await closeObserver(t);
      await t.close();
    }
  });
});
