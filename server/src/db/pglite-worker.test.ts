import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/harness.ts";
import { liveProgress } from "../features/jobs/queue.ts";
import { migrationStatus } from "./client.ts";

/** A people sheet as .csv, for the cell given as unitId=. */
const sheet = (rows: number) =>
  Buffer.from(
    [
      "Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng",
      ...Array.from({ length: rows }, (_, i) => `Nguyễn Văn Thử ${i},Nam,15/03/1985,03/02/2010`),
    ].join("\n"),
  );

describe.runIf(inject("testDb").kind === "pglite")(
  "PGlite in its worker thread (as the server runs it)",
  () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await createTestContext({ worker: true });
    });
    afterAll(() => t.close());

    it("serves the app: migrations, transactions, a rolled-back error, a dump", async () => {
      expect((await migrationStatus(t.database.db)).upToDate).toBe(true);
      await expect(
        t.database.db.transaction(async (tx) => {
          await tx.execute(sql`create table worker_probe (x int)`);
          throw new Error("undo");
        }),
      ).rejects.toThrow("undo");
      const left = (await t.database.db.execute(
        sql`select count(*)::int as n from pg_class where relname = 'worker_probe'`,
      )) as unknown as { rows: { n: number }[] };
      expect(left.rows[0]?.n).toBe(0);
      const dump = await t.database.dumpDataDir?.("none");
      expect(dump?.size).toBeGreaterThan(1_000_000);
    });

    it("answers the next statement after one failed outside a transaction (a new connection)", async () => {
      // node-postgres drops the connection of a failed pool query: the worker resets the session
      // and serves the next connection (it used to wait for a lock it held, and never answered).
      await expect(t.database.db.execute(sql`select * from no_such_table`)).rejects.toThrow();
      const again = (await t.database.db.execute(sql`select 1 as one`)) as unknown as { rows: unknown[] };
      expect(again.rows).toEqual([{ one: 1 }]);
      expect((await migrationStatus(t.database.db)).upToDate).toBe(true);
    });

    it("a long statement runs beside the event loop, not in it", async () => {
      const statement = t.database.db.execute(sql`select count(*) from generate_series(1, 3000000)`);
      const t0 = performance.now();
      let timerAt = 0;
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          timerAt = performance.now() - t0;
          resolve();
        }, 10),
      );
      await statement;
      const total = performance.now() - t0;
      // The timer fired long before the statement finished (in this thread it would wait for it).
      expect(total).toBeGreaterThan(200);
      expect(timerAt).toBeLessThan(total / 2);
    });

    it("answers /api/health while a long import holds the one connection", async () => {
      const officer = await t.as("canbo.coso");
      const started = await officer.upload(
        `/api/imports/people?unitId=${t.demo.tree.cell1.id}`,
        "ds.csv",
        sheet(20_000),
      );
      expect(started.status).toBe(202);
      const jobId = started.body.jobId as string;
      // Wait (in this process's memory: a request would queue behind the import) until the rows
      // are being stored — the import's one transaction, not its reading of the file.
      while ((liveProgress(jobId) ?? 0) <= 0.5) await new Promise((r) => setTimeout(r, 5));
      let finishedAt = 0;
      const finished = officer.waitForJob(jobId).then((result) => {
        finishedAt = performance.now();
        return result;
      });
      const health = await t.anonymous().get("/api/health");
      const healthAt = performance.now();
      expect(health.status).toBe(200);
      const { job } = await finished;
      expect(job).toMatchObject({ status: "succeeded", result: { imported: 20_000 } });
      // Answered while the import was still writing: the check did not queue behind its transaction.
      expect(healthAt).toBeLessThan(finishedAt);
    });
  },
);
