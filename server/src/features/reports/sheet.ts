import { PassThrough } from "node:stream";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Executor } from "../../db/client.ts";
import { vnToday } from "../../lib/dates.ts";
import { cellText, DATE_TIME_FORMAT, printSetup, vietnamTimeCell } from "../../lib/spreadsheet.ts";
import { inSubtree } from "./counts.ts";
import type { ReportFullRow } from "./queries.ts";
import type { ReportRow } from "./schema.ts";
import { type ReportView, statusNames } from "./view.ts";

/** Rows of the units sheet written directly; a larger subtree is cut there (said in its title). */
export const EXPORT_LIMIT = 100_000;
const PAGE = 5000;

const HEADER_FONT = { name: "Calibri", size: 11, bold: true };
const TITLE_FONT = { name: "Calibri", size: 14, bold: true };

/** A row's cells, texts as a cell holds them (none starts a live formula). */
const cells = (values: (string | number | Date | null | undefined)[]) =>
  values.map((v) => (typeof v === "string" ? cellText(v) : v));

/** The units sheet's "Gửi lần đầu" column (0-based): a real date-time. */
const SUBMITTED_COLUMN = 6;

/** A sheet's title in its first row. */
function writeTitle(sheet: ExcelJS.Worksheet, title: string) {
  const row = sheet.getRow(1);
  row.getCell(1).value = cellText(title);
  row.getCell(1).font = TITLE_FONT;
  row.getCell(1).alignment = { vertical: "middle" };
  // Tall enough for 14 pt capitals with their diacritics (the default 15 pt row cuts them).
  row.height = 24;
  row.commit();
}

/** A row of column headers, wrapped, with the lines the longest needs for its column's width. */
function writeHeader(sheet: ExcelJS.Worksheet, at: number, headers: string[]) {
  const row = sheet.getRow(at);
  let lines = 1;
  headers.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    cell.value = h;
    cell.font = HEADER_FONT;
    cell.alignment = { vertical: "middle", wrapText: true };
    const width = sheet.getColumn(i + 1).width ?? 10;
    lines = Math.max(lines, Math.ceil([...h].length / Math.max(1, width - 1)));
  });
  row.height = Math.max(20, 16 * lines + 4);
  row.commit();
}

interface UnitRow {
  path: string;
  depth: number;
  code: string | null;
  name: string;
  parentName: string | null;
  report: Pick<ReportRow, "status" | "timeliness" | "firstSubmittedAt" | "manualValues" | "snapshot">;
}

/** The counted target reports of a subtree, in tree order, a page at a time (keyset on the path). */
async function* subtreeReports(db: Executor, requestId: string, path: string) {
  let after: string | null = null;
  for (let read = 0; read < EXPORT_LIMIT; ) {
    type Row = Omit<UnitRow, "report"> & UnitRow["report"];
    const rows: Row[] = (
      (await db.execute(sql`
        select u.path, u.depth, u.code, u.name, p.name as "parentName", r.status, r.timeliness,
               r.first_submitted_at as "firstSubmittedAt", r.manual_values as "manualValues", r.snapshot
        from units u
        join reports r on r.request_id = ${requestId}::uuid and r.unit_id = u.id and r.counted
        left join units p on p.id = u.parent_id
        where ${after === null ? inSubtree(sql`u.path`, path) : sql`u.path ~>~ ${after} and u.path ~<~ ${`${path}~`}`}
        order by u.path collate "C"
        limit ${Math.min(PAGE, EXPORT_LIMIT - read)}`)) as unknown as {
        rows: Row[];
      }
    ).rows;
    for (const r of rows)
      yield {
        path: r.path,
        depth: Number(r.depth),
        code: r.code,
        name: r.name,
        parentName: r.parentName,
        report: {
          status: r.status,
          timeliness: r.timeliness,
          firstSubmittedAt: r.firstSubmittedAt ? new Date(r.firstSubmittedAt) : null,
          manualValues: typeof r.manualValues === "string" ? JSON.parse(r.manualValues) : r.manualValues,
          snapshot: typeof r.snapshot === "string" ? JSON.parse(r.snapshot) : r.snapshot,
        },
      } satisfies UnitRow;
    read += rows.length;
    if (rows.length < PAGE) return;
    after = rows.at(-1)?.path ?? after;
  }
}

