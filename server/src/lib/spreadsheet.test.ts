import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { libreOffice, pdfPages, toPdf } from "../../test/tools.ts";
import { numberedRowsSheet, repeatedCellsSheet, workbookWith } from "../../test/xlsx-bombs.ts";
import type { AppError } from "./errors.ts";
import {
  type ColumnSpec,
  excelSerialToIso,
  READ_LIMITS,
  readAhead,
  readTable,
  streamWorkbook,
  templateFor,
  writeTable,
} from "./spreadsheet.ts";
import { zipEntries } from "./xlsx-archive.ts";

type MemberKey = "fullName" | "birthDate" | "gender" | "joinedDate" | "phone" | "partyYears" | "address";

const GENDER = {
  values: { nam: "male", nu: "female", m: "male", f: "female" },
  labels: { male: "Nam", female: "Nữ" },
};

const members: ColumnSpec<MemberKey>[] = [
  {
    key: "fullName",
    header: "Họ và tên",
    aliases: ["Họ tên", "Full name"],
    required: true,
    kind: "text",
    maxLength: 40,
    width: 28,
  },
  { key: "birthDate", header: "Ngày sinh", aliases: ["Date of birth"], required: true, kind: "date" },
  { key: "gender", header: "Giới tính", aliases: ["Gender"], kind: "enum", ...GENDER },
  { key: "joinedDate", header: "Ngày vào Đảng", kind: "date" },
  { key: "phone", header: "Số điện thoại", aliases: ["Điện thoại", "SĐT"], kind: "text" },
  { key: "partyYears", header: "Tuổi Đảng", kind: "integer" },
  { key: "address", header: "Địa chỉ", kind: "text" },
];

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  build(ws, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function load(data: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error("no worksheet");
  return ws;
}

const utf8 = (s: string) => Buffer.from(s, "utf8");

describe("readTable: an .xlsx member list as officers make them", () => {
  it("reads the rows and reports every problem, row by row", async () => {
    const data = await xlsx((ws) => {
      ws.getCell("A1").value = "DANH SÁCH ĐẢNG VIÊN CHI BỘ KHU PHỐ 3";
      ws.mergeCells("A1:H1");
      // Row 2 blank; the header on row 3: no diacritics, capitals, a format note, a trailing space.
      ws.getRow(3).values = [
        "STT",
        "HO VA TEN",
        "Ngày sinh (dd/mm/yyyy)",
        "GIỚI TÍNH ",
        "Ngày vào Đảng",
        "Điện thoại",
        "Tuổi Đảng",
        "Ghi chú",
      ];
      ws.getRow(4).values = [
        1,
        "  Nguyễn   Văn Đức ".normalize("NFD"),
        utc(1965, 5, 19),
        "Nam",
        utc(1990, 2, 3),
        "0912\u00A0345 678",
        35,
      ];
      ws.getCell("C4").numFmt = "dd/mm/yyyy";
      ws.getCell("E4").numFmt = "dd/mm/yyyy";
      // A date typed where the column is not formatted as a date: a bare serial number.
      ws.getRow(5).values = [2, "Trần Thị Bình", 32874, "nữ", "03/02/1990", 912345678, 30];
      // Row 6 blank.
      ws.getRow(7).values = [3, "Lê Văn Hùng", "31/02/1990", "NAM", "1-5-2001", null, 24];
      ws.getRow(8).values = [4, null, "12.10.1972", "N", null, null, null, "chuyển đi"];
      ws.getRow(9).values = [
        5,
        { richText: [{ text: "Phạm Thị " }, { text: "Hồng Hạnh", font: { bold: true } }] },
        { formula: "DATE(1980,1,2)", result: utc(1980, 1, 2) },
        "Nữ",
        "2005-07-15",
        { text: "0987654321", hyperlink: "tel:0987654321" },
        "abc",
      ];
      ws.getCell("C9").numFmt = "dd/mm/yyyy";
      // Numbered in advance, nothing else: not a row to import.
      ws.getRow(10).values = [6];
      ws.getRow(12).values = [null, null, null, null, null, null, null, "Người lập biểu"];
    });

    const result = await readTable(data, "danh-sach.xlsx", members);

    expect(result.rows).toEqual([
      {
        row: 4,
        values: {
          fullName: "Nguyễn Văn Đức",
          birthDate: "1965-05-19",
          gender: "male",
          joinedDate: "1990-02-03",
          phone: "0912 345 678",
          partyYears: 35,
        },
      },
      {
        row: 5,
        values: {
          fullName: "Trần Thị Bình",
          birthDate: "1990-01-01",
          gender: "female",
          joinedDate: "1990-02-03",
          phone: "912345678",
          partyYears: 30,
        },
      },
    ]);
    expect(result.rows[0]?.values.fullName).toBe("Nguyễn Văn Đức".normalize("NFC"));
    expect(result.errors).toEqual([
      {
        row: 7,
        column: "Ngày sinh (dd/mm/yyyy)",
        message: "Ngày không hợp lệ: 31/02/1990 (dùng dd/mm/yyyy)",
      },
      { row: 8, column: "HO VA TEN", message: "Thiếu Họ và tên" },
      { row: 8, column: "GIỚI TÍNH", message: "Giá trị không hợp lệ: N (chấp nhận: Nam, Nữ)" },
      { row: 9, column: "Tuổi Đảng", message: "Không phải số nguyên: abc" },
    ]);
  });

  it("resolves rich text, formulas and hyperlinks to their values", async () => {
    const data = await xlsx((ws) => {
      ws.addRow(["Họ và tên", "Ngày sinh", "Địa chỉ", "Tuổi Đảng"]);
      ws.addRow([
        { richText: [{ text: "Phạm Thị " }, { text: "Hồng Hạnh", font: { bold: true } }] },
        { formula: "DATE(1980,1,2)", result: utc(1980, 1, 2) },
        { text: "Xem bản đồ", hyperlink: "https://maps.example/1" },
        { formula: "2025-1990", result: 35 },
      ]);
      ws.getCell("B2").numFmt = "dd/mm/yyyy";
      ws.addRow(["Ngô Thị Hà", { formula: "A1", result: { error: "#REF!" } }, { formula: "X1" }, null]);
    });
    const result = await readTable(data, "x.xlsx", members);
    expect(result.rows).toEqual([
      {
        row: 2,
        values: {
          fullName: "Phạm Thị Hồng Hạnh",
          birthDate: "1980-01-02",
          address: "Xem bản đồ",
          partyYears: 35,
        },
      },
    ]);
    expect(result.errors).toEqual([{ row: 3, column: "Ngày sinh", message: "Ô có lỗi công thức: #REF!" }]);
  });

  it("reads the first visible worksheet that has the header row", async () => {
    const data = await xlsx((ws, wb) => {
      ws.state = "hidden";
      ws.addRow(["Họ và tên", "Ngày sinh"]);
      ws.addRow(["Ẩn Danh", "01/01/1990"]);
      const guide = wb.addWorksheet("Hướng dẫn");
      guide.addRow(["Điền danh sách ở trang sau"]);
      const list = wb.addWorksheet("Danh sách");
      list.addRow(["Họ và tên", "Ngày sinh"]);
      list.addRow(["Vũ Thị Chi", "02/03/1991"]);
    });
    const result = await readTable(data, "x.xlsx", members);
    expect(result).toEqual({
      rows: [{ row: 2, values: { fullName: "Vũ Thị Chi", birthDate: "1991-03-02" } }],
      errors: [],
    });
  });

  it("reports a missing header row once, naming the expected columns", async () => {
    const data = await xlsx((ws) => {
      ws.addRow(["DANH SÁCH"]);
      ws.addRow(["Tên", "Sinh ngày"]);
      ws.addRow(["An", "01/01/1990"]);
    });
    expect(await readTable(data, "x.xlsx", members)).toEqual({
      rows: [],
      errors: [
        {
          row: 1,
          column: "",
          message: "Không tìm thấy dòng tiêu đề trong 10 dòng đầu; cần các cột: Họ và tên, Ngày sinh",
        },
      ],
    });
  });

  it("looks for the header in the first 10 rows only", async () => {
    const data = await xlsx((ws) => {
      ws.getRow(11).values = ["Họ và tên", "Ngày sinh"];
      ws.getRow(12).values = ["An", "01/01/1990"];
    });
    const result = await readTable(data, "x.xlsx", members);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.row).toBe(1);
  });

  it("names the missing required columns", async () => {
    const data = await xlsx((ws) => {
      ws.addRow(["Họ và tên", "Giới tính"]);
      ws.addRow(["Nguyễn Văn An", "Nam"]);
    });
    expect(await readTable(data, "x.xlsx", members)).toEqual({
      rows: [],
      errors: [{ row: 1, column: "Ngày sinh", message: "Thiếu cột bắt buộc: Ngày sinh" }],
    });
  });

  it("stops with one error past maxRows (blank rows do not count)", async () => {
    const data = await xlsx((ws) => {
      ws.addRow(["Họ và tên", "Ngày sinh"]);
      for (let i = 1; i <= 8; i++) {
        ws.addRow([`Người ${i}`, "01/01/1990"]);
        if (i === 2) ws.addRow([]);
      }
    });
    const result = await readTable(data, "x.xlsx", members, { maxRows: 5 });
    expect(result.rows.map((r) => r.row)).toEqual([2, 3, 5, 6, 7]);
    expect(result.errors).toEqual([
      { row: 8, column: "", message: "Tệp có hơn 5 dòng dữ liệu: hãy chia thành nhiều tệp nhỏ hơn" },
    ]);
    const big = await readTable(data, "x.xlsx", members, { maxRows: 5000 });
    expect(big.rows).toHaveLength(8);
  });

  it("keepInvalidRows: keeps the rows with bad cells (marked), and gives the file's headers", async () => {
    const data = await xlsx((ws) => {
      ws.addRow(["HO TEN", "Ngày sinh", "Giới tính"]);
      ws.addRow(["Nguyễn Văn An", "31/02/1990", "X"]);
      ws.addRow(["Trần Thị Bình", "01/02/1990", "Nữ"]);
    });
    const result = await readTable(data, "x.xlsx", members, { keepInvalidRows: true });
    expect(result.rows).toEqual([
      { row: 2, values: { fullName: "Nguyễn Văn An" }, invalid: ["birthDate", "gender"] },
      { row: 3, values: { fullName: "Trần Thị Bình", birthDate: "1990-02-01", gender: "female" } },
    ]);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "Ngày sinh"],
      [2, "Giới tính"],
    ]);
    expect(result.headers).toEqual({ fullName: "HO TEN", birthDate: "Ngày sinh", gender: "Giới tính" });
    // Without the option, a bad row is only in the errors.
    expect((await readTable(data, "x.xlsx", members)).rows.map((r) => r.row)).toEqual([3]);
  });

  it("reports whole-file problems on row 0", async () => {
    const corrupt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    expect(await readTable(corrupt, "a.csv", members)).toEqual({
      rows: [],
      errors: [{ row: 0, column: "", message: "Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx" }],
    });
    expect(await readTable(utf8("Họ và tên,Ngày sinh\n"), "a.xlsx", members)).toEqual({
      rows: [],
      errors: [{ row: 0, column: "", message: "Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx" }],
    });
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    const old = await readTable(xls, "danh-sach.xls", members);
    expect(old.errors).toEqual([
      {
        row: 0,
        column: "",
        message: "Tệp Excel 97–2003 (.xls) không được hỗ trợ: hãy mở bằng Excel và lưu lại thành .xlsx",
      },
    ]);
    expect(await readTable(Buffer.alloc(0), "empty.csv", members)).toMatchObject({ errors: [{ row: 1 }] });
  });
});

