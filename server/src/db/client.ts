import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
  kind: DatabaseKind;
  /** The PGlite instance in embedded mode (backups, tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
export const pgliteExtensions = { pg_trgm, unaccent };
/** Any constant shared by every instance: the key of the migration advisory lock. */
const MIGRATION_LOCK_KEY = 7_243_001;

export class DataDirBusyError extends Error {}

/** PGlite serves one process: a lock file in DATA_DIR keeps a second one out with a clear message. */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "theo-guong.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(fs.readFileSync(lockFile, "utf8"));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DataDirBusyError(
          `Thư mục dữ liệu ${dataDir} đang được tiến trình ${pid} sử dụng: cơ sở dữ liệu nhúng chỉ phục vụ một tiến trình. ` +
            `Hãy dừng tiến trình đó, hoặc đặt DATA_DIR khác, hoặc dùng PostgreSQL qua DATABASE_URL.\n` +
            `(The data directory is in use by process ${pid}: the embedded database serves one process. ` +
            `Stop it, set another DATA_DIR, or use PostgreSQL through DATABASE_URL.)`,
        );
      }
      fs.rmSync(lockFile, { force: true }); // stale lock from a process that died
    }
  }
  throw new DataDirBusyError(`Cannot lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function pgliteDir(dataDir: string) {
  return path.join(dataDir, "pglite");
}

/** Embedded PostgreSQL (PGlite) persisted under DATA_DIR, or in memory / from a dump for tests. */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  try {
    const client = await PGlite.create(options.dataDir ? pgliteDir(options.dataDir) : undefined, {
      extensions: pgliteExtensions,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      pglite: client,
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

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // The web pool runs short queries: JIT compilation (~35 ms) and parallel workers cost more than
  // they save there (measured: national subtree figures 189 ms → 6.5 ms). Long reports can SET them back.
  // plan_cache_mode stays automatic: forcing generic plans (tried for the named statements) made
  // every `path LIKE $1` scope filter lose its index range at national size (a cell's people list
  // 0.8 ms → 3.7 s, saving a cell's ratings 6 s); the named statements still settle on their
  // generic plan after five executions when it costs no more.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: "-c jit=off -c max_parallel_workers_per_gather=0",
  });
  // An idle connection the server closes (restart, failover) must not crash the process.
  pool.on("error", (error) => console.error(`PostgreSQL: idle connection lost: ${error.message}`));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return { db, kind: "postgres", close: () => pool.end() };
}

/** DATABASE_URL set → PostgreSQL pool; unset → PGlite under DATA_DIR. */
export function openDatabase(config: {
  DATABASE_URL?: string | undefined;
  dataDir: string;
}): Promise<Database> {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : openPglite({ dataDir: config.dataDir });
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
  if (database.kind === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
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