const vnDateTime = (d: Date) =>
  new Intl.DateTimeFormat("vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(d);

/**
 * Every figure of a report as .xlsx, streamed (exceljs's WorkbookWriter): "Số liệu" — the report's
 * computed figures (frozen or live) and hand-entered ones (own, subordinates', total); "Các đơn vị"
 * — the target reports of the unit's subtree in tree order with status, timeliness, first
 * submission, frozen computed figures and own hand-entered figures.
 */
export async function reportXlsx(db: Executor, row: ReportFullRow, view: ReportView) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });
  finished.catch(() => {});
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });

  const title = `${view.request.title} — ${row.unitName}`;
  const figures = workbook.addWorksheet("Số liệu", {
    views: [{ state: "frozen", ySplit: 3 }],
    pageSetup: printSetup(3),
  });
  figures.columns = [
    { key: "group", width: 22 },
    { key: "key", width: 28 },
    { key: "label", width: 50 },
    { key: "unit", width: 12 },
    { key: "own", width: 14 },
    { key: "subordinates", width: 16 },
    { key: "value", width: 14 },
  ];
  writeTitle(figures, title);
  const note = figures.getRow(2);
  note.getCell(1).value = view.figures.frozen
    ? `Số liệu chốt khi gửi báo cáo lúc ${vnDateTime(new Date(view.figures.at))}`
    : `Số liệu tính đến lúc ${vnDateTime(new Date(view.figures.at))} (chưa gửi)`;
  note.commit();
  writeHeader(figures, 3, [
    "Nhóm",
    "Mã chỉ tiêu",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Của đơn vị",
    "Cấp dưới đã gửi",
    "Tổng / Giá trị",
  ]);
  let n = 3;
  for (const f of view.figures.computed) {
    const r = figures.getRow(++n);
    r.values = cells(["Tính từ dữ liệu hệ thống", f.key, f.label, "", null, null, f.value]);
    r.commit();
  }
  for (const m of view.figures.manual) {
    const r = figures.getRow(++n);
    r.values = cells(["Nhập tay", m.key, m.label, m.unit ?? "", m.own, m.subordinates, m.total]);
    r.commit();
  }
  figures.commit();

  const computedKeys = view.figures.computed.map((f) => f.key);
  const manual = view.figures.manual;
  const sheet = workbook.addWorksheet("Các đơn vị", {
    views: [{ state: "frozen", ySplit: 2 }],
    pageSetup: printSetup(2),
  });
  const columns = [
    { header: "Mã đơn vị", width: 14 },
    { header: "Đơn vị", width: 40 },
    { header: "Đơn vị cấp trên", width: 32 },
    { header: "Cấp", width: 6 },
    { header: "Tình trạng", width: 18 },
    { header: "Thời hạn", width: 12 },
    { header: "Gửi lần đầu", width: 18 },
    ...view.figures.computed.map((f) => ({ header: f.label, width: 16 })),
    ...manual.map((m) => ({ header: m.unit ? `${m.label} (${m.unit})` : m.label, width: 16 })),
  ];
  sheet.columns = columns.map((c, i) => ({
    width: c.width,
    ...(i === SUBMITTED_COLUMN ? { style: { numFmt: DATE_TIME_FORMAT } } : {}),
  }));
  writeTitle(sheet, `Báo cáo của các đơn vị — ${title}`);
  writeHeader(
    sheet,
    2,
    columns.map((c) => c.header),
  );
  let rowNumber = 2;
  const today = vnToday();
  const requesterDepth = row.requesterPath.split("/").filter(Boolean).length - 1;
  for await (const u of subtreeReports(db, row.request.id, row.unitPath)) {
    const r = sheet.getRow(++rowNumber);
    const overdue = !u.report.firstSubmittedAt && today > view.request.dueOn;
    r.values = cells([
      u.code ?? "",
      u.name,
      u.parentName ?? "",
      u.depth - requesterDepth,
      statusNames[u.report.status] ?? u.report.status,
      u.report.timeliness === "on_time"
        ? "Đúng hạn"
        : u.report.timeliness === "late"
          ? "Muộn"
          : overdue
            ? "Quá hạn"
            : "",
      u.report.firstSubmittedAt ? vietnamTimeCell(u.report.firstSubmittedAt) : null,
      ...computedKeys.map((k) => u.report.snapshot?.computed[k] ?? null),
      ...manual.map((m) => u.report.manualValues[m.key] ?? null),
    ]);
    r.commit();
  }
  if (rowNumber - 2 >= EXPORT_LIMIT) {
    const cut = sheet.getRow(++rowNumber);
    cut.getCell(1).value = `Chỉ xuất ${EXPORT_LIMIT} đơn vị đầu tiên.`;
    cut.commit();
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  const fileName = `Số liệu báo cáo - ${row.unitName} - ${view.request.title}.xlsx`;
  return { data: Buffer.concat(chunks), fileName };
}
