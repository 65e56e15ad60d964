/**
 * Runs spreadsheet reading in a child process with a heap limit and a deadline, so that a file
 * that is too big or too complex for its size stops its own process (out of heap, or killed at
 * the deadline) and not the server: requests keep being answered meanwhile.
 *
 * A process, not a worker thread: a worker's heap limit is best-effort (nodejs/node#65019) — a
 * worker running out of it, or terminated while it allocates, could abort the whole server
 * (seen in this suite: "FATAL ERROR: HandleScope::CreateHandle" on Node 24). A process that
 * aborts takes only itself.
 *
 * Each read gets a fresh process, stopped after it, so that its memory is given back at once.
 * Starting one costs ~0.5 s (mostly loading exceljs), so a spare one is kept started after the
 * first read (idle, unref'd, given up after SPARE_IDLE_MS): later reads do not wait for it.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
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

export interface ReaderLimits {
  /** The worker's V8 old generation, MB. */
  heapMb: number;
  /** From handing the file to the worker to its answer, ms. */
  deadlineMs: number;
}

const READER_PATH = fileURLToPath(new URL("./spreadsheet-reader.ts", import.meta.url));
/** Reads at once; more wait their turn (two cores: the server must keep one). */
const MAX_PARALLEL_READS = 2;
const SPARE_IDLE_MS = 10 * 60_000;
/** What V8 prints when a heap limit is reached (the process then aborts). */
const OUT_OF_HEAP = /heap out of memory|Reached heap limit|Allocation failed/;

interface Reader {
  child: ChildProcess;
  heapMb: number;
  /** The end of what the process wrote to stderr (V8's fatal errors go there). */
  stderr: () => string;
}

function startReader(heapMb: number): Reader {
  const child = fork(READER_PATH, [], {
    execArgv: [`--max-old-space-size=${heapMb}`],
    serialization: "advanced",
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let tail = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    tail = (tail + chunk).slice(-4096);
  });
  // A spawn failure comes as 'error' and then 'exit': the read waiting on it sees the exit.
  child.on("error", () => {});
  idle(child);
  return { child, heapMb, stderr: () => tail };
}

/** Lets the server exit while the process waits for work. */
function idle(child: ChildProcess) {
  child.unref();
  child.channel?.unref();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
}

function busy(child: ChildProcess) {
  child.ref();
  child.channel?.ref();
}

let spare: { reader: Reader; idle: NodeJS.Timeout } | null = null;

/** A spare process with the last read's heap limit (the same for every read but in tests). */
function keepSpare(heapMb: number) {
  if (spare) return;
  const reader = startReader(heapMb);
  const timer = setTimeout(() => {
    if (spare?.reader === reader) spare = null;
    reader.child.kill("SIGKILL");
  }, SPARE_IDLE_MS);
  timer.unref();
  reader.child.once("exit", () => {
    if (spare?.reader !== reader) return;
    clearTimeout(spare.idle);
    spare = null;
  });
  spare = { reader, idle: timer };
}

function takeReader(heapMb: number): Reader {
  if (spare && spare.reader.heapMb === heapMb && spare.reader.child.exitCode === null) {
    const { reader, idle: timer } = spare;
    clearTimeout(timer);
    spare = null;
    return reader;
  }
  return startReader(heapMb);
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

/** Reads the file in a child process; out of heap or past the deadline, it is stopped and the file refused. */
export async function readApart(request: ReadRequest, limits: ReaderLimits): Promise<ReadAnswer> {
  await turn();
  const reader = takeReader(limits.heapMb);
  const { child } = reader;
  busy(child);
  try {
    return await new Promise<ReadAnswer>((resolve, reject) => {
      const timer = setTimeout(() => resolve({ rejected: "time" }), limits.deadlineMs);
      const settle = (f: () => void) => {
        clearTimeout(timer);
        f();
      };
      child.once("message", (answer: ReadAnswer) => settle(() => resolve(answer)));
      child.once("exit", (code, signal) =>
        settle(() => {
          if (OUT_OF_HEAP.test(reader.stderr())) resolve({ rejected: "memory" });
          else reject(new Error(`the spreadsheet reader stopped (exit code ${code}, signal ${signal})`));
        }),
      );
      child.send({ ...request, data: new Uint8Array(request.data) });
    });
  } finally {
    child.removeAllListeners("message");
    child.removeAllListeners("exit");
    child.kill("SIGKILL");
    endTurn();
    keepSpare(limits.heapMb);
  }
}
