import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import zlib from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { type ConstructorOptions, fromPglite, PgBoss } from "pg-boss";
import type { PgliteWorkerData, WorkerReply, WorkerRequest } from "./pglite-worker.ts";
import { ReplicaSet } from "./replicas.ts";
import { ScopedPool, type ScopedPoolLimits } from "./request-scope.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction: commands take it so that every write and its audit row commit together. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  /** "pglite": one connection (a transaction holds every other query until it ends). */
  kind: DatabaseKind;
  /** The PGlite instance when it runs in this thread (tests, the command line). */
  pglite?: PGlite;
  /** Embedded mode: the data directory as a tarball (backups, test templates). */
  dumpDataDir?(compression: "none" | "gzip"): Promise<Blob>;
  /**
   * Embedded mode in its worker thread: resolves when the database thread answers, which it does
   * between statements, even while a transaction holds the one connection.
   */
  ping?(): Promise<void>;
  /**
   * PostgreSQL: the pool's queue, for load shedding — checkouts waiting for a connection and how
   * long the oldest has waited. (The embedded database's one connection queues by design.)
   */
  poolPressure?(): { waiting: number; oldestWaitMs: number; size: number };
  /**
   * Embedded mode on a data directory: how its database came to be — copied from the template
   * (pglite-template.ts), made by initdb (no template, or its copy failed), or already there.
   */
  startedFrom?: "template" | "initdb" | "existing";
  /** PostgreSQL: the connection string (the job queue opens its own small pool on it). */
  url?: string;
  /**
   * PostgreSQL with DATABASE_REPLICA_URL: the read replicas (their pools and measured lag). Reads
   * that may come from one go through `readExecutor`; everything else, transactions included,
   * uses `db`, the primary.
   */
  replicas?: ReplicaSet;
  close(): Promise<void>;
}

/** The job queue's schema (pg-boss): installed and upgraded with the migrations. */
export const QUEUE_SCHEMA = "pgboss";

/**
 * How pg-boss reaches the database: on PostgreSQL its own small pool (and LISTEN connection);
 * on the embedded database the one connection there is — PGlite itself in this thread, or the
 * worker thread's socket through the app's pool of one.
 */
export function queueConnection(database: Database): ConstructorOptions {
  if (database.pglite) return { db: fromPglite(database.pglite), backend: "pglite", schema: QUEUE_SCHEMA };
  if (database.kind === "pglite") {
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    return {
      backend: "pglite",
      schema: QUEUE_SCHEMA,
      db: {
        async executeSql(text, values) {
          // A block of several statements (pg-boss's locked DDL) answers one result per statement.
          const result = (await pool.query(text, values)) as pg.QueryResult | pg.QueryResult[];
          return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows ?? []) : result.rows };
        },
      },
    };
  }
  if (!database.url) throw new Error("PostgreSQL database without its url");
  return {
    connectionString: database.url,
    max: 4,
    schema: QUEUE_SCHEMA,
    application_name: "theo-guong jobs",
  };
}