describe("readTable: bounded reading (zip bombs)", () => {
  const names: ColumnSpec<"fullName">[] = [
    { key: "fullName", header: "Họ và tên", required: true, kind: "text" },
  ];
  const rejected = (reason: string) => ({ code: "FILE_REJECTED", status: 422, details: { reason } });
  /** 300,000 rows of names: 27 MB of XML in a 2.5 MB file, compressed 11:1 like real lists. */
  let manyRows: Promise<Buffer> | undefined;
  const manyRowsFile = () => {
    manyRows ??= numberedRowsSheet(300_000).then(workbookWith);
    return manyRows;
  };

  it("refuses a sheet declared to unpack to hundreds of MB before inflating it", async () => {
    // 160 MB of one repeated cell, deflated to ~1 MB: the bomb, smaller (it was 505 MB).
    const bomb = await workbookWith(await repeatedCellsSheet(160));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const error = await readTable(bomb, "ds.xlsx", names, { maxRows: 100_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject(rejected("unpacked_too_large"));
    expect((error as AppError).localized.vi).toBe(
      "Tệp Excel giải nén ra hơn 128 MB: hãy chia thành nhiều tệp nhỏ hơn.",
    );
  });

  it("refuses a part compressed far beyond any list (over 100:1), whatever its size", async () => {
    const dense = await workbookWith(await repeatedCellsSheet(40, 9));
    await expect(readTable(dense, "ds.xlsx", names)).rejects.toMatchObject(rejected("compression_ratio"));
  });

  it("refuses a part that unpacks to more than it declares (the declared sizes lie)", async () => {
    const part = await repeatedCellsSheet(160);
    const lying = await workbookWith({ ...part, size: 64 * 1024 });
    await expect(readTable(lying, "ds.xlsx", names)).rejects.toMatchObject(rejected("size_mismatch"));
  });

  it("counts the rows while inflating: past maxRows it stops before the sheet is parsed", async () => {
    // Parsing these rows needs far more than 48 MB of heap: only the count, while inflating, fits.
    const result = await readTable(await manyRowsFile(), "ds.xlsx", names, {
      maxRows: 1000,
      limits: { heapMb: 48 },
    });
    expect(result).toEqual({
      rows: [],
      errors: [
        { row: 0, column: "", message: "Tệp có hơn 1.000 dòng dữ liệu: hãy chia thành nhiều tệp nhỏ hơn" },
      ],
    });
  });

  it("stops a read that runs out of the worker's heap, or past its deadline; the next read works", async () => {
    await expect(
      readTable(await manyRowsFile(), "ds.xlsx", names, { limits: { heapMb: 48 } }),
    ).rejects.toMatchObject(rejected("memory"));
    const small = await xlsx((ws) => {
      ws.addRow(["Họ và tên"]);
      ws.addRow(["Nguyễn Văn An"]);
    });
    await expect(readTable(small, "ds.xlsx", names, { limits: { deadlineMs: 1 } })).rejects.toMatchObject(
      rejected("time"),
    );
    expect((await readTable(small, "ds.xlsx", names)).rows).toEqual([
      { row: 2, values: { fullName: "Nguyễn Văn An" } },
    ]);
  });

  it("reads a damaged zip directory as an unreadable file, never as a crash", async () => {
    const good = await xlsx((ws) => {
      ws.addRow(["Họ và tên"]);
      ws.addRow(["Nguyễn Văn An"]);
    });
    expect(zipEntries(good)?.map((e) => e.name)).toContain("xl/worksheets/sheet1.xml");
    // Every byte of the central directory and its end record, changed in turn.
    const directoryStart = good.length - 22 - good.readUInt32LE(good.length - 22 + 12);
    for (let p = directoryStart; p < good.length; p++) {
      const bad = Buffer.from(good);
      bad[p] = (bad[p] ?? 0) ^ 0xff;
      expect(() => zipEntries(bad)).not.toThrow();
    }
    const cut = good.subarray(0, good.length - 30);
    expect(await readTable(cut, "ds.xlsx", names)).toEqual({
      rows: [],
      errors: [{ row: 0, column: "", message: "Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx" }],
    });
  });

  it("refuses a CSV larger than the limit", async () => {
    const big = Buffer.alloc(READ_LIMITS.maxTextBytes + 1, "Nguyễn Văn An\n");
    await expect(readTable(big, "ds.csv", names)).rejects.toMatchObject(rejected("too_large"));
    const csv = utf8("Họ và tên\nNguyễn Văn An\n");
    await expect(readTable(csv, "ds.csv", names, { limits: { maxTextBytes: 10 } })).rejects.toMatchObject(
      rejected("too_large"),
    );
    expect((await readTable(csv, "ds.csv", names)).rows).toHaveLength(1);
  });
});

describe("readTable: CSV", () => {
  it("reads ; with a BOM, CRLF, quoted delimiters, quotes and newlines, and a title line", async () => {
    const text =
      "\uFEFFDANH SÁCH ĐẢNG VIÊN;;;\r\n" +
      "Họ và tên;Ngày sinh;Giới tính;Địa chỉ\r\n" +
      'Nguyễn Văn An;01/02/1980;Nam;"Số 5, ngõ 10; phường Láng"\r\n' +
      '"Lê Thị ""Bé"" Ba";1/2/1975;nu;"Tổ 3\r\nKhu phố 2"\r\n' +
      ";;;\r\n" +
      "Trần Văn Cường;1975-13-01;Nam;Hà Nội\r\n";
    const result = await readTable(utf8(text), "danh-sach.csv", members);
    expect(result).toEqual({
      rows: [
        {
          row: 3,
          values: {
            fullName: "Nguyễn Văn An",
            birthDate: "1980-02-01",
            gender: "male",
            address: "Số 5, ngõ 10; phường Láng",
          },
        },
        {
          row: 4,
          values: {
            fullName: 'Lê Thị "Bé" Ba',
            birthDate: "1975-02-01",
            gender: "female",
            address: "Tổ 3 Khu phố 2",
          },
        },
      ],
      errors: [{ row: 6, column: "Ngày sinh", message: "Ngày không hợp lệ: 1975-13-01 (dùng dd/mm/yyyy)" }],
    });
  });

  it("reads , with LF and quoted commas", async () => {
    const text =
      'Full name,Date of birth,Gender,Địa chỉ\nHoàng Văn Bảo,15/08/1960,M,"12 Lý Thường Kiệt, Hoàn Kiếm"\n';
    expect(await readTable(utf8(text), "members.csv", members)).toEqual({
      rows: [
        {
          row: 2,
          values: {
            fullName: "Hoàng Văn Bảo",
            birthDate: "1960-08-15",
            gender: "male",
            address: "12 Lý Thường Kiệt, Hoàn Kiếm",
          },
        },
      ],
      errors: [],
    });
  });

  it("reads tab-separated text, and a ; file whose data holds commas", async () => {
    const tsv = "Họ và tên\tNgày sinh\tĐịa chỉ\nĐỗ Văn Chiến\t20.11.1958\tPhường 1, Quận 3\n";
    const semi = "Họ và tên;Ngày sinh;Địa chỉ\nĐỗ Văn Chiến;20.11.1958;Phường 1, Quận 3, TP HCM, Việt Nam\n";
    for (const [name, text] of [
      ["a.tsv", tsv],
      ["b.csv", semi],
    ] as const) {
      const result = await readTable(utf8(text), name, members);
      expect(result.errors).toEqual([]);
      expect(result.rows[0]?.values).toMatchObject({ fullName: "Đỗ Văn Chiến", birthDate: "1958-11-20" });
    }
  });

  it("reads Excel's ANSI CSV on Vietnamese Windows (Windows-1258)", async () => {
    // "Họ và tên,Ngày sinh\nNguyễn Văn Đức,19/05/1965\n" in Windows-1258: tones are combining marks.
    const bytes = Buffer.from([
      ...Buffer.from("Ho"),
      0xf2,
      ...Buffer.from(" v"),
      0xe0,
      ...Buffer.from(" t"),
      0xea,
      ...Buffer.from("n,Ng"),
      0xe0,
      ...Buffer.from("y sinh\nNguy"),
      0xea,
      0xde,
      ...Buffer.from("n V"),
      0xe3,
      ...Buffer.from("n "),
      0xd0,
      0xfd,
      0xec,
      ...Buffer.from("c,19/05/1965\n"),
    ]);
    expect(await readTable(bytes, "ansi.csv", members)).toEqual({
      rows: [{ row: 2, values: { fullName: "Nguyễn Văn Đức", birthDate: "1965-05-19" } }],
      errors: [],
    });
  });

  it("reads UTF-16 text with a BOM (Excel's Unicode Text)", async () => {
    const text = "\uFEFFHọ và tên\tNgày sinh\r\nNgô Thị Hà\t02/09/1945\r\n";
    const result = await readTable(Buffer.from(text, "utf16le"), "unicode.txt", members);
    expect(result).toEqual({
      rows: [{ row: 2, values: { fullName: "Ngô Thị Hà", birthDate: "1945-09-02" } }],
      errors: [],
    });
  });
});

describe("readTable: values", () => {
  const dateColumn: ColumnSpec<"d">[] = [{ key: "d", header: "Ngày", kind: "date", required: true }];
  const yearColumn: ColumnSpec<"d">[] = [{ key: "d", header: "Ngày", kind: "date", allowYearOnly: true }];

  const readOne = async (columns: ColumnSpec<"d">[], value: string) =>
    readTable(utf8(`Ngày\n"${value}"\n`), "x.csv", columns);

  it.each([
    ["19/05/1965", "1965-05-19"],
    ["9/5/1965", "1965-05-09"],
    ["09-05-1965", "1965-05-09"],
    ["09.05.1965", "1965-05-09"],
    ["1965-05-09", "1965-05-09"],
    ["09/05/1965 00:00:00", "1965-05-09"],
    ["1965-05-09T00:00:00Z", "1965-05-09"],
    ["29/02/2000", "2000-02-29"],
    ["31/12/2100", "2100-12-31"],
  ])("date text %j → %j", async (text, iso) => {
    expect((await readOne(dateColumn, text)).rows[0]?.values.d).toBe(iso);
  });

  it.each([
    ["31/02/1990", "Ngày không hợp lệ: 31/02/1990 (dùng dd/mm/yyyy)"],
    ["29/02/2001", "Ngày không hợp lệ: 29/02/2001 (dùng dd/mm/yyyy)"],
    ["00/01/1990", "Ngày không hợp lệ: 00/01/1990 (dùng dd/mm/yyyy)"],
    ["1/2/90", "Ngày không hợp lệ: 1/2/90 (dùng dd/mm/yyyy)"],
    ["01/02-1990", "Ngày không hợp lệ: 01/02-1990 (dùng dd/mm/yyyy)"],
    ["1990", "Ngày không hợp lệ: 1990 (dùng dd/mm/yyyy)"],
    ["mùng 2/9/1945", "Ngày không hợp lệ: mùng 2/9/1945 (dùng dd/mm/yyyy)"],
    ["01/01/1899", "Ngày không hợp lệ: 01/01/1899 (năm phải từ 1900 đến 2100)"],
    ["01/01/2921", "Ngày không hợp lệ: 01/01/2921 (năm phải từ 1900 đến 2100)"],
  ])("date text %j is an error", async (text, message) => {
    expect((await readOne(dateColumn, text)).errors).toEqual([{ row: 2, column: "Ngày", message }]);
  });

  it("accepts a bare year only where the column allows it", async () => {
    expect((await readOne(yearColumn, "1950")).rows[0]?.values.d).toBe("1950");
    expect((await readOne(yearColumn, "05/06/1950")).rows[0]?.values.d).toBe("1950-06-05");
    expect((await readOne(yearColumn, "195")).errors[0]?.message).toBe(
      "Ngày không hợp lệ: 195 (dùng dd/mm/yyyy hoặc yyyy)",
    );
    const data = await xlsx((ws) => {
      ws.addRow(["Ngày"]);
      ws.addRow([1950]);
      ws.addRow([18_264]);
    });
    expect((await readTable(data, "x.xlsx", yearColumn)).rows.map((r) => r.values.d)).toEqual([
      "1950",
      "1950-01-01",
    ]);
  });

  it.each([
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [18_264, "1950-01-01"],
    [32_874, "1990-01-01"],
    [32_874.75, "1990-01-01"],
    [45_658, "2025-01-01"],
  ])("Excel serial %d → %s", (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });

  it("knows Excel's phantom 29/02/1900 and the 1904 date system", () => {
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(0)).toBeNull();
    expect(excelSerialToIso(-5)).toBeNull();
    expect(excelSerialToIso(0, true)).toBe("1904-01-01");
    expect(excelSerialToIso(31_412, true)).toBe("1990-01-01");
  });

  it("reads date cells, serials and text in one sheet", async () => {
    const data = await xlsx((ws) => {
      ws.addRow(["Ngày"]);
      ws.addRow([utc(1990, 1, 1)]);
      ws.addRow([32_874]);
      ws.addRow(["01/01/1990"]);
      ws.addRow([new Date(Date.UTC(1990, 0, 1, 23, 59))]); // with a time of day
      ws.addRow([60]);
      ws.addRow([true]);
    });
    const result = await readTable(data, "x.xlsx", dateColumn);
    expect(result.rows.map((r) => r.values.d)).toEqual([
      "1990-01-01",
      "1990-01-01",
      "1990-01-01",
      "1990-01-01",
    ]);
    expect(result.errors).toEqual([
      { row: 6, column: "Ngày", message: "Ngày không hợp lệ: 60 (dùng dd/mm/yyyy)" },
      { row: 7, column: "Ngày", message: "Ngày không hợp lệ: TRUE (dùng dd/mm/yyyy)" },
    ]);
  });

  it("reads integers, enums and text limits", async () => {
    type Key = "n" | "g" | "t";
    const columns: ColumnSpec<Key>[] = [
      { key: "n", header: "Số", kind: "integer" },
      {
        key: "g",
        header: "Giới tính",
        kind: "enum",
        values: { nam: "male", nu: "female", male: "male", female: "female" },
      },
      { key: "t", header: "Ghi chú", kind: "text", maxLength: 5 },
    ];
    const text = [
      "Số,Giới tính,Ghi chú",
      "12,Nam,abc",
      "-3, NỮ ,Đảng ",
      "1 000,female,",
      "1.5,nữ,",
      "12a,,",
      ",Nam giới,quá dài rồi",
      "99999999999999999999,,",
    ].join("\n");
    const result = await readTable(utf8(text), "x.csv", columns);
    expect(result.rows).toEqual([
      { row: 2, values: { n: 12, g: "male", t: "abc" } },
      { row: 3, values: { n: -3, g: "female", t: "Đảng" } },
      { row: 4, values: { n: 1000, g: "female", t: null } },
    ]);
    expect(result.errors).toEqual([
      { row: 5, column: "Số", message: "Không phải số nguyên: 1.5" },
      { row: 6, column: "Số", message: "Không phải số nguyên: 12a" },
      {
        row: 7,
        column: "Giới tính",
        message: "Giá trị không hợp lệ: Nam giới (chấp nhận: nam, nu, male, female)",
      },
      { row: 7, column: "Ghi chú", message: "Quá dài: 11 ký tự (tối đa 5)" },
      { row: 8, column: "Số", message: "Không phải số nguyên: 99999999999999999999" },
    ]);
  });

  it("matches headers folded, by alias, and ignores unknown columns", async () => {
    const text = "STT,HỌ VÀ TÊN (*),ngay sinh,Gender,Ghi chú\n1,Bùi Văn Cường,01/01/1970,F,x\n";
    expect(await readTable(utf8(text), "x.csv", members)).toEqual({
      rows: [{ row: 2, values: { fullName: "Bùi Văn Cường", birthDate: "1970-01-01", gender: "female" } }],
      errors: [],
    });
  });
});

describe("writeTable", () => {
  it("writes a title, a bold frozen header, widths and real dates", async () => {
    const data = await writeTable(
      members,
      [
        {
          fullName: "Nguyễn Văn Đức",
          birthDate: "1965-05-19",
          gender: "male",
          joinedDate: new Date("1990-02-02T20:00:00Z"), // 03/02/1990 in Vietnam
          partyYears: 35,
        },
        {
          fullName: "Trần Thị Bình",
          birthDate: "1950",
          gender: "female",
          phone: "0912345678",
          address: null,
        },
      ],
      { title: "DANH SÁCH ĐẢNG VIÊN", sheetName: "Đảng viên" },
    );
    const ws = await load(data);
    expect(ws.name).toBe("Đảng viên");
    expect(ws.getCell("A1").value).toBe("DANH SÁCH ĐẢNG VIÊN");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getRow(2).values).toEqual([
      undefined,
      "Họ và tên",
      "Ngày sinh",
      "Giới tính",
      "Ngày vào Đảng",
      "Số điện thoại",
      "Tuổi Đảng",
      "Địa chỉ",
    ]);
    expect(ws.getCell("A2").font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    // Printed A4 landscape, the columns on the page's width, the header row on every page.
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "2:2",
    });
    // Rows tall enough for the title's capitals and the wrapped headers.
    expect(ws.getRow(1).height).toBeGreaterThanOrEqual(24);
    expect(ws.getRow(2).height).toBeGreaterThanOrEqual(20);
    expect(ws.getColumn(1).width).toBe(28);
    expect(ws.getCell("B3").value).toEqual(utc(1965, 5, 19));
    expect(ws.getCell("B3").numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell("C3").value).toBe("Nam");
    expect(ws.getCell("D3").value).toEqual(utc(1990, 2, 3));
    expect(ws.getCell("F3").value).toBe(35);
    expect(ws.getCell("B4").value).toBe("1950");
    expect(ws.getCell("E4").value).toBe("0912345678");
    expect(ws.getCell("G4").value).toBeNull();
  });

  it.runIf(libreOffice)(
    "prints through LibreOffice with every column on the page and the header on every page",
    async () => {
      const rows = Array.from({ length: 184 }, (_, i) => ({
        fullName: `Nguyễn Văn Thành ${i + 1}`,
        birthDate: "1970-01-01",
        gender: i % 2 ? "female" : "male",
        joinedDate: "1995-05-19",
        phone: "0912345678",
        partyYears: 30,
        address: "Số 5, ngõ 10, đường Lý Thái Tổ, phường Kinh Bắc, tỉnh Bắc Ninh",
      }));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-print-"));
      const file = path.join(dir, "danh-sach.xlsx");
      fs.writeFileSync(file, await writeTable(members, rows, { title: "DANH SÁCH ĐẢNG VIÊN" }));
      const pdf = toPdf(file);
      const pages = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" })
        .split("\f")
        .filter((p) => p.trim());
      expect(pages.length).toBeGreaterThan(1);
      expect(pages.length).toBe(pdfPages(pdf));
      for (const page of pages) {
        expect(page).toContain("Họ và tên");
        expect(page).toContain("Địa chỉ"); // the last column: no page holds only some of the columns
      }
      expect(pages.join("")).toContain("Nguyễn Văn Thành 184");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  );

  it("round-trips through readTable", async () => {
    const rows = [
      {
        fullName: "Nguyễn Văn Đức",
        birthDate: "1965-05-19",
        gender: "male",
        joinedDate: "1990-02-03",
        phone: "0912345678",
        partyYears: 35,
        address: "Số 5, ngõ 10; phường Láng",
      },
      {
        fullName: 'Lê Thị "Bé" Ba',
        birthDate: "1975-02-01",
        gender: "female",
        joinedDate: null,
        phone: null,
        partyYears: 0,
        address: "=SUM(A1)",
      },
    ];
    const data = await writeTable(members, rows, { title: "DANH SÁCH" });
    const back = await readTable(data, "export.xlsx", members);
    expect(back.errors).toEqual([]);
    expect(back.rows).toEqual(rows.map((values, i) => ({ row: i + 3, values })));
  });

  it("neutralises text that would start a formula, and reads it back as it was", async () => {
    const risky = ['=HYPERLINK("http://x","y")', "+84 912 345 678", "- ý kiến", "@SUM(A1)", "\t=1+1"];
    const rows = risky.map((address, i) => ({
      fullName: `Người ${i + 1}`,
      birthDate: "1970-01-01",
      address,
    }));
    const data = await writeTable(members, rows);
    const ws = await load(data);
    const written: string[] = [];
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === "string") written.push(cell.value);
      });
    });
    expect(written.filter((v) => /^[=+\-@\t\r]/u.test(v))).toEqual([]);
    expect(risky.map((v) => written.includes(`'${v}`))).toEqual(risky.map(() => true));
    const back = await readTable(data, "export.xlsx", members);
    expect(back.errors).toEqual([]);
    // A tab is read as a space, as in any cell.
    expect(back.rows.map((r) => r.values.address)).toEqual(risky.map((v) => v.replace("\t", " ")));
  });

  it("takes an async iterable, and drops characters a workbook cannot hold", async () => {
    async function* cursor() {
      yield { fullName: "Đặng\u0001 Văn Đạt\u0000", birthDate: "1970-01-01" };
      yield { fullName: "Vũ Thị Chi", birthDate: new Date("1971-03-31T17:30:00Z") }; // 01/04/1971 in Vietnam
    }
    const data = await writeTable(members, cursor());
    expect(await readTable(data, "x.xlsx", members)).toEqual({
      rows: [
        { row: 2, values: expect.objectContaining({ fullName: "Đặng Văn Đạt", birthDate: "1970-01-01" }) },
        { row: 3, values: expect.objectContaining({ fullName: "Vũ Thị Chi", birthDate: "1971-04-01" }) },
      ],
      errors: [],
    });
  });

  it("writes and reads back 50,000 rows", async () => {
    const n = 50_000;
    function* generate() {
      for (let i = 0; i < n; i++) {
        yield {
          fullName: `Nguyễn Văn Đức ${i}`,
          birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
          gender: i % 2 ? "male" : "female",
          joinedDate: "2001-05-19",
          phone: `09${String(i).padStart(8, "0")}`,
          partyYears: i % 60,
          address: "Tổ 3, khu phố 2, phường Bến Nghé, Quận 1",
        };
      }
    }
    const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
    let t = performance.now();
    const data = await writeTable(members, generate(), { title: "DANH SÁCH" });
    const writeMs = Math.round(performance.now() - t);
    const afterWrite = process.memoryUsage();
    t = performance.now();
    const back = await readTable(data, "big.xlsx", members);
    const readMs = Math.round(performance.now() - t);
    const afterRead = process.memoryUsage();
    console.log(
      `50,000 rows: write ${writeMs} ms (${mb(data.length)} file, rss ${mb(afterWrite.rss)}, heap ${mb(afterWrite.heapUsed)}); ` +
        `read ${readMs} ms (rss ${mb(afterRead.rss)}, heap ${mb(afterRead.heapUsed)})`,
    );
    expect(back.errors).toEqual([]);
    expect(back.rows).toHaveLength(n);
    expect(back.rows[n - 1]).toEqual({
      row: n + 2,
      values: {
        fullName: "Nguyễn Văn Đức 49999",
        birthDate: "1999-05-19",
        gender: "male",
        joinedDate: "2001-05-19",
        phone: "0900049999",
        partyYears: 19,
        address: "Tổ 3, khu phố 2, phường Bến Nghé, Quận 1",
      },
    });
  });
});

