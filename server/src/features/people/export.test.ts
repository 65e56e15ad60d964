import fs from "node:fs";
import path from "node:path";
import { and, count, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { auditLog } from "../../lib/audit-log.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { storedFiles } from "../files/schema.ts";
import { jobs } from "../jobs/schema.ts";
import { exportPeopleToFile, PEOPLE_EXPORT_JOB } from "./export-job.ts";
import { personExportColumns } from "./sheet.ts";

/** A person as a sheet row or a list item shows them: enough to compare the order. */
type Line = [fullName: string, birthDate: string | null, unitName: string];

/** Every sheet of a workbook: its name, title and data rows (below the title and header rows). */
async function sheetsOf(data: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as never);
  const col = (header: string) => personExportColumns.findIndex((c) => c.header === header) + 1;
  return workbook.worksheets.map((ws) => {
    const lines: Line[] = [];
    expect(ws.getRow(2).getCell(1).value).toBe("Họ và tên");
    ws.eachRow((row, n) => {
      if (n <= 2) return;
      const birth = row.getCell(col("Ngày sinh")).value;
      lines.push([
        String(row.getCell(col("Họ và tên")).value),
        birth instanceof Date ? birth.toISOString().slice(0, 10) : birth ? String(birth) : null,
        String(row.getCell(col("Chi bộ")).value),
      ]);
    });
    return { name: ws.name, title: String(ws.getRow(1).getCell(1).value), lines };
  });
}

/** The whole list as GET /api/people shows it, page after page, in its order. */
async function listed(client: Client, query: string): Promise<Line[]> {
  const lines: Line[] = [];
  for (let page = 1; ; page++) {
    const res = await client.get(`/api/people?${query}&pageSize=200&page=${page}`);
    expect(res.status).toBe(200);
    for (const p of res.body.items) lines.push([p.fullName, p.birthDate, p.unitName]);
    if (res.body.items.length < 200) return lines;
  }
}

const jobCount = async (t: TestContext) =>
  (await t.database.db.select({ n: count() }).from(jobs).where(eq(jobs.kind, PEOPLE_EXPORT_JOB)))[0]?.n ?? 0;
const filesIn = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];

