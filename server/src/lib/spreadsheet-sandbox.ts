/**
 * Runs spreadsheet reading in a worker thread with a heap limit and a deadline, so that a file
 * that is too big or too complex for its size stops its own worker (ERR_WORKER_OUT_OF_MEMORY, or
 * terminated at the deadline) and not the server: requests keep being answered meanwhile.
 *
 * Each read gets a fresh worker, terminated after it, so that its memory is given back at once.
 * Starting one costs ~0.45 s (mostly loading exceljs), so a spare worker is kept started after
 * the first read (idle, unref'd, given up after SPARE_IDLE_MS): later reads do not wait for it.
 */
import { Worker } from "node:worker_threads";
import type { ColumnSpec, ReadResult } from "./spreadsheet.ts";

export interface ReadRequest {
  data: Uint8Array;
  filename: string;
  format: "xlsx" | "csv";
  columns: ColumnSpec<string>[];
  maxRows: number | undefined;
  keepInvalidRows: boolean;
}

/** Why a file was refused without being read. */
export type RejectReason =
  | "too_large"
  | "unpacked_too_large"
  | "too_many_parts"
  | "compression_ratio"
  | "size_mismatch"
  | "memory"
  | "time";

export type ReadAnswer = { result: ReadResult<string> } | { rejected: RejectReason };

export interface WorkerLimits {
  /** The worker's V8 old generation, MB. */
  heapMb: number;
  /** From handing the file to the worker to its answer, ms. */
  deadlineMs: number;
}

const WORKER_URL = new URL("./spreadsheet-worker.ts", import.meta.url);
/** Reads at once; more wait their turn (two cores: the server must keep one). */
const MAX_PARALLEL_READS = 2;
const SPARE_IDLE_MS = 10 * 60_000;

function startWorker(heapMb: number): Worker {
  const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  worker.unref();
  return worker;
}

let spare: { worker: Worker; heapMb: number; idle: NodeJS.Timeout } | null = null;

/** A spare worker with the last read's heap limit (the same for every read but in tests). */
function keepSpare(heapMb: number) {
  if (spare) return;
  const worker = startWorker(heapMb);
  const drop = () => {
    if (spare?.worker !== worker) return;
    clearTimeout(spare.idle);
    spare = null;
  };
  const idle = setTimeout(() => {
    drop();
    void worker.terminate();
  }, SPARE_IDLE_MS);
  idle.unref();
  worker.once("error", drop);
  worker.once("exit", drop);
  spare = { worker, heapMb, idle };
}

function takeWorker(heapMb: number): Worker {
  if (spare && spare.heapMb === heapMb) {
    const { worker, idle } = spare;
    clearTimeout(idle);
    spare = null;
    worker.removeAllListeners();
    return worker;
  }
  return startWorker(heapMb);
}

let running = 0;
const waiting: (() => void)[] = [];

async function turn(): Promise<void> {
  if (running < MAX_PARALLEL_READS) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

/** Hands the turn to the next read waiting, if any. */
function endTurn() {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/** Reads the file in a worker; out of memory or past the deadline, the worker is stopped and the file refused. */
export async function readInWorker(request: ReadRequest, limits: WorkerLimits): Promise<ReadAnswer> {
  await turn();
  const worker = takeWorker(limits.heapMb);
  worker.ref();
  try {
    return await new Promise<ReadAnswer>((resolve, reject) => {
      const timer = setTimeout(() => resolve({ rejected: "time" }), limits.deadlineMs);
      const settle = (f: () => void) => {
        clearTimeout(timer);
        f();
      };
      worker.once("message", (answer: ReadAnswer) => settle(() => resolve(answer)));
      worker.once("error", (error: Error & { code?: string }) =>
        settle(() =>
          error.code === "ERR_WORKER_OUT_OF_MEMORY" ? resolve({ rejected: "memory" }) : reject(error),
        ),
      );
      worker.once("exit", (code) =>
        settle(() => reject(new Error(`the spreadsheet reader stopped (exit code ${code})`))),
      );
      // A copy of the bytes alone (a Buffer may be a view of a larger pool), moved, not cloned.
      const data = new Uint8Array(request.data);
      worker.postMessage({ ...request, data }, [data.buffer]);
    });
  } finally {
    worker.removeAllListeners();
    // A worker stopped at its deadline may still run out of memory while it stops.
    worker.on("error", () => {});
    void worker.terminate();
    endTurn();
    keepSpare(limits.heapMb);
  }
}
