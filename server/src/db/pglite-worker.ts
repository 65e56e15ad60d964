// The embedded database's thread: owns the PGlite instance and serves the PostgreSQL wire protocol
// on a unix socket, so that the main thread uses the same node-postgres pool as PostgreSQL mode and
// its event loop keeps answering while a long statement runs here. Started by `openPgliteWorker`.
import fs from "node:fs";
import net from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

export interface PgliteWorkerData {
  /** PGlite's directory, or none (in memory). */
  dir?: string;
  /** A dump (`dumpDataDir`, an uncompressed tar) to start from. */
  load?: ArrayBuffer;
  /** The unix socket to listen on. */
  socketPath: string;
}
/** Main thread → worker. */
export type WorkerRequest = { type: "dump"; id: number } | { type: "ping"; id: number } | { type: "close" };
/** Worker → main thread. */
export type WorkerReply =
  | { type: "ready" }
  | { type: "failed"; message: string }
  | { type: "dumped"; id: number; data?: ArrayBuffer; message?: string }
  | { type: "pong"; id: number }
  | { type: "closed" };

const SSL_REQUEST = 80_877_103;
const CANCEL_REQUEST = 80_877_102;
const PROTOCOL_3 = 196_608;

const port = parentPort;
if (!port) throw new Error("pglite-worker.ts runs as a worker thread");
const input = workerData as PgliteWorkerData;
const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

let db: PGlite;
try {
  db = await PGlite.create(input.dir, {
    extensions: { pg_trgm, unaccent },
    ...(input.load ? { loadDataDir: new Blob([input.load]) } : {}),
  });
} catch (error) {
  send({ type: "failed", message: (error as Error).message });
  process.exit(1);
}

/**
 * PGlite is one backend: connections take turns, each holding it from its first message until it
 * closes (the pool keeps a single connection open). A connection that leaves mid-transaction is
 * rolled back, and the session is reset (prepared statements, settings) before the next one.
 */
const waiting: (() => void)[] = [];
let owner: net.Socket | null = null;
function acquire(socket: net.Socket): Promise<void> {
  if (owner === socket) return Promise.resolve();
  if (!owner) {
    owner = socket;
    return Promise.resolve();
  }
  return new Promise((resolve) =>
    waiting.push(() => {
      owner = socket;
      resolve();
    }),
  );
}
async function release(socket: net.Socket) {
  if (owner !== socket) return;
  // Not inside runExclusive: exec takes the same lock, and waiting for it there never ends (every
  // connection after the first one closed then hung: node-postgres closes a connection whose
  // statement failed outside a transaction). No other connection runs meanwhile: it waits in acquire.
  if (db.isInTransaction()) await db.exec("rollback");
  await db.exec("discard all");
  owner = null;
  waiting.shift()?.();
}

type Message = { kind: "ssl" | "cancel" | "startup" | "typed"; data: Buffer };

/** Splits complete messages off the buffer: those before the startup message have no type byte. */
function takeMessages(buffer: Buffer, started: boolean) {
  const messages: Message[] = [];
  let at = 0;
  for (;;) {
    let length = 0;
    let kind: Message["kind"] = "typed";
    if (!started) {
      if (buffer.length - at < 8) break;
      length = buffer.readInt32BE(at);
      const code = buffer.readInt32BE(at + 4);
      kind = code === SSL_REQUEST ? "ssl" : code === CANCEL_REQUEST ? "cancel" : "startup";
      if (kind === "startup" && code !== PROTOCOL_3) throw new Error(`unsupported protocol ${code}`);
    } else if (buffer.length - at >= 5) length = 1 + buffer.readInt32BE(at + 1);
    if (!length || buffer.length - at < length) break;
    messages.push({ kind, data: buffer.subarray(at, at + length) });
    at += length;
    if (kind === "startup") started = true;
  }
  return { messages, rest: Buffer.from(buffer.subarray(at)), started };
}

/** Connections being rolled back and reset: closing the database waits for them. */
const releasing = new Set<Promise<void>>();

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let buffer = Buffer.alloc(0);
  let started = false;
  let closed = false;
  let chain = Promise.resolve();
  const handle = async (messages: Message[]) => {
    for (const { kind, data } of messages) {
      if (closed) return;
      if (kind === "ssl") socket.write("N");
      if (kind === "ssl" || kind === "cancel") continue; // no TLS here, no backend process to signal
      await acquire(socket);
      if (closed) return;
      const out: Uint8Array[] = [];
      await db.runExclusive(() =>
        db.execProtocolRawStream(new Uint8Array(data), { onRawData: (chunk) => out.push(chunk.slice()) }),
      );
      if (out.length && socket.writable) socket.write(Buffer.concat(out));
    }
  };
  socket.on("data", (data) => {
    try {
      const taken = takeMessages(buffer.length ? Buffer.concat([buffer, data]) : data, started);
      buffer = taken.rest;
      started = taken.started;
      if (taken.messages.length)
        chain = chain.then(() => handle(taken.messages)).catch(() => void socket.destroy());
    } catch {
      socket.destroy();
    }
  });
  const end = () => {
    if (closed) return;
    closed = true;
    const released = chain.finally(() => release(socket)).catch(() => {});
    releasing.add(released);
    void released.then(() => releasing.delete(released));
  };
  socket.on("close", end);
  socket.on("error", end);
});

fs.rmSync(input.socketPath, { force: true });
server.listen(input.socketPath, () => {
  fs.chmodSync(input.socketPath, 0o600);
  send({ type: "ready" });
});

port.on("message", async (request: WorkerRequest) => {
  // Answered between two statements: the database thread is alive even while a transaction holds
  // the one connection (the health check's question on the embedded database).
  if (request.type === "ping") send({ type: "pong", id: request.id });
  else if (request.type === "dump") {
    try {
      // Uncompressed: a zlib stream in a worker thread can abort the process when the thread ends
      // (Node 24: "close before init" in CompressionStream::Close, seen in CI); the caller gzips.
      const dump = await db.dumpDataDir("none");
      const data = await dump.arrayBuffer();
      send({ type: "dumped", id: request.id, data }, [data]);
    } catch (error) {
      send({ type: "dumped", id: request.id, message: (error as Error).message });
    }
  } else if (request.type === "close") {
    await new Promise((resolve) => server.close(resolve));
    await Promise.all([...releasing]);
    await db.close();
    send({ type: "closed" });
    port.close();
  }
});