describe("people export: the direct download's limit and the background job", () => {
  // A small direct limit (P1 has ~170 people, a cell ~12) and small sheets, so that the rules show
  // on the demo tree.
  const LIMIT = 50;
  const SHEET_ROWS = 60;
  let t: TestContext;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "tg-export-"));
    t = await createTestContext({
      env: {
        EXPORT_DIRECT_MAX_ROWS: String(LIMIT),
        EXPORT_SHEET_MAX_ROWS: String(SHEET_ROWS),
        DATA_DIR: dataDir,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses a list above the limit with a clear 422 instead of a file cut short; below it, downloads it", async () => {
    const officer = await t.as("canbo.tinh1");
    const province = await officer.get("/api/people?pageSize=1");
    expect(province.body.total).toBeGreaterThan(LIMIT);
    const refused = await officer.get("/api/people/export");
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("EXPORT_TOO_LARGE");
    expect(refused.body.error.message).toMatch(/quá 50 dòng/);
    expect(refused.body.error.message).toMatch(/chạy nền/);
    expect(refused.body.error.details).toEqual({
      limit: LIMIT,
      total: province.body.total,
      totalIsEstimate: false,
    });

    const cell = `unitId=${t.demo.tree.cell1.id}`;
    const small = await officer.download(`/api/people/export?${cell}`);
    expect(small.status).toBe(200);
    const [sheet, ...more] = await sheetsOf(small.data);
    expect(more).toEqual([]);
    expect(sheet?.lines).toEqual(await listed(officer, cell));
  });

  it("answers 404 for a unit outside the caller's subtree", async () => {
    const officer = await t.as("canbo.tinh1");
    const res = await officer.get(`/api/people/export?unitId=${t.demo.tree.p2.id}`);
    expect(res.status).toBe(404);
  });

  it("exports a province as a job: a real .xlsx with every person in list order, continued on a second sheet past the sheet's rows, progress to 1", async () => {
    const officer = await t.as("canbo.tinh1");
    const expected = await listed(officer, "status=active");
    expect(expected.length).toBeGreaterThan(SHEET_ROWS);
    const started = await officer.post("/api/people/export-jobs", { status: "active" });
    expect(started.status).toBe(202);
    const { job, progress } = await officer.waitForJob(started.body.jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    expect(job.progress).toBe(1);
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1] ?? 0);
    expect(job.result).toMatchObject({
      rows: expected.length,
      url: `/api/people/export-jobs/${job.id}/file`,
    });

    const file = await officer.download(job.result.url);
    expect(file.status).toBe(200);
    expect(String(file.headers["content-type"])).toMatch(/spreadsheetml/);
    expect(String(file.headers["content-disposition"])).toContain(
      `filename*=UTF-8''${encodeURIComponent("Danh sách đảng viên - Tỉnh ủy Bắc Ninh - ")}`,
    );
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(Number(file.headers["content-length"])).toBe(file.data.length);
    const sheets = await sheetsOf(file.data);
    const pages = Math.ceil(expected.length / SHEET_ROWS);
    expect(sheets.map((s) => s.name)).toEqual(
      Array.from({ length: pages }, (_, i) => (i === 0 ? "Đảng viên" : `Đảng viên (${i + 1})`)),
    );
    expect(job.result.sheets).toEqual(sheets.map((s) => s.name));
    expect(sheets.map((s) => s.lines.length)).toEqual(
      Array.from({ length: pages }, (_, i) => Math.min(SHEET_ROWS, expected.length - i * SHEET_ROWS)),
    );
    expect(sheets.flatMap((s) => s.lines)).toEqual(expected);
    expect(sheets[0]?.title).toBe("DANH SÁCH ĐẢNG VIÊN – Tỉnh ủy Bắc Ninh");
    expect(sheets[1]?.title).toBe("DANH SÁCH ĐẢNG VIÊN – Tỉnh ủy Bắc Ninh (tiếp theo)");

    // The export is in the audit log, with what it held.
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "person"), eq(auditLog.action, "export")));
    expect(audit?.changes).toMatchObject({ rows: { after: expected.length }, status: { after: "active" } });
    // Nothing is left in the temporary folder.
    expect(filesIn(path.join(dataDir, "tmp"))).toEqual([]);
  });

  it("reports progress as the rows written over the list's total, up to 1", async () => {
    const officer = await t.as("canbo.tinh1");
    const me = (await officer.get("/api/auth/me")).body.user;
    const total = (await officer.get("/api/people?pageSize=1")).body.total;
    const p1 = t.demo.tree.p1;
    const actor: Actor = {
      userId: me.id,
      username: "canbo.tinh1",
      displayName: me.displayName,
      role: "officer",
      unitId: p1.id,
      unitName: p1.name,
      unitPath: p1.path,
      personId: null,
      mustChangePassword: false,
      locale: "vi",
      via: "session",
      sessionId: null,
      csrfToken: null,
    };
    const seen: number[] = [];
    const [job] = await t.database.db
      .insert(jobs)
      .values({ kind: PEOPLE_EXPORT_JOB, userId: me.id, status: "running" })
      .returning();
    const result = await exportPeopleToFile(
      t.app.deps,
      { actor, ip: null, requestId: null },
      {
        jobId: job?.id ?? "",
        actor,
        scope: { id: p1.id, name: p1.name, path: p1.path, depth: 1 },
        filters: {},
      },
      {
        async progress(value) {
          seen.push(value);
        },
      },
    );
    await t.database.db
      .update(jobs)
      .set({ status: "succeeded" })
      .where(eq(jobs.id, job?.id ?? ""));
    expect(result.rows).toBe(total);
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(20);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1] ?? 0);
    // Each report is the share written: the middle one is about half.
    const middle = seen[Math.floor((seen.length - 1) / 2)] ?? 0;
    expect(middle).toBeGreaterThan(0.4);
    expect(middle).toBeLessThan(0.6);
  });

  it("lets only the job's owner download the file", async () => {
    const officer = await t.as("canbo.tinh1");
    const started = await officer.post("/api/people/export-jobs", { unitId: t.demo.tree.cell1.id });
    const { job } = await officer.waitForJob(started.body.jobId);
    expect(job.status).toBe("succeeded");
    expect((await officer.download(job.result.url)).status).toBe(200);
    for (const other of ["lanhdao.tinh1", "admin", "canbo.tinh2"]) {
      const client = await t.as(other);
      const res = await client.download(job.result.url);
      expect(res.status, other).toBe(404);
      expect(res.data.toString()).not.toContain("Họ và tên");
      expect((await client.get(`/api/jobs/${job.id}`)).status, other).toBe(404);
    }
  });

  it("at the top of the tree, gives each province its own sheets, each in the province's list order", async () => {
    const admin = await t.as("admin");
    const started = await admin.post("/api/people/export-jobs", {});
    expect(started.status).toBe(202);
    const { job } = await admin.waitForJob(started.body.jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    const sheets = await sheetsOf((await admin.download(job.result.url)).data);
    const byProvince = new Map<string, Line[]>();
    for (const s of sheets) {
      const province = s.name.replace(/ \(\d+\)$/, "");
      byProvince.set(province, [...(byProvince.get(province) ?? []), ...s.lines]);
    }
    // Only the two detailed provinces hold people in the demo tree; the others have no sheet.
    expect([...byProvince.keys()]).toEqual([t.demo.tree.p1.name, t.demo.tree.p2.name]);
    expect(byProvince.get(t.demo.tree.p1.name)).toEqual(await listed(admin, `unitId=${t.demo.tree.p1.id}`));
    expect(byProvince.get(t.demo.tree.p2.name)).toEqual(await listed(admin, `unitId=${t.demo.tree.p2.id}`));
    const total = (await admin.get("/api/people?pageSize=1")).body.total;
    expect(job.result.rows).toBe(total);
    expect(sheets.map((s) => s.name)).toContain(`${t.demo.tree.p1.name} (2)`);
  });

  it("refuses a unit outside the caller's subtree (422 naming body.unitId), starting and writing nothing", async () => {
    const officer = await t.as("canbo.tinh1");
    const jobsBefore = await jobCount(t);
    const filesBefore = filesIn(path.join(dataDir, "files"));
    const auditsBefore = (await t.database.db.select({ n: count() }).from(auditLog))[0]?.n;
    for (const unitId of [t.demo.tree.p2.id, t.demo.tree.root.id]) {
      const res = await officer.post("/api/people/export-jobs", { unitId });
      expect(res.status).toBe(422);
      expect(res.body.error.details).toEqual([{ path: "body.unitId", message: "out_of_scope" }]);
    }
    expect(await jobCount(t)).toBe(jobsBefore);
    expect(filesIn(path.join(dataDir, "files"))).toEqual(filesBefore);
    expect((await t.database.db.select({ n: count() }).from(auditLog))[0]?.n).toBe(auditsBefore);
  });

  it("runs one export at a time per user (409 naming the running job)", async () => {
    const officer = await t.as("canbo.coso");
    const me = (await officer.get("/api/auth/me")).body;
    const [running] = await t.database.db
      .insert(jobs)
      .values({ kind: PEOPLE_EXPORT_JOB, userId: me.user.id, status: "running" })
      .returning();
    const res = await officer.post("/api/people/export-jobs", {});
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ jobId: running?.id });
    await t.database.db
      .update(jobs)
      .set({ status: "failed" })
      .where(eq(jobs.id, running?.id ?? ""));
    expect((await officer.post("/api/people/export-jobs", {})).status).toBe(202);
  });

  it("keeps a user's last 3 exports: an older file is removed with its bytes and answers 404", async () => {
    const officer = await t.as("bithu.chibo1");
    const done: { id: string; result: { url: string; fileId: string } }[] = [];
    for (let i = 0; i < 4; i++) {
      const started = await officer.post("/api/people/export-jobs", {});
      expect(started.status).toBe(202);
      done.push((await officer.waitForJob(started.body.jobId)).job);
    }
    const first = done[0];
    const res = await officer.get(first?.result.url ?? "");
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/3 tệp gần nhất/);
    const rows = await t.database.db
      .select({ id: storedFiles.id })
      .from(storedFiles)
      .where(sql`${storedFiles.ownerId} in ${done.map((j) => j.id)}`);
    expect(rows.map((r) => r.id).sort()).toEqual(
      done
        .slice(1)
        .map((j) => j.result.fileId)
        .sort(),
    );
    for (const job of done.slice(1)) expect((await officer.download(job.result.url)).status).toBe(200);
    expect(
      filesIn(path.join(dataDir, "files")).some((name) => name.startsWith(first?.result.fileId ?? "-")),
    ).toBe(false);
  });
});

