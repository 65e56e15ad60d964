// The job queue on pg-boss: named handlers (the modules' manifests), serialisable payloads, retries
// with back-off, a lease kept alive by heartbeats (PostgreSQL) so that the job of an instance that
// died runs again on another, and progress in the job's row so that any instance answers
// GET /api/jobs/{id}. The same queue runs on the embedded database, on its one connection.
import { eq } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { type Job, PgBoss, type WorkOptions } from "pg-boss";
import { type Database, queueConnection } from "../../db/client.ts";
import { newId } from "../../db/columns.ts";
import { newDbScope, runInDbScope } from "../../db/request-scope.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { isQueryCanceled, isUniqueViolation } from "../../lib/db-errors.ts";
import { AppError, type Lang } from "../../lib/errors.ts";
import type { Deps } from "../../lib/http.ts";
import type { JobContext, JobDefinition, JobQueue, JobSchedule, StartJob } from "../../lib/jobs.ts";
import { jobCommits, jobs } from "./schema.ts";

/** What a job carries in the queue: its row, who started it, and the handler's payload. */
interface JobData {
  jobId: string;
  ctx: Ctx;
  lang: Lang;
  payload: unknown;
  upload: { key: string; filename: string } | null;
}

/** Progress of the jobs this instance runs (the embedded database answers from it: one instance). */
const live = new Map<string, number>();
export const liveProgress = (id: string) => live.get(id);

const HEARTBEAT_SECONDS = 30;
const STORED_PROGRESS_STEP = 0.05;

export interface RunningQueue extends JobQueue {
  /** Stops taking jobs; waits up to `timeoutMs` for the running ones (the rest go back to the queue). */
  stop(timeoutMs: number): Promise<void>;
  /** Jobs running in this instance now. */
  running(): number;
}