/** The job queue's package version: a template made with another has the other's tables. */
export function queueSchemaVersion(): string {
  const file = createRequire(import.meta.url).resolve("pg-boss/package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

/** Installs or upgrades the job queue's tables (pg-boss serialises concurrent installs itself). */
export async function migrateQueue(database: Database) {
  const boss = new PgBoss({
    ...queueConnection(database),
    supervise: false,
    schedule: false,
    migrate: true,
    createSchema: true,
    registerInstance: false,
  });
  boss.on("error", () => {});
  await boss.start();
  await boss.stop({ graceful: false, close: true });
}

/**
 * The executor of a read that may come from a replica (the dashboard, statistics, searches, lists,
 * exports): a replica that answers and is not too far behind, else the primary. `primary` (the
 * caller has just written: read-your-writes) always reads the primary, as does a database without
 * replicas. Never for a transaction: a replica refuses writes.
 */
export function readExecutor(database: Database, options: { primary?: boolean } = {}): Db {
  if (options.primary || !database.replicas) return database.db;
  return (database.replicas.pick() as Db | null) ?? database.db;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
export const pgliteExtensions = { pg_trgm, unaccent };
/** Any constant shared by every instance: the key of the migration advisory lock. */
const MIGRATION_LOCK_KEY = 7_243_001;

export class DataDirBusyError extends Error {}

/** What the lock file holds: enough to tell this application's process from a reused pid. */
interface LockOwner {
  pid: number;
  /** The process's start time (/proc/<pid>/stat, clock ticks since boot), where there is a /proc. */
  startTime: string | null;
  /** Chosen at random per open: two opens are never the same owner. */
  instance: string;
}

/** The start time of a live process (Linux), or null (no /proc, or no such process). */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // After the command name (in parentheses, which may hold spaces): field 3 on; starttime is field 22.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the lock's owner still runs: its pid is alive and, where /proc tells, started when the
 * lock says — a pid reused by another process after a crash does not keep the directory locked.
 * A lock of an older version (the bare pid) counts only if that pid runs Node.
 */
function ownerRuns(text: string): number | null {
  let owner: Partial<LockOwner>;
  try {
    owner = JSON.parse(text) as Partial<LockOwner>;
    if (typeof owner !== "object" || owner === null) owner = { pid: Number(text) };
  } catch {
    owner = { pid: Number(text) };
  }
  const pid = Number(owner.pid);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  const started = processStartTime(pid);
  if (owner.instance === undefined) {
    if (pid === process.pid) return null;
    const command = (() => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      } catch {
        return null;
      }
    })();
    return command === null || /node/.test(command) ? pid : null;
  }
  return started === null || owner.startTime === null || started === owner.startTime ? pid : null;
}

/** PGlite serves one process: a lock file in DATA_DIR keeps a second one out with a clear message. */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "theo-guong.lock");
  const me: LockOwner = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    instance: randomBytes(8).toString("hex"),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify(me), { flag: "wx" });
      return () => {
        // Only our own lock: a second open that took over a stale lock must not lose it to us.
        if (fs.existsSync(lockFile) && fs.readFileSync(lockFile, "utf8") === JSON.stringify(me))
          fs.rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = ownerRuns(fs.readFileSync(lockFile, "utf8"));
      if (pid) {
        throw new DataDirBusyError(
          `Thư mục dữ liệu ${dataDir} đang được tiến trình ${pid} sử dụng: cơ sở dữ liệu nhúng chỉ phục vụ một tiến trình. ` +
            `Hãy dừng tiến trình đó, hoặc đặt DATA_DIR khác, hoặc dùng PostgreSQL qua DATABASE_URL.\n` +
            `(The data directory is in use by process ${pid}: the embedded database serves one process. ` +
            `Stop it, set another DATA_DIR, or use PostgreSQL through DATABASE_URL.)`,
        );
      }
      fs.rmSync(lockFile, { force: true }); // stale: its process died, or the pid is another process's now
    }
  }
  throw new DataDirBusyError(`Cannot lock ${dataDir}`);
}

export function pgliteDir(dataDir: string) {
  return path.join(dataDir, "pglite");
}

/**
 * Before a data directory's database is opened (under its lock): a new one starts as a copy of the
 * template, a migrated empty database (pglite-template.ts), when one is given. The copy is made
 * beside it and renamed into place; a failed copy leaves nothing behind and PGlite runs initdb.
 */
function startDataDir(dataDir: string, template: string | null | undefined): Database["startedFrom"] {
  const dir = pgliteDir(dataDir);
  if (fs.existsSync(dir)) {
    if (fs.readdirSync(dir).length) return "existing";
    fs.rmdirSync(dir);
  }
  if (!template) return "initdb";
  const copying = `${dir}.copying-${process.pid}`;
  try {
    fs.cpSync(template, copying, { recursive: true, mode: fs.constants.COPYFILE_FICLONE });
    fs.renameSync(copying, dir);
    return "template";
  } catch (error) {
    fs.rmSync(copying, { recursive: true, force: true });
    console.warn(
      `Không chép được mẫu CSDL (could not copy the database template ${template}): ${(error as Error).message}`,
    );
    return "initdb";
  }
}

