import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { vnToday } from "../../lib/dates.ts";
import { readTable } from "../../lib/spreadsheet.ts";
import { practiceExportColumns, practiceImportColumns } from "./sheet.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const csv = (rows: string[][]) =>
  Buffer.from(
    [practiceImportColumns.map((c) => c.header), ...rows]
      .map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(","))
      .join("\n"),
  );
/** A row in the template's column order. */
const row = (v: Partial<Record<(typeof practiceImportColumns)[number]["key"], string>>) =>
  practiceImportColumns.map((c) => v[c.key] ?? "");

describe("models recorded on paper, imported from a sheet", () => {
  it("reports every problem of every row at once and stores nothing", async () => {
    const { cell1, p2 } = t.demo.tree;
    const officer = await t.as("canbo.tinh1");
    const bad = csv([
      row({ title: "Mô hình tốt", unitCode: "KHONG-CO", field: "Kinh tế lạ" }), // two bad cells
      row({
        title: "Cách làm cá nhân",
        kind: "Cá nhân",
        unitCode: cell1.code ?? "",
        field: "Phát triển kinh tế",
      }),
      row({ title: "Đã công nhận", unitCode: cell1.code ?? "", field: "economy", status: "Đã công nhận" }),
      row({
        title: "Công nhận sai cấp",
        unitCode: cell1.code ?? "",
        field: "economy",
        status: "Đã công nhận",
        recognisedUnitCode: p2.code ?? "",
        recognisedOn: "01/02/2020",
      }),
      row({ title: "Ngày hỏng", unitCode: cell1.code ?? "", field: "economy", startedOn: "31/02/2020" }),
    ]);
    const res = await officer.upload("/api/imports/practices?dryRun=true", "mo-hinh.csv", bad);
    expect(res.status).toBe(422);
    const rows = res.body.error.details.rows as { row: number; column: string; message: string }[];
    expect(
      rows
        .filter((r) => r.row === 2)
        .map((r) => r.column)
        .sort(),
    ).toEqual(["Lĩnh vực", "Mã đơn vị"]);
    expect(rows.find((r) => r.row === 3)?.column).toBe("Họ và tên (cách làm cá nhân)");
    expect(
      rows
        .filter((r) => r.row === 4)
        .map((r) => r.column)
        .sort(),
    ).toEqual(["Mã đơn vị công nhận", "Ngày công nhận"]);
    expect(rows.find((r) => r.row === 5)?.message).toMatch(/cấp trên/);
    expect(rows.find((r) => r.row === 6)?.column).toBe("Ngày bắt đầu");
    const job = await officer.upload("/api/imports/practices", "mo-hinh.csv", bad);
    expect(job.status).toBe(202);
    const done = await officer.waitForJob(job.body.jobId);
    expect(done.job.status).toBe("failed");
    expect((await officer.get("/api/practices?q=cong%20nhan%20sai%20cap")).body.total).toBe(0);
  });

  it("imports good rows as one job; recognised ones count in the figures and are shared; the list exports with the same columns", async () => {
    const { cell1, commune } = t.demo.tree;
    const officer = await t.as("canbo.xa");
    const year = vnToday().slice(0, 4);
    const stats = async () =>
      (await officer.get(`/api/units/${commune.id}/stats?from=2019-01-01&to=${vnToday()}`)).body
        .metrics as Record<string, number>;
    const before = await stats();
    const good = csv([
      row({
        title: "Mô hình “Nhà sạch, vườn đẹp” (sổ 2019)",
        unitCode: cell1.code ?? "",
        field: "Bảo vệ môi trường",
        startedOn: "02/01/2019",
        registeredOn: "02/01/2019",
        summary: "Ghi từ sổ theo dõi năm 2019.",
        status: "Đã công nhận",
        recognisedUnitCode: commune.code ?? "",
        recognisedOn: "20/12/2019",
        isPublic: "Có",
      }),
      row({
        title: "Cách làm “Giờ học Bác”",
        unitCode: cell1.code ?? "",
        field: "party_building",
        registeredOn: `05/03/${year}`,
      }),
    ]);
    expect((await officer.upload("/api/imports/practices?dryRun=true", "mo-hinh.csv", good)).body).toEqual({
      rows: 2,
    });
    const job = await officer.upload("/api/imports/practices", "mo-hinh.csv", good);
    const done = await officer.waitForJob(job.body.jobId);
    expect(done.job).toMatchObject({ status: "succeeded", result: { imported: 2 } });
    const after = await stats();
    expect(after["practices.recognised"]).toBe((before["practices.recognised"] ?? 0) + 1);
    expect(after["practices.level.commune"]).toBe((before["practices.level.commune"] ?? 0) + 1);
    expect(after["practices.registered"]).toBe((before["practices.registered"] ?? 0) + 2);
    // Shared with the sibling province once recognised; on the public showcase.
    const p2 = await t.as("canbo.tinh2");
    expect((await p2.get("/api/practices?q=nha%20sach%20vuon%20dep")).body.total).toBe(1);
    expect((await t.anonymous().get("/api/public/practices?q=nha sach")).body.total).toBe(1);

    const exported = await officer.download("/api/practices/export?scope=mine&sort=title");
    expect(exported.status).toBe(200);
    const table = await readTable(exported.data, "x.xlsx", practiceExportColumns);
    const list = await officer.get("/api/practices?scope=mine&sort=title&pageSize=200");
    expect(table.errors).toEqual([]);
    expect(table.rows.map((r) => r.values.title)).toEqual(
      list.body.items.map((p: { title: string }) => p.title),
    );
  });

  it("refuses a member (403) and anonymous callers (401)", async () => {
    const file = csv([row({ title: "x", unitCode: "y", field: "economy" })]);
    expect((await t.anonymous().upload("/api/imports/practices?dryRun=true", "a.csv", file)).status).toBe(
      401,
    );
    expect(
      (await (await t.as("dangvien1")).upload("/api/imports/practices?dryRun=true", "a.csv", file)).status,
    ).toBe(403);
  });
});