/** Starts the queue and its workers: every definition becomes a queue worked by this instance. */
export async function openJobQueue(input: {
  deps: () => Deps;
  database: Database;
  definitions: readonly JobDefinition[];
  schedules?: readonly JobSchedule[];
  log: FastifyBaseLogger;
  /** Poll interval of the workers (s, ≥ 0.5); a job sent by this instance wakes its worker at once. */
  pollingIntervalSeconds?: number;
}): Promise<RunningQueue> {
  const { database, log } = input;
  const shared = database.kind === "postgres";
  const boss = new PgBoss({
    ...queueConnection(database),
    // Installed with the migrations (and in the templates); a start only checks the version.
    migrate: true,
    createSchema: true,
    schedule: (input.schedules?.length ?? 0) > 0,
    supervise: true,
    monitorIntervalSeconds: shared ? 15 : 60,
  });
  boss.on("error", (error) => log.error({ err: error }, "job queue"));
  await boss.start();

  const logLine = (message: string, error?: unknown) =>
    error ? log.error({ err: error }, message) : log.info(message);
  const definitions = new Map(input.definitions.map((d) => [d.kind, d]));
  const workers = new Map<string, string>();
  let active = 0;
  const pollingIntervalSeconds = input.pollingIntervalSeconds ?? 2;
  const workOptions: WorkOptions = { pollingIntervalSeconds, includeMetadata: true, batchSize: 1 };

  for (const definition of input.definitions) {
    await boss.createQueue(definition.kind, {
      retryLimit: definition.retryLimit ?? 2,
      retryDelay: definition.retryDelaySeconds ?? 10,
      retryBackoff: true,
      retryDelayMax: 600,
      expireInSeconds: definition.expireInSeconds ?? 4 * 3600,
      deleteAfterSeconds: 7 * 86_400,
      // PostgreSQL: another instance may be alive to take over a job whose heartbeats stopped.
      ...(shared ? { heartbeatSeconds: HEARTBEAT_SECONDS } : {}),
    });
    const id = await boss.work<JobData>(definition.kind, workOptions, async ([job]) => {
      if (!job) return;
      active++;
      try {
        await attempt(definition, job as Job<JobData> & { retryLimit: number });
      } finally {
        active--;
      }
    });
    workers.set(definition.kind, id);
  }
  if (!shared) await retryOrphans();

  for (const schedule of input.schedules ?? []) {
    await boss.createQueue(schedule.name, { policy: "singleton", retryLimit: 3, retryDelay: 300 });
    await boss.schedule(schedule.name, schedule.cron, null, { tz: "Asia/Ho_Chi_Minh", missed: "once" });
    await boss.work(schedule.name, workOptions, async () => {
      active++;
      try {
        await runInDbScope(newDbScope("job"), () => schedule.run({ deps: input.deps(), log: logLine }));
      } finally {
        active--;
      }
    });
  }

  /** Embedded database, one process: a job left active by the process before this one is retried now. */
  async function retryOrphans() {
    for (const kind of definitions.keys()) {
      const orphans = (await boss.findJobs(kind, { limit: 1000 })).filter((j) => j.state === "active");
      if (orphans.length)
        await boss.fail(
          kind,
          orphans.map((j) => j.id),
          { message: "restarted" },
        );
    }
  }

  async function attempt(definition: JobDefinition, job: Job<JobData> & { retryLimit: number }) {
    const deps = input.deps();
    const { db } = deps;
    const { jobId, ctx, lang, payload, upload } = job.data;
    const [row] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId));
    // Gone (its user removed), or over: a late retry has nothing to do.
    if (!row || row.status === "succeeded" || row.status === "failed") return;
    const [committed] = await db.select().from(jobCommits).where(eq(jobCommits.jobId, jobId));
    if (committed) {
      // The work committed, and its instance stopped before saying so.
      await finish(jobId, { status: "succeeded", progress: 1, result: null });
      return;
    }
    await db.update(jobs).set({ status: "running", progress: 0 }).where(eq(jobs.id, jobId));
    log.info({ jobId, kind: definition.kind, attempt: job.retryCount + 1 }, "job started");
    live.set(jobId, 0);
    let stored = 0;
    const context: JobContext = {
      id: jobId,
      signal: job.signal,
      async progress(value) {
        live.set(jobId, value);
        // Another connection than the work's transaction (PostgreSQL): the row is not locked by it.
        if (shared && value - stored >= STORED_PROGRESS_STEP) {
          stored = value;
          await db.update(jobs).set({ progress: value }).where(eq(jobs.id, jobId));
        }
      },
      async claim(tx) {
        await tx.insert(jobCommits).values({ jobId });
      },
      async upload() {
        if (!upload) throw new Error(`job ${jobId} has no upload`);
        return { data: await deps.files.get(upload.key), filename: upload.filename };
      },
    };
    try {
      const result = await runInDbScope(newDbScope("job"), () =>
        definition.run({ deps, payload, ctx, lang, job: context }),
      );
      await finish(jobId, { status: "succeeded", progress: 1, result: (result ?? null) as never });
      await over(definition, deps, job.data);
    } catch (error) {
      if (isUniqueViolation(error)) {
        // Another attempt committed this job's work first: it reports the outcome.
        log.warn({ jobId }, "job already committed by another attempt");
        return;
      }
      const final = error instanceof AppError || job.retryCount >= job.retryLimit;
      if (!final) {
        log.warn({ err: error, jobId, attempt: job.retryCount + 1 }, "job failed, will be retried");
        await db.update(jobs).set({ status: "queued" }).where(eq(jobs.id, jobId));
        throw error;
      }
      const appError =
        error instanceof AppError
          ? error
          : isQueryCanceled(error)
            ? new AppError("QUERY_TIMEOUT", { details: { jobId } })
            : new AppError("INTERNAL", { details: { jobId } });
      if (!(error instanceof AppError)) log.error({ err: error, jobId }, "job failed");
      await finish(jobId, { status: "failed", error: appError.body(lang).error }).catch((e) =>
        log.error({ err: e, jobId }, "could not record job failure"),
      );
      await over(definition, deps, job.data);
    } finally {
      live.delete(jobId);
    }
  }

  async function finish(jobId: string, values: Partial<typeof jobs.$inferInsert>) {
    await input
      .deps()
      .db.update(jobs)
      .set({ ...values, finishedAt: new Date() })
      .where(eq(jobs.id, jobId));
  }

  /** The job is over for good: its upload and the handler's leftovers go. */
  async function over(definition: JobDefinition, deps: Deps, data: JobData) {
    try {
      if (data.upload) await deps.files.delete(data.upload.key);
      await definition.cleanup?.({ deps, payload: data.payload });
    } catch (error) {
      log.warn({ err: error, jobId: data.jobId }, "job cleanup failed");
    }
  }

  return {
    async start<P>(request: StartJob<P>) {
      const definition = definitions.get(request.kind);
      if (!definition) throw new Error(`no job handler for ${request.kind}`);
      const userId = request.ctx.actor?.userId;
      if (!userId) throw new AppError("UNAUTHENTICATED");
      const jobId = newId();
      const { db, files } = input.deps();
      let upload: JobData["upload"] = null;
      if (request.upload) {
        upload = { key: `job-uploads/${jobId}`, filename: request.upload.filename };
        await files.put(upload.key, request.upload.data, "application/octet-stream");
      }
      await db.insert(jobs).values({ id: jobId, kind: request.kind, userId, unitId: request.unitId ?? null });
      // The actor as it was, without the session's secrets.
      const actor = request.ctx.actor ? { ...request.ctx.actor, csrfToken: null, sessionId: null } : null;
      const data: JobData = {
        jobId,
        ctx: { ...request.ctx, actor },
        lang: request.lang,
        payload: request.payload,
        upload,
      };
      try {
        await boss.send(request.kind, data as never, { id: jobId });
      } catch (error) {
        await db.delete(jobs).where(eq(jobs.id, jobId));
        if (upload) await files.delete(upload.key).catch(() => {});
        throw error;
      }
      const worker = workers.get(request.kind);
      if (worker) boss.notifyWorker(worker);
      return jobId;
    },
    running: () => active,
    async stop(timeoutMs) {
      await boss.stop({ graceful: true, timeout: Math.max(timeoutMs, 1), close: true });
    },
  };
}
