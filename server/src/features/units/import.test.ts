import { and, count, eq, inArray, like } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childCountMismatches } from "../../../test/child-counts.ts";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { unitStats } from "../../../test/stats.ts";
import { auditLog } from "../../lib/audit-log.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { readTable } from "../../lib/spreadsheet.ts";
import { users } from "../users/schema.ts";
import { importUnits, prepareUnitImport } from "./commands/import-units.ts";
import { unitEvents, unitKinds, units } from "./schema.ts";
import { unitColumns } from "./sheet.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const unitCount = async () => (await t.database.db.select({ n: count() }).from(units))[0]?.n ?? 0;
const byCode = async (code: string) =>
  (await t.database.db.select().from(units).where(eq(units.code, code)))[0] ?? null;

type Cell = string | number | Date | null;
/** The headers as officers type them: some without diacritics, one decomposed (NFD), odd spacing. */
const HEADERS = [
  "STT",
  "Mã đơn vị",
  "TEN DON VI",
  "Tên viết tắt",
  "Loại đơn vị".normalize("NFD"),
  " Mã đơn vị cấp trên ",
  "Mã địa bàn hành chính",
  "Ký hiệu văn bản",
  "Ngày thành lập (dd/mm/yyyy)",
  "Điện thoại",
  "Email",
  "Địa chỉ",
];
/** One row: code, name, kind, parent code, then the optional cells. */
const unitRow = (
  code: string,
  name: string,
  kind: string | null,
  parentCode: string | null,
  extra: {
    shortName?: string;
    area?: string;
    doc?: string;
    from?: Cell;
    phone?: string;
    email?: string;
    address?: string;
  } = {},
): Cell[] => [
  null,
  code,
  name,
  extra.shortName ?? null,
  kind,
  parentCode,
  extra.area ?? null,
  extra.doc ?? null,
  extra.from ?? null,
  extra.phone ?? null,
  extra.email ?? null,
  extra.address ?? null,
];

