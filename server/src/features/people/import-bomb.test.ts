import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { denseCellsSheet, repeatedCellsSheet, workbookWith } from "../../../test/xlsx-bombs.ts";
import { people } from "./schema.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const peopleCount = async () => (await t.database.db.select({ n: count() }).from(people))[0]?.n ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("people import: zip bombs", () => {
  it("refuses a 1 MB sheet that unpacks to 160 MB with a clear 422, in a dry run and as a job, storing nothing", async () => {
    const officer = await t.as("canbo.coso");
    const bomb = await workbookWith(await repeatedCellsSheet(160));
    const before = await peopleCount();

    const dry = await officer.upload("/api/imports/people?dryRun=true", "ds.xlsx", bomb);
    expect(dry.status).toBe(422);
    expect(dry.body.error).toEqual({
      code: "FILE_REJECTED",
      message: "Tệp Excel giải nén ra hơn 128 MB: hãy chia thành nhiều tệp nhỏ hơn.",
      details: { reason: "unpacked_too_large" },
    });

    const started = await officer.upload("/api/imports/people", "ds.xlsx", bomb);
    expect(started.status).toBe(202);
    const { job } = await officer.waitForJob(started.body.jobId, 30_000);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "FILE_REJECTED", details: { reason: "unpacked_too_large" } });
    expect(await peopleCount()).toBe(before);
  });

  it("keeps answering /api/health while bombs are refused", async () => {
    const officer = await t.as("canbo.coso");
    const anonymous = t.anonymous();
    const part = await repeatedCellsSheet(160);
    const files = [
      // Refused by its declared sizes, before anything is inflated.
      { file: await workbookWith(part), reason: "unpacked_too_large" },
      // Declares 64 KB: past the directory check, refused while the worker inflates it.
      { file: await workbookWith({ ...part, size: 64 * 1024 }), reason: "size_mismatch" },
      // No bomb, but heavy: read (in the worker) and answered.
      { file: await workbookWith(await denseCellsSheet(16)), reason: null },
    ];
    for (const { file, reason } of files) {
      let answered = false;
      const url = `/api/imports/people?dryRun=true&unitId=${t.demo.tree.cell2.id}`;
      const refusal = officer.upload(url, "ds.xlsx", file).finally(() => {
        answered = true;
      });
      // Each round: a health request, then 20 ms; a round takes as long as the event loop is held.
      const rounds: number[] = [];
      do {
        const started = performance.now();
        const health = await anonymous.get("/api/health");
        expect(health.status).toBe(200);
        await sleep(20);
        rounds.push(performance.now() - started);
      } while (!answered);
      const res = await refusal;
      // Generous for a busy 2-core machine (measured: at most 44 ms a round, 20 of them the pause; the reader in the request's thread held it 2.1 s).
      expect(Math.max(...rounds)).toBeLessThan(500);
      if (reason) {
        expect(res.status).toBe(422);
        expect(res.body.error).toMatchObject({ code: "FILE_REJECTED", details: { reason } });
      } else expect(res.body).toEqual({ rows: expect.any(Number) });
    }
  });
});
