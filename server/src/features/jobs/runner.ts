import { and, eq, inArray } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../../db/client.ts";
import { newDbScope, runInDbScope } from "../../db/request-scope.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { isQueryCanceled } from "../../lib/db-errors.ts";
import { AppError, type Lang } from "../../lib/errors.ts";
import { jobs } from "./schema.ts";

/**
 * Progress of the jobs running in this process. The database row gets progress too, but only
 * between transactions: an import's own transaction would hide it (and on PGlite, the one
 * connection is busy), so the running process answers from memory first.
 */
const live = new Map<string, number>();
export const liveProgress = (id: string) => live.get(id);
const running = new Set<Promise<void>>();
/** Waits for the jobs running in this process (graceful shutdown, test teardown). */
export async function drainJobs() {
  while (running.size) await Promise.allSettled([...running]);
}

export interface JobContext {
  /** Reports progress 0..1; `persist` also writes it to the row (call it outside transactions). */
  progress(value: number, options?: { persist?: boolean }): Promise<void>;
}

/**
 * Starts `run` in the background and returns the job id at once (202). A failure stores the
 * error body in the caller's language; an AppError keeps its code and details (e.g. the
 * row-by-row report of an import).
 */
export async function startJob<T>(
  db: Db,
  log: FastifyBaseLogger,
  input: { kind: string; actor: Actor; lang: Lang; unitId?: string | null },
  run: (job: JobContext) => Promise<T>,
): Promise<string> {
  const [row] = await db
    .insert(jobs)
    .values({ kind: input.kind, userId: input.actor.userId, unitId: input.unitId ?? null })
    .returning({ id: jobs.id });
  if (!row) throw new Error("no job row");
  const id = row.id;
  live.set(id, 0);
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  running.add(done);
  // The job's own database scope: the job statement_timeout, and no cancelling when the request ends.
  runInDbScope(newDbScope("job"), () =>
    setImmediate(async () => {
      let lastPersisted = 0;
      const context: JobContext = {
        async progress(value, options) {
          live.set(id, value);
          if (options?.persist && value - lastPersisted >= 0.05) {
            lastPersisted = value;
            await db.update(jobs).set({ status: "running", progress: value }).where(eq(jobs.id, id));
          }
        },
      };
      try {
        await db.update(jobs).set({ status: "running" }).where(eq(jobs.id, id));
        const result = await run(context);
        await db
          .update(jobs)
          .set({ status: "succeeded", progress: 1, result: result as never, finishedAt: new Date() })
          .where(eq(jobs.id, id));
      } catch (error) {
        const appError =
          error instanceof AppError
            ? error
            : isQueryCanceled(error)
              ? new AppError("QUERY_TIMEOUT", { details: { jobId: id } })
              : new AppError("INTERNAL", { details: { jobId: id } });
        if (!(error instanceof AppError)) log.error({ err: error, jobId: id }, "job failed");
        await db
          .update(jobs)
          .set({ status: "failed", error: appError.body(input.lang).error, finishedAt: new Date() })
          .where(eq(jobs.id, id))
          .catch((e) => log.error({ err: e, jobId: id }, "could not record job failure"));
      } finally {
        live.delete(id);
        running.delete(done);
        finished();
      }
    }),
  );
  return id;
}

/** Jobs left queued or running by a process that stopped will never finish: mark them failed. */
export async function failInterruptedJobs(db: Db) {
  await db
    .update(jobs)
    .set({
      status: "failed",
      finishedAt: new Date(),
      error: { code: "INTERNAL", message: "Công việc bị gián đoạn do máy chủ khởi động lại.", details: null },
    })
    .where(and(inArray(jobs.status, ["queued", "running"])));
}