describe("people export: a list whose total is an estimate", () => {
  // A cell of 10,200 more people: the list counts to 10,000, then estimates; the direct export's
  // decision probes the row past its limit instead of trusting the estimate.
  const LIMIT = 10_300;
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { EXPORT_DIRECT_MAX_ROWS: String(LIMIT) } });
    await t.database.db.execute(sql`
      insert into people (id, full_name, sort_key, search_text, unit_id, status)
      select gen_random_uuid(), 'Nguyễn Văn Thêm ' || i, 'them ' || lpad(i::text, 6, '0'),
             'nguyen van them ' || i, ${t.demo.tree.cell1.id}::uuid, 'active'
      from generate_series(1, 10200) as i`);
  }, 120_000);
  afterAll(() => t.close());

  it("downloads a list of an estimated total below the limit whole, and refuses one above it", async () => {
    const officer = await t.as("canbo.tinh1");
    const cell = await officer.get(`/api/people?unitId=${t.demo.tree.cell1.id}&pageSize=1`);
    expect(cell.body.totalIsEstimate).toBe(true);
    const province = await officer.get("/api/people?pageSize=1");
    expect(province.body.totalIsEstimate).toBe(true);

    const res = await officer.download(`/api/people/export?unitId=${t.demo.tree.cell1.id}`);
    expect(res.status).toBe(200);
    const [sheet] = await sheetsOf(res.data);
    const [{ n } = { n: 0 }] = await t.database.db
      .select({ n: count() })
      .from(sql`people`)
      .where(sql`unit_id = ${t.demo.tree.cell1.id}::uuid`);
    expect(n).toBeLessThanOrEqual(LIMIT);
    expect(sheet?.lines.length).toBe(n);
    const ordered = (await t.database.db.execute(
      sql`select full_name from people where unit_id = ${t.demo.tree.cell1.id}::uuid order by sort_key, id`,
    )) as unknown as { rows: { full_name: string }[] };
    expect(sheet?.lines.map((l) => l[0])).toEqual(ordered.rows.map((r) => r.full_name));

    const refused = await officer.get("/api/people/export");
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("EXPORT_TOO_LARGE");
    expect(refused.body.error.details).toMatchObject({ limit: LIMIT, totalIsEstimate: true });
  }, 120_000);
});
