import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { databaseUrlFor } from "../../test/pg-url.ts";
import {
  DataDirBusyError,
  migrationStatus,
  openPglite,
  openPostgres,
  processStartTime,
  readExecutor,
  runMigrations,
} from "./client.ts";

describe("embedded database", () => {
  it("serves one process: a second open of the same DATA_DIR stops with a clear message", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-lock-"));
    const first = await openPglite({ dataDir: dir });
    try {
      // Another process of this application holds the lock: simulated with the parent's pid and
      // start time, which are alive.
      const parent = { pid: process.ppid, startTime: processStartTime(process.ppid), instance: "other" };
      fs.writeFileSync(path.join(dir, "theo-guong.lock"), JSON.stringify(parent));
      const second = openPglite({ dataDir: dir });
      await expect(second).rejects.toBeInstanceOf(DataDirBusyError);
      await expect(second).rejects.toThrow(/DATA_DIR/);
    } finally {
      await first.close();
    }
    // A stale lock (dead process) is taken over, and so is a live pid that is another process now
    // (its start time differs from the lock's): a pid reused after a crash does not block start-up.
    fs.writeFileSync(path.join(dir, "theo-guong.lock"), "999999");
    await (await openPglite({ dataDir: dir })).close();
    const reused = { pid: process.ppid, startTime: "1", instance: "crashed" };
    fs.writeFileSync(path.join(dir, "theo-guong.lock"), JSON.stringify(reused));
    await (await openPglite({ dataDir: dir })).close();
    fs.writeFileSync(path.join(dir, "theo-guong.lock"), "999999");
    const again = await openPglite({ dataDir: dir });
    await runMigrations(again);
    expect((await migrationStatus(again.db)).upToDate).toBe(true);
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)("PostgreSQL migrations", () => {
  it("instances starting at once do not collide (advisory lock)", async () => {
    const base = process.env.TEST_DATABASE_URL as string;
    const name = `tg_mig_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = databaseUrlFor(base, name);
    try {
      const instances = await Promise.all([1, 2, 3].map(() => openPostgres(url, 2)));
      await Promise.all(instances.map((d) => runMigrations(d, url)));
      const db = instances[0]?.db;
      if (!db) throw new Error("no db");
      const applied = (await db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      )) as unknown as {
        rows: { n: number }[];
      };
      expect(applied.rows[0]?.n).toBe((await migrationStatus(db)).known);
      await Promise.all(instances.map((d) => d.close()));
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});

// Replicas for real (a streaming standby, lag, read-your-writes) are tested in server/test/cluster.
describe.runIf(process.env.TEST_DATABASE_URL)("read replicas that cannot be read from", () => {
  it("reads from the primary when the replica is not a standby or does not answer", async () => {
    const url = process.env.TEST_DATABASE_URL as string;
    const unreachable = "postgres://postgres@127.0.0.1:1/postgres";
    const database = await openPostgres(url, 2, { replicaUrls: [url, unreachable], replicaMaxLagMs: 1_000 });
    try {
      expect(database.replicas?.statuses()).toEqual([
        expect.objectContaining({ usable: false, problem: "not a standby", lagMs: null }),
        expect.objectContaining({ usable: false, problem: expect.stringMatching(/^unreachable: /) }),
      ]);
      expect(readExecutor(database)).toBe(database.db);
      expect(readExecutor(database, { primary: true })).toBe(database.db);
    } finally {
      await database.close();
    }
  });

  it("without replicas, the read executor is the primary", async () => {
    const database = await openPostgres(process.env.TEST_DATABASE_URL as string, 1);
    try {
      expect(database.replicas).toBeUndefined();
      expect(readExecutor(database)).toBe(database.db);
    } finally {
      await database.close();
    }
  });
});