describe("templateFor", () => {
  it("writes the headers and an example row that readTable accepts", async () => {
    const data = await templateFor(members, {
      title: "MẪU NHẬP DANH SÁCH ĐẢNG VIÊN",
      example: { fullName: "Nguyễn Văn An", birthDate: "1990-01-31", gender: "male", phone: "0912345678" },
    });
    const ws = await load(data);
    expect(ws.getCell("A1").value).toBe("MẪU NHẬP DANH SÁCH ĐẢNG VIÊN");
    expect(ws.getRow(2).values).toEqual([undefined, ...members.map((c) => c.header)]);
    expect(ws.getCell("B3").value).toBe("31/01/1990");
    expect(ws.getCell("C3").value).toBe("Nam");
    // Text-formatted input cells, a drop-down for the enum.
    expect(ws.getCell("B10").numFmt).toBe("@");
    expect(ws.getCell("C10").dataValidation).toMatchObject({ type: "list", formulae: ['"Nam,Nữ"'] });
    expect(await readTable(data, "mau.xlsx", members)).toEqual({
      rows: [
        {
          row: 3,
          values: {
            fullName: "Nguyễn Văn An",
            birthDate: "1990-01-31",
            gender: "male",
            joinedDate: null,
            phone: "0912345678",
            partyYears: null,
            address: null,
          },
        },
      ],
      errors: [],
    });
  });

  it("writes just the header row without an example", async () => {
    const ws = await load(await templateFor(members));
    expect(ws.getRow(1).values).toEqual([undefined, ...members.map((c) => c.header)]);
    expect(ws.rowCount).toBe(1);
  });
});

