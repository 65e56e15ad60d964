// What a module declares of its background work (its manifest's `jobs`), and what a job's handler
// gets. The queue itself (pg-boss, features/jobs) runs the handlers on whichever instance claims
// the job: a handler takes only what its serialisable payload names, never a closure.
import type { Tx } from "../db/client.ts";
import type { Ctx } from "./auth/actor.ts";
import type { Lang } from "./errors.ts";
import type { Deps } from "./http.ts";

export interface JobContext {
  /** The job's id (also its row in `jobs` and its pg-boss job). */
  id: string;
  /** Reports progress 0..1. Every instance answers GET /api/jobs/{id}, so it is stored (at most every 5 %). */
  progress(value: number): Promise<void>;
  /**
   * Inside the transaction that stores the job's work (an import): records that this job's work
   * committed, so that a retry (its instance died after the commit) does not store it twice, and
   * two attempts at once cannot both commit — the second fails on the first's record.
   */
  claim(tx: Tx): Promise<void>;
  /** Aborted when the job's lease is lost or the instance stops: long loops may check it. */
  signal: AbortSignal;
  /** The file uploaded with the request that started the job (an import's sheet). */
  upload(): Promise<{ data: Buffer; filename: string }>;
}

export interface JobRun<P> {
  deps: Deps;
  payload: P;
  /** Who started it (the actor as they were at the request), for authorisation and the audit log. */
  ctx: Ctx;
  lang: Lang;
  job: JobContext;
}

export interface JobDefinition<P = unknown> {
  /** The queue's name and the job row's `kind`: module.verb (import.people, booklet.pdf). */
  kind: string;
  run(input: JobRun<P>): Promise<unknown>;
  /** Retries after an unexpected error (an AppError — bad input — is final at once). Default 2. */
  retryLimit?: number;
  /** The first retry's delay (s), doubled at each retry after it (with jitter). Default 10. */
  retryDelaySeconds?: number;
  /** Longest run before the job counts as stuck and is retried (s). Default 4 h. */
  expireInSeconds?: number;
  /** Called once the job is over for good (succeeded, or failed with no retry left): remove its upload. */
  cleanup?(input: { deps: Deps; payload: P }): Promise<void>;
}

/** Declares a job handler (typed payload) for a manifest's `jobs`. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition {
  return definition as JobDefinition;
}

/** What a route asks the queue: run `kind` with `payload` for the request's actor. */
export interface StartJob<P = unknown> {
  kind: string;
  ctx: Ctx;
  lang: Lang;
  unitId?: string | null;
  payload: P;
  /** A file the job reads (an import's sheet): kept in the file store until the job is over. */
  upload?: { data: Buffer; filename: string };
}

/** The queue as the modules see it (app.deps.jobs): start a job, answer its id at once (202). */
export interface JobQueue {
  start<P>(input: StartJob<P>): Promise<string>;
}

/** A schedule: run by exactly one instance at each occurrence (cron in Vietnam time; a missed one runs once). */
export interface JobSchedule {
  name: string;
  cron: string;
  run(input: { deps: Deps; log: (message: string, error?: unknown) => void }): Promise<void>;
}