interface PgliteOptions {
  dataDir?: string;
  loadDataDir?: Blob;
  /** A new data directory starts as a copy of this template (`findPgliteTemplate`). */
  template?: string | null;
}

/** Embedded PostgreSQL (PGlite) persisted under DATA_DIR, or in memory / from a dump for tests. */
export async function openPglite(options: PgliteOptions): Promise<Database> {
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  try {
    const startedFrom =
      options.dataDir && !options.loadDataDir ? startDataDir(options.dataDir, options.template) : undefined;
    const client = await PGlite.create(options.dataDir ? pgliteDir(options.dataDir) : undefined, {
      extensions: pgliteExtensions,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      pglite: client,
      dumpDataDir: (compression) => client.dumpDataDir(compression),
      ...(startedFrom ? { startedFrom } : {}),
      async close() {
        await client.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/** A dump as the database thread takes it: a tar, gunzipped here when it came gzipped. */
async function tarOf(dump: Blob): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(await dump.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.buffer;
  const tar = await gunzip(bytes);
  return new Uint8Array(tar).buffer;
}

/**
 * Embedded PostgreSQL in a worker thread (what the server runs): the worker owns PGlite and serves
 * the wire protocol on a unix socket in a private directory; this thread talks to it through a
 * node-postgres pool of one connection (PGlite is one backend). A long statement then runs beside
 * the event loop instead of stopping it; requests still queue behind a transaction, as on PGlite.
 * No zlib runs in that thread (dumps are gzipped and gunzipped here): a zlib stream alive when a
 * worker thread ends aborts the whole process on Node 24 (CompressionStream::Close, seen in CI).
 */
export async function openPgliteWorker(options: PgliteOptions): Promise<Database> {
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let startedFrom: Database["startedFrom"];
  try {
    if (options.dataDir && !options.loadDataDir)
      startedFrom = startDataDir(options.dataDir, options.template);
  } catch (error) {
    unlock();
    throw error;
  }
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-pglite-"));
  const data: PgliteWorkerData = {
    socketPath: path.join(socketDir, ".s.PGSQL.5432"),
    ...(options.dataDir ? { dir: pgliteDir(options.dataDir) } : {}),
    ...(options.loadDataDir ? { load: await tarOf(options.loadDataDir) } : {}),
  };
  const worker = new Worker(new URL("./pglite-worker.ts", import.meta.url), {
    workerData: data,
    ...(data.load ? { transferList: [data.load] } : {}),
  });
  const cleanup = () => {
    fs.rmSync(socketDir, { recursive: true, force: true });
    unlock();
  };
  const dumps = new Map<number, { resolve: (blob: Blob) => void; reject: (error: Error) => void }>();
  const pings = new Map<number, () => void>();
  let closed: (() => void) | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      worker.on("message", (reply: WorkerReply) => {
        if (reply.type === "ready") resolve();
        else if (reply.type === "failed") reject(new Error(`PGlite: ${reply.message}`));
        else if (reply.type === "dumped") {
          const waiting = dumps.get(reply.id);
          dumps.delete(reply.id);
          if (reply.data) waiting?.resolve(new Blob([reply.data]));
          else waiting?.reject(new Error(`PGlite dump: ${reply.message}`));
        } else if (reply.type === "pong") {
          pings.get(reply.id)?.();
          pings.delete(reply.id);
        } else if (reply.type === "closed") closed?.();
      });
      worker.on("error", reject);
      worker.on("exit", (code) => reject(new Error(`PGlite worker exited (${code})`)));
    });
  } catch (error) {
    await worker.terminate();
    cleanup();
    throw error;
  }
  worker.on("error", (error) => console.error(`PGlite worker: ${error.message}`));
  const pool = new pg.Pool({
    host: socketDir,
    port: 5432,
    user: "postgres",
    database: "postgres",
    max: 1,
    idleTimeoutMillis: 0,
  });
  pool.on("error", (error) => console.error(`PGlite: connection lost: ${error.message}`));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  let dumpId = 0;
  const request = (message: WorkerRequest) => worker.postMessage(message);
  return {
    db,
    kind: "pglite",
    ...(startedFrom ? { startedFrom } : {}),
    async dumpDataDir(compression) {
      const id = ++dumpId;
      const tar = await new Promise<Blob>((resolve, reject) => {
        dumps.set(id, { resolve, reject });
        request({ type: "dump", id });
      });
      if (compression === "none") return tar;
      const gzipped = await gzip(new Uint8Array(await tar.arrayBuffer()));
      return new Blob([new Uint8Array(gzipped)], { type: "application/x-gzip" });
    },
    ping() {
      const id = ++dumpId;
      return new Promise<void>((resolve) => {
        pings.set(id, resolve);
        request({ type: "ping", id });
      });
    },
    async close() {
      await pool.end();
      await new Promise<void>((resolve) => {
        closed = resolve;
        worker.once("exit", () => resolve());
        request({ type: "close" });
      });
      await worker.terminate();
      cleanup();
    },
  };
}

/**
 * A pool whose connections follow the work that holds them (`request-scope.ts`): with `timeouts`,
 * each statement has its kind's statement_timeout (requests by default, raised for exports and jobs);
 * a request whose client goes away has its statement cancelled. Without `timeouts` (command-line
 * tools, seeds) the server's own statement_timeout applies.
 */
export async function openPostgres(
  url: string,
  poolSize = 10,
  options: Partial<ScopedPoolLimits> & {
    /** Read replicas of `url`: a pool of their own each, the same timeouts, their lag measured. */
    replicaUrls?: string[];
    /** A replica further behind than this is not read from (ms). */
    replicaMaxLagMs?: number;
  } = {},
): Promise<Database> {
  // The web pool runs short queries: JIT compilation (~35 ms) and parallel workers cost more than
  // they save there (measured: national subtree figures 189 ms → 6.5 ms). Long reports can SET them back.
  // plan_cache_mode stays automatic: forcing generic plans (tried for the named statements) made
  // every `path LIKE $1` scope filter lose its index range at national size (a cell's people list
  // 0.8 ms → 3.7 s, saving a cell's ratings 6 s); the named statements still settle on their
  // generic plan after five executions when it costs no more.
  const pool = new ScopedPool(
    { connectionString: url, max: poolSize, options: "-c jit=off -c max_parallel_workers_per_gather=0" },
    { statementTimeouts: options.statementTimeouts ?? null, queueTimeoutMs: options.queueTimeoutMs ?? 0 },
  );
  // An idle connection the server closes (restart, failover) must not crash the process.
  pool.on("error", (error) => console.error(`PostgreSQL: idle connection lost: ${error.message}`));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const replicas = options.replicaUrls?.length
    ? new ReplicaSet(options.replicaUrls, pool, options.replicaMaxLagMs ?? 10_000, options)
    : undefined;
  await replicas?.start();
  return {
    db,
    kind: "postgres",
    url,
    ...(replicas ? { replicas } : {}),
    poolPressure: () => ({ waiting: pool.waitingCount, oldestWaitMs: pool.oldestWaitMs(), size: poolSize }),
    async close() {
      await replicas?.close();
      await pool.end();
    },
  };
}

/** The pool's limits from the configuration: statement timeouts, and the queue timeout when shedding load. */
export function poolLimitsOf(config: {
  STATEMENT_TIMEOUT_MS: number;
  EXPORT_STATEMENT_TIMEOUT_MS: number;
  JOB_STATEMENT_TIMEOUT_MS: number;
  LOAD_SHEDDING: boolean;
  SHED_DB_QUEUE_TIMEOUT_MS: number;
}): ScopedPoolLimits {
  return {
    statementTimeouts: {
      request: config.STATEMENT_TIMEOUT_MS,
      export: config.EXPORT_STATEMENT_TIMEOUT_MS,
      job: config.JOB_STATEMENT_TIMEOUT_MS,
    },
    queueTimeoutMs: config.LOAD_SHEDDING ? config.SHED_DB_QUEUE_TIMEOUT_MS : 0,
  };
}

/**
 * DATABASE_URL set → PostgreSQL pool; unset → PGlite under DATA_DIR, in its worker thread (which
 * has neither statement timeouts nor cancelling: PGlite runs one statement at a time, without timers).
 */
export function openDatabase(
  config: {
    DATABASE_URL?: string | undefined;
    dataDir: string;
    DATABASE_REPLICA_URL?: string[];
    REPLICA_MAX_LAG_MS?: number;
  },
  options: Partial<ScopedPoolLimits> & {
    /** PGlite: a new DATA_DIR starts as a copy of this template (`findPgliteTemplate`). */
    pgliteTemplate?: string | null;
  } = {},
): Promise<Database> {
  return config.DATABASE_URL
    ? openPostgres(config.DATABASE_URL, 10, {
        ...options,
        replicaUrls: config.DATABASE_REPLICA_URL ?? [],
        ...(config.REPLICA_MAX_LAG_MS === undefined ? {} : { replicaMaxLagMs: config.REPLICA_MAX_LAG_MS }),
      })
    : openPgliteWorker({ dataDir: config.dataDir, template: options.pgliteTemplate ?? null });
}

/**
 * A hot read as plain SQL with $n parameters. On PostgreSQL it runs as a named prepared statement
 * (parsed and planned once per connection); on PGlite, or inside a transaction, through Drizzle.
 */
/** Statement names by text (hashed once, not on every execution). */
const statementNames = new Map<string, string>();

export async function preparedRows<T>(db: Executor, text: string, params: unknown[]): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    let name = statementNames.get(text);
    if (!name) {
      name = `p${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
      if (statementNames.size > 1000) statementNames.clear();
      statementNames.set(text, name);
    }
    return (await client.query({ name, text, values: params })).rows as T[];
  }
  const chunks = text.split(/\$(\d+)/);
  const query = sql.join(
    chunks.map((chunk, i) => (i % 2 ? sql.param(params[Number(chunk) - 1]) : sql.raw(chunk))),
    sql``,
  );
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * Applies the committed migrations. On PostgreSQL an advisory lock serialises instances that
 * start at once; the second waits and then finds nothing left to apply.
 */
export async function runMigrations(database: Database, url?: string): Promise<void> {
  if (database.pglite) {
    await migratePglite(database.db as never, { migrationsFolder });
    await migrateQueue(database);
    return;
  }
  if (database.kind === "pglite") {
    // The worker's one connection: no other instance to wait for.
    await migratePg(database.db as never, { migrationsFolder });
    await migrateQueue(database);
    return;
  }
  await migrateQueue(database.url ? database : { ...database, url });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/** How many committed migrations exist, and which were applied (for /api/health). */
/** Migrations change only when a process starts: the status read once is kept (health checks). */
const knownStatus: WeakMap<Executor, Awaited<ReturnType<typeof migrationStatus>>> = new WeakMap();
export async function keptMigrationStatus(db: Executor) {
  const kept = knownStatus.get(db);
  if (kept?.upToDate) return kept;
  const status = await migrationStatus(db);
  knownStatus.set(db, status);
  return status;
}

/** How many migrations were applied: 0 on a new database (whose journal table is not there yet). */
export async function appliedMigrationCount(db: Executor): Promise<number> {
  const journal = (await db.execute(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  )) as unknown as { rows: { present: boolean }[] };
  return journal.rows[0]?.present ? (await migrationStatus(db)).applied : 0;
}

export async function migrationStatus(db: Executor) {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"),
  ) as {
    entries: { tag: string; when: number }[];
  };
  const result = (await db.execute(
    sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  )) as unknown as { rows: { created_at: string | number }[] };
  const last = Number(result.rows[0]?.created_at ?? 0);
  const applied = journal.entries.filter((e) => e.when <= last).length;
  const latest = journal.entries.findLast((e) => e.when <= last)?.tag ?? null;
  return { applied, known: journal.entries.length, latest, upToDate: applied === journal.entries.length };
}
