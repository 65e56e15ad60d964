import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { buildApp } from "../../app.ts";
import { type Database, openPostgres } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { defineJob } from "../../lib/jobs.ts";
import { jobCommits, jobs } from "./schema.ts";

/** How many times each job's handler ran, by job id. */
const runs = new Map<string, number>();
const counted = (id: string) => runs.set(id, (runs.get(id) ?? 0) + 1).get(id) ?? 0;
/** Gates the slow job waits at, by job id. */
const gates = new Map<string, () => void>();
const gate = (id: string) => new Promise<void>((resolve) => gates.set(id, resolve));

const testJobs = [
  defineJob<Record<string, never>>({
    kind: "test.flaky",
    retryDelaySeconds: 1,
    async run({ job }) {
      // An unexpected error on the first attempt: retried, and the second succeeds.
      if (counted(job.id) === 1) throw new Error("the first attempt breaks");
      return { attempt: runs.get(job.id) };
    },
  }),
  defineJob<Record<string, never>>({
    kind: "test.refused",
    retryDelaySeconds: 1,
    async run({ job }) {
      counted(job.id);
      throw new AppError("RULE_VIOLATION", { details: [{ path: "file", message: "bad row 3" }] });
    },
  }),
  defineJob<Record<string, never>>({
    kind: "test.committed-then-lost",
    retryDelaySeconds: 1,
    async run({ deps, job }) {
      counted(job.id);
      // Its work commits, then its instance "dies" before the job is marked (an error after the commit).
      await deps.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await job.claim(tx);
      });
      throw new Error("lost after the commit");
    },
  }),
  defineJob<Record<string, never>>({
    kind: "test.slow",
    async run({ job }) {
      counted(job.id);
      // The gate is set before the progress shows: a test that sees 0.5 and opens it at once must
      // not find it missing (CI once did, under load, and the job waited forever).
      const opened = gate(job.id);
      await job.progress(0.5);
      await opened;
      return { done: true };
    },
  }),
];

function jobRoute(app: App) {
  app.post<{ Params: { kind: string } }>(
    "/api/test/jobs/:kind",
    { config: { visibility: "own-subtree" } },
    async (req) => ({
      jobId: await app.deps.jobs.start({
        kind: `test.${req.params.kind}`,
        ctx: ctxOf(req),
        lang: "en",
        payload: {},
      }),
    }),
  );
}

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ jobs: testJobs, beforeReady: jobRoute });
});
afterAll(() => t.close());

describe("the job queue", () => {
  it("retries a job after an unexpected error, with a delay, and the retry succeeds", async () => {
    const admin = await t.as("admin");
    const started = await admin.post("/api/test/jobs/flaky");
    const { job } = await admin.waitForJob(started.body.jobId, 60_000);
    expect(job).toMatchObject({ status: "succeeded", result: { attempt: 2 } });
    expect(runs.get(started.body.jobId)).toBe(2);
  }, 90_000);

  it("fails a job at once on an AppError (bad input), with its code and details, without retrying", async () => {
    const admin = await t.as("admin");
    const started = await admin.post("/api/test/jobs/refused");
    const { job } = await admin.waitForJob(started.body.jobId, 30_000);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "RULE_VIOLATION", details: [{ message: "bad row 3" }] });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(runs.get(started.body.jobId)).toBe(1);
  }, 60_000);

  it("does not run again a job whose work committed: the retry finds its commit and marks it succeeded", async () => {
    const admin = await t.as("admin");
    const started = await admin.post("/api/test/jobs/committed-then-lost");
    const { job } = await admin.waitForJob(started.body.jobId, 60_000);
    expect(job.status).toBe("succeeded");
    expect(runs.get(started.body.jobId)).toBe(1);
    const commits = await t.database.db
      .select()
      .from(jobCommits)
      .where(eq(jobCommits.jobId, started.body.jobId));
    expect(commits).toHaveLength(1);
  }, 90_000);

  it("answers only the job's owner", async () => {
    const admin = await t.as("admin");
    const started = await admin.post("/api/test/jobs/refused");
    const other = await t.as("canbo.tinh1");
    expect((await other.get(`/api/jobs/${started.body.jobId}`)).status).toBe(404);
    await admin.waitForJob(started.body.jobId, 30_000);
  }, 60_000);
});

// Two instances on one PostgreSQL database: only PostgreSQL has more than one connection.
describe.runIf(process.env.TEST_DATABASE_URL)("two instances (PostgreSQL)", () => {
  let second: { app: App; database: Database };
  beforeAll(async () => {
    const url = t.database.url;
    if (!url) throw new Error("no url");
    const database = await openPostgres(url, 3);
    const app = await buildApp({ config: t.app.deps.config, database, serveWeb: false, jobs: testJobs });
    await app.ready();
    second = { app, database };
  });
  afterAll(async () => {
    await second?.app.close();
    await second?.database.close();
  });

  it("a job started through one instance is polled through the other: its progress, then its result", async () => {
    const admin = await t.as("admin");
    const started = await admin.post("/api/test/jobs/slow");
    const jobId = started.body.jobId as string;
    const onSecond = new Client(second.app);
    onSecond.cookie = admin.cookie;
    onSecond.csrfToken = admin.csrfToken;
    // The other instance has no memory of it: it reads the row.
    for (let i = 0; ; i++) {
      const seen = await onSecond.get(`/api/jobs/${jobId}`);
      expect(seen.status).toBe(200);
      if (seen.body.progress === 0.5) {
        expect(seen.body.status).toBe("running");
        break;
      }
      if (i > 400) throw new Error(`no progress seen: ${JSON.stringify(seen.body)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    gates.get(jobId)?.();
    const { job } = await onSecond.waitForJob(jobId, 30_000);
    expect(job).toMatchObject({ status: "succeeded", progress: 1, result: { done: true } });
    expect(runs.get(jobId)).toBe(1);
    const [row] = await t.database.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(row?.status).toBe("succeeded");
  }, 60_000);
});
