import { count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { readTable } from "../../lib/spreadsheet.ts";
import { people } from "./schema.ts";
import { personExportColumns } from "./sheet.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const peopleCount = async () => (await t.database.db.select({ n: count() }).from(people))[0]?.n ?? 0;

/** A sheet as officers make them: a title row, headers, dates in several shapes. */
async function sheet(rows: (string | number | Date | null)[][]) {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("DS");
  ws.addRow(["DANH SÁCH ĐẢNG VIÊN CHI BỘ VĂN PHÒNG"]);
  ws.addRow(["Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng", "Mã chi bộ"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const goodRow = (i: number, code: string) => [
  `Nguyễn Văn Thử ${i}`,
  i % 2 ? "Nam" : "Nữ",
  "15/03/1985",
  40_000 + (i % 2000),
  code,
];

describe("people import", () => {
  it("a dry run answers the row count and stores nothing", async () => {
    const officer = await t.as("canbo.coso");
    const before = await peopleCount();
    const file = await sheet([
      goodRow(1, t.demo.tree.cell1.code ?? ""),
      ["Trần Thị Mai", "nữ", new Date(Date.UTC(1990, 4, 2)), "02/09/2015", ""],
    ]);
    const res = await officer.upload(
      `/api/imports/people?dryRun=true&unitId=${t.demo.tree.cell2.id}`,
      "ds.xlsx",
      file,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rows: 2 });
    expect(await peopleCount()).toBe(before);
  });

  it("one bad row among 10,000 imports nothing and names the row and the column", async () => {
    const officer = await t.as("canbo.coso");
    const code = t.demo.tree.cell1.code ?? "";
    const rows = Array.from({ length: 10_000 }, (_, i) => goodRow(i, code));
    rows[4_321] = ["Lê Văn Sai", "Nam", "31/02/1990", "01/01/2010", code];
    const before = await peopleCount();
    const dry = await officer.upload("/api/imports/people?dryRun=true", "ds.xlsx", await sheet(rows));
    expect(dry.status).toBe(422);
    expect(dry.body.error.code).toBe("IMPORT_INVALID");
    // Row 4,321 of the data is sheet row 4,324: a title row, a header row, 1-based.
    expect(dry.body.error.details.rows).toEqual([
      { row: 4_324, column: "Ngày sinh", message: expect.stringMatching(/31\/02\/1990/) },
    ]);

    const job = await officer.upload("/api/imports/people", "ds.xlsx", await sheet(rows));
    expect(job.status).toBe(202);
    const { job: done } = await officer.waitForJob(job.body.jobId);
    expect(done.status).toBe("failed");
    expect(done.error.code).toBe("IMPORT_INVALID");
    expect(done.error.details.rows[0].row).toBe(4_324);
    expect(await peopleCount()).toBe(before);
  });

  it("reports every problem of a row at once: each bad cell, and the row's other checks", async () => {
    const officer = await t.as("canbo.coso");
    const code = t.demo.tree.cell1.code ?? "";
    const before = await peopleCount();
    const res = await officer.upload(
      "/api/imports/people?dryRun=true",
      "ds.xlsx",
      await sheet([
        goodRow(1, code),
        // Two bad cells: both reported.
        ["Lê Văn Hai", "Nam", "31/02/1990", "32/13/2010", code],
        // A bad cell, and a unit that does not exist: both reported (no second round).
        ["Phạm Thị Ba", "Không rõ", "01/01/1990", "01/01/2010", "KHONG-CO"],
        // A missing name, and dates out of order.
        [null, "Nữ", "01/01/1990", "01/01/1980", code],
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details.rows).toEqual([
      { row: 4, column: "Ngày sinh", message: expect.stringMatching(/31\/02\/1990/) },
      { row: 4, column: "Ngày vào Đảng", message: expect.stringMatching(/32\/13\/2010/) },
      { row: 5, column: "Giới tính", message: expect.stringMatching(/^Giá trị không hợp lệ: Không rõ/) },
      {
        row: 5,
        column: "Mã chi bộ",
        message: 'Không tìm thấy đơn vị có mã "KHONG-CO" trong phạm vi của bạn',
      },
      { row: 6, column: "Họ và tên", message: "Thiếu Họ và tên" },
      { row: 6, column: "Ngày vào Đảng", message: "Ngày vào Đảng trước ngày sinh" },
    ]);
    expect(await peopleCount()).toBe(before);
  });

  it("refuses rows whose unit lies outside the caller's scope", async () => {
    const officer = await t.as("canbo.coso");
    const p2Cell = (await (await t.as("canbo.tinh2")).get("/api/units?q=chi bo&pageSize=1")).body.items[0];
    const res = await officer.upload(
      "/api/imports/people?dryRun=true",
      "ds.xlsx",
      await sheet([goodRow(1, p2Cell.code)]),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details.rows[0]).toMatchObject({ row: 3, column: "Mã chi bộ" });
    const secretary = await t.as("dangvien1");
    expect(
      (await secretary.upload("/api/imports/people?dryRun=true", "ds.xlsx", await sheet([goodRow(1, "")])))
        .status,
    ).toBe(403);
  });

  it("50,000 good rows: the job reports progress and stores every row; figures follow", async () => {
    const officer = await t.as("canbo.tinh1");
    const code = t.demo.tree.cell2.code ?? "";
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const statsBefore = (
      await officer.get(`/api/units/${t.demo.tree.p1.id}/stats?from=2026-01-01&to=${today}`)
    ).body.metrics;
    const before = await peopleCount();
    const rows = Array.from({ length: 50_000 }, (_, i) => goodRow(i, code));
    const started = Date.now();
    const res = await officer.upload("/api/imports/people", "ds.xlsx", await sheet(rows));
    expect(res.status).toBe(202);
    const { job, progress } = await officer.waitForJob(res.body.jobId, 600_000);
    console.log(
      `50,000-row import (${t.database.kind}): ${Date.now() - started} ms, progress seen: ${[...new Set(progress)].slice(0, 8).join(", ")}…`,
    );
    expect(job).toMatchObject({ status: "succeeded", progress: 1, result: { imported: 50_000 } });
    expect(
      progress.some((p) => p > 0 && p < 1),
      "an intermediate progress value",
    ).toBe(true);
    expect(await peopleCount()).toBe(before + 50_000);
    const statsAfter = (
      await officer.get(`/api/units/${t.demo.tree.p1.id}/stats?from=2026-01-01&to=${today}`)
    ).body.metrics;
    expect(statsAfter["people.active"]).toBe(statsBefore["people.active"] + 50_000);
    const [sample] = await t.database.db
      .select()
      .from(people)
      .where(eq(people.fullName, "Nguyễn Văn Thử 4999"));
    expect(sample).toMatchObject({ gender: "male", birthDate: "1985-03-15", unitId: t.demo.tree.cell2.id });
  }, 600_000);

  it("the template and the export are real .xlsx files with the sheet's columns", async () => {
    const officer = await t.as("canbo.xa");
    const template = await officer.download("/api/imports/people/template");
    expect(template.status).toBe(200);
    expect(String(template.headers["content-type"])).toMatch(/spreadsheetml/);
    const exported = await officer.download(`/api/people/export?unitId=${t.demo.tree.cell1.id}`);
    expect(exported.status).toBe(200);
    const back = await readTable(exported.data, "x.xlsx", personExportColumns);
    const listed = await officer.get(`/api/people?unitId=${t.demo.tree.cell1.id}&pageSize=1`);
    expect(back.errors).toEqual([]);
    expect(back.rows.length).toBe(listed.body.total);
  });
});