describe("streamWorkbook", () => {
  const collect = async (stream: NodeJS.ReadableStream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  async function* names(prefix: string, n: number) {
    for (let i = 1; i <= n; i++) yield { fullName: `${prefix} ${i}`, birthDate: "1980-01-01" };
  }
  const sheetsOf = async (data: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as never);
    return workbook.worksheets.map((ws) => {
      const rows: string[] = [];
      ws.eachRow((row, n) => {
        if (n > 2) rows.push(String(row.getCell(1).value));
      });
      return {
        name: ws.name,
        title: String(ws.getRow(1).getCell(1).value),
        header: ws.getRow(2).getCell(1).value,
        rows,
      };
    });
  };

  it("writes each part on its own sheets, continued past the row limit, skipping parts without rows", async () => {
    const seen: string[] = [];
    const data = await collect(
      streamWorkbook(
        members,
        [
          { sheetName: "Ban Chấp hành Trung ương Đảng", title: "DS – Trung ương", rows: names("TW", 0) },
          { sheetName: "Tỉnh ủy Bắc Ninh", title: "DS – Bắc Ninh", rows: names("BN", 7) },
          { sheetName: "Tỉnh ủy Thái Nguyên", title: "DS – Thái Nguyên", rows: names("TN", 3) },
          // Two parts whose names are the same once cut to Excel's 31 characters.
          { sheetName: "Đảng bộ Khối các cơ quan Trung ương A", title: "DS – A", rows: names("K1", 1) },
          { sheetName: "Đảng bộ Khối các cơ quan Trung ương B", title: "DS – B", rows: names("K2", 1) },
        ],
        { maxRowsPerSheet: 3, onSheet: (name) => seen.push(name) },
      ),
    );
    const sheets = await sheetsOf(data);
    expect(sheets.map((s) => s.name)).toEqual([
      "Tỉnh ủy Bắc Ninh",
      "Tỉnh ủy Bắc Ninh (2)",
      "Tỉnh ủy Bắc Ninh (3)",
      "Tỉnh ủy Thái Nguyên",
      "Đảng bộ Khối các cơ quan Trung",
      "Đảng bộ Khối các cơ quan Tr (2)",
    ]);
    expect(seen).toEqual(sheets.map((s) => s.name));
    expect(sheets.map((s) => s.rows)).toEqual([
      ["BN 1", "BN 2", "BN 3"],
      ["BN 4", "BN 5", "BN 6"],
      ["BN 7"],
      ["TN 1", "TN 2", "TN 3"],
      ["K1 1"],
      ["K2 1"],
    ]);
    expect(sheets.slice(0, 2).map((s) => s.title)).toEqual(["DS – Bắc Ninh", "DS – Bắc Ninh (tiếp theo)"]);
    expect(sheets.every((s) => s.header === "Họ và tên")).toBe(true);
  });

  it("still has one sheet with its header when no part has rows", async () => {
    const data = await collect(
      streamWorkbook(members, [{ sheetName: "Đảng viên", title: "DANH SÁCH", rows: names("X", 0) }]),
    );
    const sheets = await sheetsOf(data);
    expect(sheets).toEqual([{ name: "Đảng viên", title: "DANH SÁCH", header: "Họ và tên", rows: [] }]);
  });

  it("destroys the stream when reading the rows fails (a download cut short, never a file that looks whole)", async () => {
    async function* failing() {
      yield { fullName: "Một", birthDate: "1980-01-01" };
      throw new Error("the database went away");
    }
    await expect(collect(streamWorkbook(members, [{ sheetName: "A", rows: failing() }]))).rejects.toThrow(
      "the database went away",
    );
  });
});

describe("readAhead", () => {
  it("keeps the order, holds at most `max` rows, and closes the source when the reader stops early", async () => {
    let pulled = 0;
    let closed = false;
    async function* source() {
      try {
        for (let batch = 0; batch < 10; batch++) {
          await new Promise((r) => setTimeout(r, 1));
          for (let i = 0; i < 10; i++) {
            pulled++;
            yield batch * 10 + i;
          }
        }
      } finally {
        closed = true;
      }
    }
    const seen: number[] = [];
    for await (const n of readAhead(source(), 15)) {
      expect(pulled - seen.length).toBeLessThanOrEqual(16);
      seen.push(n);
      if (n === 42) break;
    }
    expect(seen).toEqual(Array.from({ length: 43 }, (_, i) => i));
    expect(closed).toBe(true);
  });
});