async function sheet(rows: Cell[][]) {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("DS");
  ws.addRow(["DANH SÁCH TỔ CHỨC ĐẢNG TRỰC THUỘC"]);
  ws.addRow(HEADERS);
  rows.forEach((r, i) => {
    r[0] = i + 1;
    ws.addRow(r);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const today = () => vnToday();
const stats = async (unitId: string) => unitStats(await t.as("canbo.tinh1"), unitId, "2026-01-01", today());

describe("POST /api/imports/units: who may", () => {
  it("refuses anonymous callers (401), members, secretaries and leaders (403)", async () => {
    const file = await sheet([unitRow("X-1", "Chi bộ Thử", "Chi bộ", t.demo.tree.grassroots.code)]);
    expect((await t.anonymous().upload("/api/imports/units?dryRun=true", "ds.xlsx", file)).status).toBe(401);
    for (const username of ["dangvien1", "bithu.chibo1", "lanhdao.tinh1"]) {
      const caller = await t.as(username);
      const res = await caller.upload("/api/imports/units?dryRun=true", "ds.xlsx", file);
      expect(res.status, username).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
      expect((await caller.upload("/api/imports/units", "ds.xlsx", file)).status, username).toBe(403);
    }
  });

  it("refuses a default parent outside the caller's subtree (422) without naming it", async () => {
    const officer = await t.as("canbo.tinh2");
    const file = await sheet([unitRow("X-2", "Chi bộ Thử", "Chi bộ", null)]);
    const res = await officer.upload(
      `/api/imports/units?dryRun=true&parentId=${t.demo.tree.grassroots.id}`,
      "ds.xlsx",
      file,
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: "RULE_VIOLATION",
      details: [{ path: "querystring.parentId", message: "out_of_scope" }],
    });
    expect(JSON.stringify(res.body)).not.toContain(t.demo.tree.grassroots.name);
  });

  it("reports a parent code outside the subtree as unknown, never naming that unit", async () => {
    // The commune officer's parent code is a sibling province's unit; the grassroots officer's,
    // the commune above them (an ancestor is outside one's own subtree too).
    const p2 = await t.as("canbo.tinh2");
    const p1Cell = t.demo.tree.cell1;
    const fromP2 = await p2.upload(
      "/api/imports/units?dryRun=true",
      "ds.xlsx",
      await sheet([unitRow("X-3", "Chi bộ Thử", "Chi bộ", p1Cell.code)]),
    );
    expect(fromP2.status).toBe(422);
    expect(fromP2.body.error.code).toBe("IMPORT_INVALID");
    expect(fromP2.body.error.details.rows).toEqual([
      {
        row: 3,
        column: "Mã đơn vị cấp trên",
        message: `Không tìm thấy đơn vị cấp trên có mã "${p1Cell.code}" trong tệp hay trong phạm vi của bạn`,
      },
    ]);
    expect(JSON.stringify(fromP2.body)).not.toContain(p1Cell.name);

    const grassroots = await t.as("canbo.coso");
    const up = await grassroots.upload(
      "/api/imports/units?dryRun=true",
      "ds.xlsx",
      await sheet([unitRow("X-4", "Đảng bộ Thử", "Đảng bộ cơ sở", t.demo.tree.commune.code)]),
    );
    expect(up.status).toBe(422);
    expect(up.body.error.details.rows[0].message).toMatch(/Không tìm thấy đơn vị cấp trên/);
    expect(await byCode("X-3")).toBeNull();
  });
});

describe("POST /api/imports/units: checking", () => {
  it("reports every problem of every row at once, and stores nothing", async () => {
    const officer = await t.as("canbo.tinh1");
    const g = t.demo.tree.grassroots.code ?? "";
    const p2Code = t.demo.tree.p2.code ?? "";
    const before = await unitCount();
    const rows = [
      /* 3 */ unitRow("E-1", "Chi bộ Một", "Chi bộ", g),
      /* 4 */ unitRow("E-1", "Chi bộ Trùng mã", "Chi bộ", g),
      /* 5 */ unitRow(t.demo.tree.cell1.code ?? "", "Chi bộ Mã đã có", "Chi bộ", g),
      /* 6 */ unitRow("E-6", "Chi bộ Lạ", "Tổ dân phố", "KHONG-CO"),
      /* 7 */ unitRow("E-7", "Chi bộ Ngoài phạm vi", "Chi bộ", p2Code),
      /* 8 */ unitRow("E-8", "Vòng A", "Chi bộ", "E-9"),
      /* 9 */ unitRow("E-9", "Vòng B", "Chi bộ", "E-8"),
      /* 10 */ unitRow("E-10", "Tự làm cấp trên", "Chi bộ", "E-10"),
      /* 11: two bad cells on one row, and a bad e-mail */
      unitRow("E-11", "Hai lỗi", "Chi bộ", g, { from: "31/02/2020", area: "12345678901", email: "sai@" }),
      /* 12 */ unitRow("E-12", "", "Chi bộ", g),
      /* 13: a good unit under a unit of the file that has problems: nothing to report of its own */
      unitRow("E-13", "Chi bộ Con", "Chi bộ", "E-6"),
      /* 14 */ unitRow("E-14", "Chi bộ Địa bàn lạ", "Chi bộ", g, { area: "00000" }),
    ];
    const res = await officer.upload("/api/imports/units?dryRun=true", "ds.xlsx", await sheet(rows));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("IMPORT_INVALID");
    const parent = "Mã đơn vị cấp trên";
    expect(res.body.error.details.rows).toEqual([
      { row: 4, column: "Mã đơn vị", message: 'Mã đơn vị "E-1" trùng với dòng 3' },
      {
        row: 5,
        column: "Mã đơn vị",
        message: `Mã đơn vị "${t.demo.tree.cell1.code}" đã được dùng cho đơn vị "${t.demo.tree.cell1.name}"`,
      },
      {
        row: 6,
        column: "Loại đơn vị",
        message: expect.stringMatching(/^Loại đơn vị không có: Tổ dân phố \(chấp nhận: .*Chi bộ/),
      },
      {
        row: 6,
        column: parent,
        message: 'Không tìm thấy đơn vị cấp trên có mã "KHONG-CO" trong tệp hay trong phạm vi của bạn',
      },
      {
        row: 7,
        column: parent,
        message: `Không tìm thấy đơn vị cấp trên có mã "${p2Code}" trong tệp hay trong phạm vi của bạn`,
      },
      { row: 8, column: parent, message: "Các đơn vị là cấp trên của nhau: E-8 → E-9 → E-8" },
      { row: 9, column: parent, message: "Các đơn vị là cấp trên của nhau: E-8 → E-9 → E-8" },
      { row: 10, column: parent, message: "Đơn vị không thể là cấp trên của chính nó" },
      { row: 11, column: "Mã địa bàn hành chính", message: "Quá dài: 11 ký tự (tối đa 10)" },
      { row: 11, column: "Ngày thành lập (dd/mm/yyyy)", message: expect.stringMatching(/31\/02\/2020/) },
      { row: 11, column: "Email", message: "Email không hợp lệ" },
      { row: 12, column: "TEN DON VI", message: "Thiếu Tên đơn vị" },
      {
        row: 14,
        column: "Mã địa bàn hành chính",
        message:
          'Mã địa bàn hành chính "00000" không có trong danh mục 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu',
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(t.demo.tree.p2.name);

    const job = await officer.upload("/api/imports/units", "ds.xlsx", await sheet(rows));
    expect(job.status).toBe(202);
    const { job: done } = await officer.waitForJob(job.body.jobId);
    expect(done.status).toBe("failed");
    expect(done.error.code).toBe("IMPORT_INVALID");
    expect(done.error.details.rows).toHaveLength(13);
    expect(await unitCount()).toBe(before);
  });

  it("a dry run answers the row count and stores nothing", async () => {
    const officer = await t.as("canbo.xa");
    const before = await unitCount();
    const res = await officer.upload(
      `/api/imports/units?dryRun=true&parentId=${t.demo.tree.commune.id}`,
      "ds.xlsx",
      await sheet([
        unitRow("D-2", "Chi bộ Hai", "cell", "D-1"),
        unitRow("D-1", "Đảng bộ Một", "grassroots", null),
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rows: 2 });
    expect(await unitCount()).toBe(before);
  });
});

describe("POST /api/imports/units: storing", () => {
  it("stores every unit like the form does, children listed before their parents; figures follow", async () => {
    const officer = await t.as("canbo.xa");
    const commune = t.demo.tree.commune;
    const statsBefore = await stats(commune.id);
    const nfd = (s: string) => s.normalize("NFD");
    const rows = [
      unitRow("S-1-1", nfd("Chi bộ  Thôn Đông"), "Chi bộ", "S-1", {
        from: 45_839, // 01/07/2025 as an Excel serial
        email: "ChiBo.Dong@Example.vn",
        phone: "0222 3856 789",
        address: "Thôn Đông, xã Thử",
      }),
      unitRow("S-1", "Đảng bộ Hợp tác xã Nông nghiệp", nfd("Đảng bộ cơ sở"), commune.code, {
        shortName: "ĐB HTX",
        area: commune.adminAreaCode ?? "",
        doc: "ĐU",
        from: "15/08/2025",
      }),
      unitRow("S-1-2", "Chi bộ Thôn Tây", "cell", "S-1"),
      unitRow("S-2", "Đảng ủy Khối Thử", "Đảng ủy khối", null, { doc: "ĐU" }),
    ];
    const before = await unitCount();
    const res = await officer.upload(
      `/api/imports/units?parentId=${commune.id}`,
      "ds.xlsx",
      await sheet(rows),
    );
    expect(res.status).toBe(202);
    const { job, progress } = await officer.waitForJob(res.body.jobId);
    expect(job).toMatchObject({ status: "succeeded", progress: 1, result: { imported: 4 } });
    expect(progress.at(-1)).toBe(1);
    expect(await unitCount()).toBe(before + 4);

    const grassroots = await byCode("S-1");
    const cell = await byCode("S-1-1");
    const bloc = await byCode("S-2");
    const [cellKind] = await t.database.db.select().from(unitKinds).where(eq(unitKinds.code, "cell"));
    expect(grassroots).toMatchObject({
      parentId: commune.id,
      path: `${commune.path}${grassroots?.id}/`,
      depth: commune.depth + 1,
      shortName: "ĐB HTX",
      adminAreaCode: commune.adminAreaCode,
      documentCode: "ĐU",
      activeFrom: "2025-08-15",
      status: "active",
      searchText: "dang bo hop tac xa nong nghiep db htx s 1",
    });
    expect(cell).toMatchObject({
      name: "Chi bộ Thôn Đông",
      parentId: grassroots?.id,
      path: `${grassroots?.path}${cell?.id}/`,
      depth: commune.depth + 2,
      kindId: cellKind?.id,
      activeFrom: "2025-07-01",
      contact: { phone: "0222 3856 789", email: "chibo.dong@example.vn", address: "Thôn Đông, xã Thử" },
    });
    expect(cell?.sortKey).toBeTruthy();
    expect(bloc).toMatchObject({ parentId: commune.id, documentCode: "ĐU", activeFrom: null });

    // History and audit, as for a unit made with the form.
    const imported = [grassroots, cell, bloc].map((u) => u?.id ?? "");
    const events = await t.database.db.select().from(unitEvents).where(inArray(unitEvents.unitId, imported));
    expect(events.map((e) => e.kind)).toEqual(["created", "created", "created"]);
    expect(events.find((e) => e.unitId === cell?.id)?.on).toBe("2025-07-01");
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "unit"), inArray(auditLog.entityId, imported)));
    expect(audits.map((a) => a.action)).toEqual(["create", "create", "create"]);
    expect(audits[0]?.actorUsername).toBe("canbo.xa");
    const [summary] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "unit"), eq(auditLog.action, "import")));
    expect(summary?.changes).toEqual({ count: { before: null, after: 4 } });

    // The readable tree lists them, and the commune's figures count them.
    const children = await officer.get(`/api/units/${grassroots?.id}/children`);
    expect(children.body.items.map((u: { code: string }) => u.code).sort()).toEqual(["S-1-1", "S-1-2"]);
    const statsAfter = await stats(commune.id);
    expect(statsAfter["units.total"]).toBe((statsBefore["units.total"] ?? 0) + 4);
    expect(statsAfter["units.kind.cell"]).toBe((statsBefore["units.kind.cell"] ?? 0) + 2);
    expect(statsAfter["units.kind.grassroots"]).toBe((statsBefore["units.kind.grassroots"] ?? 0) + 1);
  });

  it("reads a CSV file too", async () => {
    const officer = await t.as("canbo.coso");
    const g = t.demo.tree.grassroots;
    const csv = `\uFEFFMa don vi;Ten don vi;Loai don vi;Ma don vi cap tren;Ngay thanh lap\r\nC-1;Chi bộ Thôn Bắc;Chi bộ;${g.code};02/09/2025\r\n`;
    const res = await officer.upload("/api/imports/units", "ds.csv", Buffer.from(csv));
    expect(res.status).toBe(202);
    expect((await officer.waitForJob(res.body.jobId)).job.status).toBe("succeeded");
    expect(await byCode("C-1")).toMatchObject({
      parentId: g.id,
      name: "Chi bộ Thôn Bắc",
      activeFrom: "2025-09-02",
    });
  });

  it("5,000 units in one file, cells listed before their organisations: all stored, figures once", async () => {
    const officer = await t.as("canbo.tinh1");
    const commune = t.demo.tree.commune;
    const groups = 50;
    const cellsPer = 99;
    const rows: Cell[][] = [];
    for (let g = 0; g < groups; g++) {
      for (let c = 0; c < cellsPer; c++)
        rows.push(unitRow(`B-${g}-${c}`, `Chi bộ số ${c + 1} khối ${g + 1}`, "Chi bộ", `B-${g}`));
    }
    for (let g = 0; g < groups; g++)
      rows.push(unitRow(`B-${g}`, `Đảng bộ cơ sở số ${g + 1}`, "Đảng bộ cơ sở", commune.code));
    expect(rows).toHaveLength(5000);
    const statsBefore = await stats(t.demo.tree.p1.id);
    const before = await unitCount();
    const started = Date.now();
    const res = await officer.upload("/api/imports/units", "ds.xlsx", await sheet(rows));
    expect(res.status).toBe(202);
    const { job, progress } = await officer.waitForJob(res.body.jobId, 300_000);
    console.log(
      `5,000-unit import (${t.database.kind}): ${Date.now() - started} ms, progress seen: ${[...new Set(progress)].slice(0, 8).join(", ")}…`,
    );
    expect(job).toMatchObject({ status: "succeeded", result: { imported: 5000 } });
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    expect(await unitCount()).toBe(before + 5000);
    const [below] = await t.database.db
      .select({ n: count() })
      .from(units)
      .where(and(like(units.path, `${commune.path}%`), like(units.code, "B-%")));
    expect(below?.n).toBe(5000);
    const cell = await byCode("B-49-98");
    const parent = await byCode("B-49");
    expect(cell).toMatchObject({
      parentId: parent?.id,
      depth: commune.depth + 2,
      path: `${parent?.path}${cell?.id}/`,
    });
    const statsAfter = await stats(t.demo.tree.p1.id);
    expect(statsAfter["units.total"]).toBe((statsBefore["units.total"] ?? 0) + 5000);
    expect(statsAfter["units.kind.cell"]).toBe((statsBefore["units.kind.cell"] ?? 0) + 4950);
  }, 300_000);

  it("a parent closed between the check and the storing fails the import, storing nothing", async () => {
    const officer = await t.as("canbo.xa");
    const made = await officer.post("/api/units", {
      parentId: t.demo.tree.commune.id,
      name: "Đảng bộ sắp giải thể",
      code: "R-0",
    });
    expect(made.status).toBe(201);
    const [account] = await t.database.db.select().from(users).where(eq(users.username, "canbo.xa"));
    const commune = t.demo.tree.commune;
    if (!account) throw new Error("no account");
    const actor: Actor = {
      userId: account.id,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      unitId: commune.id,
      unitName: commune.name,
      unitPath: commune.path,
      personId: null,
      mustChangePassword: false,
      locale: "vi",
      via: "session",
      sessionId: null,
      csrfToken: null,
    };
    const file = {
      data: await sheet([unitRow("R-1", "Chi bộ Muộn", "Chi bộ", "R-0")]),
      filename: "ds.xlsx",
    };
    const prepared = await prepareUnitImport(t.database.db, actor, file, null);
    expect(prepared.units).toHaveLength(1);
    const closed = await officer.post(`/api/units/${made.body.unit.id}/dissolve`, { on: "2026-01-01" });
    expect(closed.status).toBe(200);
    const ctx = { actor, ip: null, requestId: null };
    await expect(importUnits({ db: t.database.db, ctx, prepared })).rejects.toMatchObject({
      code: "IMPORT_INVALID",
      details: {
        rows: [
          {
            row: 3,
            column: "Mã đơn vị cấp trên",
            message: expect.stringMatching(/"Đảng bộ sắp giải thể" đã thay đổi/),
          },
        ],
      },
    });
    expect(await byCode("R-1")).toBeNull();
  });

  it("the template is an .xlsx with the sheet's columns and an example row", async () => {
    const officer = await t.as("canbo.xa");
    const template = await officer.download("/api/imports/units/template");
    expect(template.status).toBe(200);
    expect(String(template.headers["content-type"])).toMatch(/spreadsheetml/);
    expect(String(template.headers["content-disposition"])).toContain('filename="Mau-nhap-don-vi.xlsx"');
    const back = await readTable(template.data, "mau.xlsx", unitColumns);
    expect(back.errors).toEqual([]);
    expect(back.rows[0]?.values).toMatchObject({
      code: "25001-1-4",
      kind: "Chi bộ",
      activeFrom: "2025-07-01",
    });
  });
});

describe("the kept child counts", () => {
  it("equal a count of the children after everything above", async () => {
    expect(await childCountMismatches(t.database.db)).toEqual([]);
  });
});
