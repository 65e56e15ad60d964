/**
 * Reading and writing tables: imports of member and unit lists from real Excel sheets (.xlsx) and
 * CSV files, and the .xlsx exports and import templates of list views.
 *
 * Reading is forgiving about what people put in sheets (title rows above the header, headers in
 * capitals or without diacritics, decomposed Unicode, stray spaces, dates as dates, serial numbers
 * or text) and strict about the values: every problem is reported, row by row, in Vietnamese.
 * Reading is bounded: a file is refused (FILE_REJECTED) before it is parsed when it is, or
 * unpacks to, more than READ_LIMITS allow, and it is parsed in a child process with a heap limit
 * and a deadline (spreadsheet-sandbox.ts), so that a zip bomb cannot stop the server.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { AppError } from "./errors.ts";
import { type ReadAnswer, type ReadRequest, type RejectReason, readApart } from "./spreadsheet-sandbox.ts";
import { cleanText, foldForSearch } from "./vietnamese.ts";
import { declaredProblem, inflatedProblem, zipEntries } from "./xlsx-archive.ts";

export type ColumnKind = "text" | "date" | "integer" | "enum";

export interface ColumnSpec<K extends string> {
  key: K;
  /** Vietnamese header shown in templates and exports, and accepted on import. */
  header: string;
  /** Other accepted header spellings (English, without diacritics…); compared folded. */
  aliases?: string[];
  required?: boolean;
  kind: ColumnKind;
  /** For enum: accepted input (folded, e.g. "nu") → stored value. Stored values are accepted too. */
  values?: Record<string, string>;
  /** For enum: stored value → label written in exports and templates (accepted on import, listed in errors). */
  labels?: Record<string, string>;
  /** For text: the longest accepted value, in characters. */
  maxLength?: number;
  /** Column width in characters for exports and templates. */
  width?: number;
  /** For date: also accept a bare year ("1950"), read as "1950" (ISO 8601 reduced precision). */
  allowYearOnly?: boolean;
}

export interface CellError {
  /** 1-based row number as Excel shows it (for CSV: the record number); 0 = the file as a whole. */
  row: number;
  /** The header text as in the file, or the spec header when the column is missing; "" for the file. */
  column: string;
  /** Vietnamese message for the person who uploaded the file. */
  message: string;
}

export type CellValue = string | number | null;

export interface ReadRow<K extends string> {
  /** 1-based row number as Excel shows it. */
  row: number;
  /**
   * One entry per spec column found in the file (null when the cell is empty); columns missing
   * from the file are absent. Dates are ISO "YYYY-MM-DD" (or "YYYY" with allowYearOnly), integers
   * numbers, enums their stored value, text cleaned (NFC, trimmed, single spaces).
   */
  values: Partial<Record<K, CellValue>>;
  /**
   * Only with `keepInvalidRows`, only on a row with bad cells: the columns whose cell has an
   * error (reported in `errors`); they are absent from `values`.
   */
  invalid?: K[];
}

export interface ReadResult<K extends string> {
  /**
   * The rows without errors, in file order. A row with any error is only in `errors`, unless
   * `keepInvalidRows` keeps it here too (marked with `invalid`).
   */
  rows: ReadRow<K>[];
  /** Every problem found, in file order. Empty when the whole file can be imported. */
  errors: CellError[];
  /** Only with `keepInvalidRows`: the header text as written in the file, per column found. */
  headers?: Partial<Record<K, string>>;
}

export interface ReadOptions {
  /** Most data rows accepted (blank rows do not count); beyond it, one error and reading stops. */
  maxRows?: number;
  /**
   * Keep the rows with bad cells in `rows` (with `invalid` naming those cells) and give the
   * file's `headers`, so that an import can check the rest of every row and report every problem
   * of the file in one go, not one round of errors after another.
   */
  keepInvalidRows?: boolean;
  /** Bounds of reading; READ_LIMITS unless given (tests lower them). */
  limits?: Partial<ReadLimits>;
}

export interface ReadLimits {
  /** Largest CSV file, bytes. */
  maxTextBytes: number;
  /** Largest sum of the sizes an .xlsx's parts unpack to, as declared, bytes. */
  maxUnpackedBytes: number;
  /** Highest unpacked / packed ratio of an .xlsx part over 1 MiB. */
  maxRatio: number;
  /** Most parts in an .xlsx. */
  maxEntries: number;
  /** The reading process's heap (V8 old generation), MB. */
  heapMb: number;
  /** Longest a read may take, ms. */
  deadlineMs: number;
}

/**
 * Measured (2 cores): a 100,000-row people sheet with every column filled (ExcelJS, inline
 * strings) is a 5.0 MB file whose sheet unpacks to 56.5 MB (11:1; 100,000 identical rows with
 * shared strings: 12:1); reading it needs 400–500 MB of heap (fails at 384 MB) and takes 10 s,
 * 35 s on a loaded machine. The limits leave over twice the size and heap, 100:1 is ~8× any
 * list's ratio, and the deadline is over 3× the slowest read seen. Uploads are capped at 25 MB.
 */
export const READ_LIMITS: ReadLimits = {
  maxTextBytes: 32 * 1024 * 1024,
  maxUnpackedBytes: 128 * 1024 * 1024,
  maxRatio: 100,
  maxEntries: 10_000,
  heapMb: 1024,
  deadlineMs: 120_000,
};

export interface WriteOptions {
  /** Worksheet name (Excel allows 31 characters, no []:*?/\); default "Danh sách". */
  sheetName?: string;
  /** A bold title row above the header. */
  title?: string;
}

export type WriteValue = string | number | Date | null | undefined;

/** How many rows from the top are searched for the header row. */
export const HEADER_SEARCH_ROWS = 10;
const DATE_FORMAT = "dd/mm/yyyy";
/** A moment in a cell: Vietnam's wall-clock time (see `vietnamTimeCell`). */
export const DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm";

/**
 * How an exported sheet prints, as offices print lists: A4 landscape, all columns on the page's
 * width, as many pages down as it takes, the header row repeated on each (184 people printed as
 * 15 portrait pages, their columns split across pages, before).
 */
export const printSetup = (headerRow: number): Partial<ExcelJS.PageSetup> => ({
  paperSize: 9,
  orientation: "landscape",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: `${headerRow}:${headerRow}`,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
});

/** A moment as a real date-time cell showing Vietnam's time (cells carry no time zone). */
export const vietnamTimeCell = (d: Date) => new Date(d.getTime() + 7 * 3_600_000);
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

// ---------------------------------------------------------------------------------------------
// Raw cells

/** A cell as read from a file, before the column's kind is applied. */
type Raw = string | number | boolean | Date | { error: string } | null;

interface SheetRow {
  row: number;
  /** 0-based column index → raw value. */
  cells: Raw[];
}

interface Sheet {
  /** The rows that are not blank, in order. */
  rows: Iterable<SheetRow>;
  /** Serial numbers count days from 1904 (old Mac Excel workbooks). */
  date1904: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

/** An exceljs cell value as a plain value: rich text joined, hyperlinks as their text, formulas as their result. */
function resolveExcelValue(v: unknown): Raw {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return cleanText(v) || null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (isRecord(v)) {
    if (Array.isArray(v.richText)) {
      const text = v.richText
        .map((part: unknown) => (isRecord(part) ? String(part.text ?? "") : ""))
        .join("");
      return cleanText(text) || null;
    }
    if ("hyperlink" in v || "text" in v) return resolveExcelValue(v.text);
    if ("formula" in v || "sharedFormula" in v) return resolveExcelValue(v.result);
    if (typeof v.error === "string") return { error: v.error };
  }
  return null;
}

const isBlank = (cells: Raw[]) => cells.every((c) => c === null);

// ---------------------------------------------------------------------------------------------
// Sources: xlsx and CSV

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary .xls

const startsWith = (data: Buffer, magic: number[]) => magic.every((b, i) => data[i] === b);

class FileError extends Error {}

const UNREADABLE_XLSX = "Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx";

function rowCells(row: ExcelJS.Row): Raw[] {
  const cells: Raw[] = [];
  row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
    cells[colNumber - 1] = resolveExcelValue(cell.value);
  });
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
  return cells;
}

/**
 * The rows of the first visible worksheet where the header row is found (an instructions sheet
 * may come first), else of the first visible worksheet. The workbook is loaded whole: exceljs 4.4's streaming
 * reader decodes each chunk of XML on its own and so garbles multi-byte characters that straddle
 * two chunks (exceljs issues #2063, #2084, #2316), which Vietnamese text would hit in any sizeable
 * sheet. The non-streaming loader decodes each part whole; it runs in the reading process, after
 * the checks of readHere, so the whole is bounded.
 */
async function xlsxSheet<K extends string>(data: Buffer, columns: ColumnSpec<K>[]): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types predate Node's generic Buffer.
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw new FileError(UNREADABLE_XLSX);
  }
  const date1904 = Boolean(workbook.properties?.date1904);
  const visible = workbook.worksheets.filter((ws) => ws.state === "visible");
  let first: SheetRow[] | undefined;
  for (const worksheet of visible.length > 0 ? visible : workbook.worksheets) {
    const rows: SheetRow[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells = rowCells(row);
      if (!isBlank(cells)) rows.push({ row: rowNumber, cells });
    });
    if (matchHeader(rows, columns)) return { rows, date1904 };
    first ??= rows;
  }
  return { rows: first ?? [], date1904 };
}

/** Decodes a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258 (Excel's "CSV" on Vietnamese Windows). */
function decodeText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return new TextDecoder("windows-1258").decode(data);
  }
}

/** RFC 4180 records: quoted fields may hold delimiters, newlines and doubled quotes; CRLF, LF or CR. Lenient with stray quotes. */
function* csvRecords(text: string, delimiter: string): Generator<string[]> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const record: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            field += text.slice(i);
            i = n;
            break;
          }
          field += text.slice(i, q);
          i = q + 1;
          if (text[i] === '"') {
            field += '"';
            i++;
          } else break;
        }
      }
      // Unquoted field, or what follows a closing quote up to the delimiter.
      while (i < n) {
        const c = text[i];
        if (c === delimiter || c === "\n" || c === "\r") break;
        field += c;
        i++;
      }
      record.push(field);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      break;
    }
    yield record;
  }
}

function* csvRows(text: string, delimiter: string): Generator<SheetRow> {
  let rowNumber = 0;
  for (const record of csvRecords(text, delimiter)) {
    rowNumber++;
    const cells = record.map((f) => cleanText(f) || null);
    if (!isBlank(cells)) yield { row: rowNumber, cells };
  }
}

function csvHead(text: string, delimiter: string): SheetRow[] {
  const head: SheetRow[] = [];
  for (const r of csvRows(text, delimiter)) {
    if (r.row > HEADER_SEARCH_ROWS) break;
    head.push(r);
  }
  return head;
}

// ---------------------------------------------------------------------------------------------
// Header

/** Folded forms of a header: as written, and without parenthesised notes ("Ngày sinh (dd/mm/yyyy)", "Họ tên (*)"). */
function headerForms(text: string): string[] {
  const folded = foldForSearch(text);
  const bare = foldForSearch(text.replace(/\([^)]*\)|\[[^\]]*\]/gu, " "));
  return bare && bare !== folded ? [folded, bare] : [folded];
}

interface HeaderMatch<K extends string> {
  index: number;
  /** 0-based column index → spec, and the header text as in the file. */
  columns: { col: number; spec: ColumnSpec<K>; text: string }[];
}

function matchHeader<K extends string>(rows: SheetRow[], columns: ColumnSpec<K>[]): HeaderMatch<K> | null {
  const lookup = new Map<string, ColumnSpec<K>>();
  for (const spec of columns) {
    for (const name of [spec.header, ...(spec.aliases ?? [])]) {
      for (const form of headerForms(name)) if (form && !lookup.has(form)) lookup.set(form, spec);
    }
  }
  const required = columns.filter((c) => c.required).length;
  const candidates = rows.filter((r) => r.row <= HEADER_SEARCH_ROWS);
  for (let index = 0; index < candidates.length; index++) {
    const cells = (candidates[index] as SheetRow).cells;
    const found: HeaderMatch<K>["columns"] = [];
    const seen = new Set<K>();
    cells.forEach((cell, col) => {
      if (typeof cell !== "string") return;
      const spec = headerForms(cell)
        .map((f) => lookup.get(f))
        .find((s) => s !== undefined);
      if (spec && !seen.has(spec.key)) {
        seen.add(spec.key);
        found.push({ col, spec, text: cell });
      }
    });
    const requiredMatched = found.filter((f) => f.spec.required).length;
    const enough = required > 0 ? requiredMatched * 2 >= required : found.length > 0;
    if (enough && found.length > 0) return { index, columns: found };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Values

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999) return null;
  const t = new Date(Date.UTC(2000, m - 1, d));
  t.setUTCFullYear(y);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The calendar day of an exceljs date (exceljs reads Excel's wall-clock time as UTC). */
const utcDay = (d: Date) => isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());

const VIETNAM_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: VIETNAM_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day in Vietnam of an instant, "YYYY-MM-DD". */
const vietnamDay = (d: Date) => VIETNAM_DAY.format(d);

/**
 * An Excel serial day as an ISO date. In the 1900 date system serial 1 is 1900-01-01 and serial 60
 * is Excel's phantom 29/02/1900 (Lotus's leap-year bug), so later serials are one day off; in the
 * 1904 system serial 0 is 1904-01-01. A time of day (the fraction) is dropped.
 */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial)) return null;
  const days = Math.floor(serial);
  if (date1904) return days < 0 ? null : utcDay(new Date(Date.UTC(1904, 0, 1) + days * 86_400_000));
  if (days < 1 || days === 60) return null;
  const epoch = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + days * 86_400_000);
  return utcDay(d);
}

const TIME_SUFFIX = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const DMY = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})${TIME_SUFFIX}$`, "u");
const YMD = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME_SUFFIX}$`, "u");
const YEAR = /^\d{4}$/u;

function parseDateText(text: string, allowYearOnly: boolean): string | null {
  const t = text.replace(/\s*([/.-])\s*/gu, "$1");
  let m = DMY.exec(t);
  if (m) return isoDate(Number(m[4]), Number(m[3]), Number(m[1]));
  m = YMD.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (allowYearOnly && YEAR.test(t)) return t;
  return null;
}

const displayNumber = (n: number) => String(Number.isInteger(n) ? n : Number(n.toPrecision(15)));

function rawToText(v: Exclude<Raw, null | { error: string }>): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return displayNumber(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return utcDay(v) ?? "";
}

/** How a raw value is shown back to the user in an error message. */
function shown(v: Raw): string {
  if (v === null) return "";
  if (isRecord(v) && !(v instanceof Date)) return v.error;
  if (v instanceof Date) {
    const day = utcDay(v);
    return day ? day.split("-").reverse().join("/") : "";
  }
  return rawToText(v);
}

const yearInRange = (iso: string) => {
  const y = Number(iso.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
};

interface EnumLookup {
  map: Map<string, string>;
  accepted: string;
}

function enumLookup<K extends string>(spec: ColumnSpec<K>): EnumLookup {
  const map = new Map<string, string>();
  const add = (input: string, stored: string) => {
    const f = foldForSearch(input);
    if (f && !map.has(f)) map.set(f, stored);
  };
  for (const [input, stored] of Object.entries(spec.values ?? {})) add(input, stored);
  for (const [stored, label] of Object.entries(spec.labels ?? {})) add(label, stored);
  for (const stored of Object.values(spec.values ?? {})) add(stored, stored);
  for (const stored of Object.keys(spec.labels ?? {})) add(stored, stored);
  const accepted = spec.labels ? Object.values(spec.labels) : Object.keys(spec.values ?? {});
  return { map, accepted: accepted.join(", ") };
}

type Converted = { value: CellValue } | { error: string };

function convert<K extends string>(
  spec: ColumnSpec<K>,
  raw: Raw,
  lookup: EnumLookup | undefined,
  date1904: boolean,
): Converted {
  if (raw === null) return spec.required ? { error: `Thiếu ${spec.header}` } : { value: null };
  if (isRecord(raw) && !(raw instanceof Date)) return { error: `Ô có lỗi công thức: ${raw.error}` };
  switch (spec.kind) {
    case "text": {
      const read = rawToText(raw);
      const text = NEUTRALISED.test(read) ? read.slice(1) : read;
      const length = [...text].length;
      if (spec.maxLength !== undefined && length > spec.maxLength) {
        return { error: `Quá dài: ${length} ký tự (tối đa ${spec.maxLength})` };
      }
      return { value: text };
    }
    case "date": {
      const hint = spec.allowYearOnly ? "dd/mm/yyyy hoặc yyyy" : "dd/mm/yyyy";
      let iso: string | null = null;
      if (raw instanceof Date) iso = utcDay(raw);
      else if (typeof raw === "number") {
        iso =
          spec.allowYearOnly && Number.isInteger(raw) && raw >= 1000 && raw <= 9999
            ? String(raw)
            : excelSerialToIso(raw, date1904);
      } else if (typeof raw === "string") iso = parseDateText(raw, spec.allowYearOnly === true);
      if (!iso) return { error: `Ngày không hợp lệ: ${shown(raw)} (dùng ${hint})` };
      if (!yearInRange(iso)) {
        return { error: `Ngày không hợp lệ: ${shown(raw)} (năm phải từ ${MIN_YEAR} đến ${MAX_YEAR})` };
      }
      return { value: iso };
    }
    case "integer": {
      let n: number | null = null;
      if (typeof raw === "number") n = raw;
      else if (typeof raw === "string" && /^[+-]?\d+$/u.test(raw.replace(/\s/gu, ""))) {
        n = Number(raw.replace(/\s/gu, ""));
      }
      if (n === null || !Number.isSafeInteger(n)) return { error: `Không phải số nguyên: ${shown(raw)}` };
      return { value: n };
    }
    case "enum": {
      const stored = lookup?.map.get(foldForSearch(rawToText(raw)));
      if (stored === undefined) {
        return { error: `Giá trị không hợp lệ: ${shown(raw)} (chấp nhận: ${lookup?.accepted ?? ""})` };
      }
      return { value: stored };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// readTable

type Format = "xlsx" | "csv" | "xls";

function detectFormat(data: Buffer, filename: string): Format {
  if (startsWith(data, ZIP_MAGIC)) return "xlsx";
  if (startsWith(data, OLE_MAGIC)) return "xls";
  const ext = /\.([a-z0-9]+)$/iu.exec(filename)?.[1]?.toLowerCase();
  if (ext === "xlsx" || ext === "xlsm") return "xlsx";
  if (ext === "xls") return "xls";
  return "csv";
}

const expectedHeaders = <K extends string>(columns: ColumnSpec<K>[]) => {
  const required = columns.filter((c) => c.required);
  return (required.length > 0 ? required : columns).map((c) => c.header).join(", ");
};

/** Parses CSV text with the delimiter that best reveals the header row. */
function readCsv<K extends string>(text: string, columns: ColumnSpec<K>[]): Sheet {
  // The delimiter with which the most columns are recognised in a header row; failing that, the
  // one that splits the top rows into the most fields. Ties: "," then ";" then tab.
  let best = { delimiter: ",", score: -1 };
  for (const delimiter of [",", ";", "\t"]) {
    const head = csvHead(text, delimiter);
    const match = matchHeader(head, columns);
    const score = match ? 1000 + match.columns.length : Math.max(0, ...head.map((r) => r.cells.length));
    if (score > best.score) best = { delimiter, score };
  }
  return { rows: csvRows(text, best.delimiter), date1904: false };
}

const fileProblem = <K extends string>(message: string): ReadResult<K> => ({
  rows: [],
  errors: [{ row: 0, column: "", message }],
});

const tooManyRows = (maxRows: number) =>
  `Tệp có hơn ${maxRows.toLocaleString("vi-VN")} dòng dữ liệu: hãy chia thành nhiều tệp nhỏ hơn`;

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

function rejection(reason: RejectReason, limits: ReadLimits): { vi: string; en: string } {
  const split = { vi: "hãy chia thành nhiều tệp nhỏ hơn", en: "split it into smaller files" };
  switch (reason) {
    case "too_large":
      return {
        vi: `Tệp lớn hơn ${megabytes(limits.maxTextBytes)}: ${split.vi}.`,
        en: `The file is larger than ${megabytes(limits.maxTextBytes)}: ${split.en}.`,
      };
    case "unpacked_too_large":
      return {
        vi: `Tệp Excel giải nén ra hơn ${megabytes(limits.maxUnpackedBytes)}: ${split.vi}.`,
        en: `The Excel file unpacks to more than ${megabytes(limits.maxUnpackedBytes)}: ${split.en}.`,
      };
    case "too_many_parts":
      return {
        vi: `Tệp Excel có hơn ${limits.maxEntries.toLocaleString("vi-VN")} thành phần: không phải một danh sách thông thường.`,
        en: `The Excel file has more than ${limits.maxEntries} parts: not an ordinary list.`,
      };
    case "compression_ratio":
      return {
        vi: "Tệp Excel bị nén bất thường (giải nén ra lớn gấp hơn 100 lần), có thể là tệp độc hại: tệp không được đọc.",
        en: "The Excel file is compressed abnormally (it unpacks to over 100 times its size), possibly a malicious file: it was not read.",
      };
    case "size_mismatch":
      return {
        vi: "Tệp Excel hỏng hoặc độc hại: dữ liệu giải nén lớn hơn kích thước tệp khai báo. Tệp không được đọc.",
        en: "The Excel file is corrupt or malicious: it unpacks to more than it declares. It was not read.",
      };
    case "memory":
      return {
        vi: `Tệp cần quá nhiều bộ nhớ để đọc: ${split.vi}.`,
        en: `Reading the file needs too much memory: ${split.en}.`,
      };
    case "time":
      return {
        vi: `Đọc tệp mất quá ${Math.ceil(limits.deadlineMs / 1000)} giây: ${split.vi}.`,
        en: `Reading the file took over ${Math.ceil(limits.deadlineMs / 1000)} seconds: ${split.en}.`,
      };
  }
}

const fileRejected = (reason: RejectReason, limits: ReadLimits) =>
  new AppError("FILE_REJECTED", { message: rejection(reason, limits), details: { reason } });

const DECLARED_REASON = {
  entries: "too_many_parts",
  unpacked: "unpacked_too_large",
  ratio: "compression_ratio",
} as const satisfies Record<string, RejectReason>;

/**
 * Reads the first worksheet of an .xlsx file, or a CSV file (UTF-8 with or without BOM, `,` `;`
 * or tab, RFC 4180 quoting). The header row is the first of the top 10 rows where at least half of
 * the required columns are found (headers compared folded: case, diacritics and punctuation do not
 * matter; a note in parentheses is ignored). Unknown columns are ignored.
 *
 * Bounded (READ_LIMITS, or `options.limits`): a CSV over `maxTextBytes`, or an .xlsx whose zip
 * directory declares more than `maxUnpackedBytes`, a part compressed over `maxRatio` or over
 * `maxEntries` parts, is refused before anything is parsed; then the file is read in a child
 * process, which inflates every part as a stream first (a part unpacking to more than it declares
 * is refused; a worksheet with more than `maxRows` rows of values stops there) and is stopped when
 * it runs out of its heap (`heapMb`) or time (`deadlineMs`). A refusal is AppError FILE_REJECTED
 * (422, `details.reason`); problems of the rows stay in the result.
 */
export async function readTable<K extends string>(
  data: Buffer,
  filename: string,
  columns: ColumnSpec<K>[],
  options: ReadOptions = {},
): Promise<ReadResult<K>> {
  const format = detectFormat(data, filename);
  if (format === "xls") {
    return fileProblem(
      "Tệp Excel 97–2003 (.xls) không được hỗ trợ: hãy mở bằng Excel và lưu lại thành .xlsx",
    );
  }
  const limits = { ...READ_LIMITS, ...options.limits };
  if (format === "csv" && data.length > limits.maxTextBytes) throw fileRejected("too_large", limits);
  if (format === "xlsx") {
    const entries = zipEntries(data);
    if (!entries) return fileProblem(UNREADABLE_XLSX);
    const problem = declaredProblem(entries, limits);
    if (problem) throw fileRejected(DECLARED_REASON[problem], limits);
  }
  const answer = await readApart(
    {
      data,
      filename,
      format,
      columns,
      maxRows: options.maxRows,
      keepInvalidRows: options.keepInvalidRows === true,
    },
    limits,
  );
  if ("rejected" in answer) throw fileRejected(answer.rejected, limits);
  return answer.result as ReadResult<K>;
}

/**
 * The reading process's part of readTable: what the .xlsx parts really unpack to (and how many
 * rows its worksheets hold) is checked by inflating them as a stream, then the file is parsed.
 */
export async function readHere(request: ReadRequest): Promise<ReadAnswer> {
  const data = Buffer.from(request.data.buffer, request.data.byteOffset, request.data.byteLength);
  if (request.format === "xlsx") {
    const entries = zipEntries(data);
    if (!entries) return { result: fileProblem(UNREADABLE_XLSX) };
    const { maxRows } = request;
    // Title and header rows are rows of values too.
    const problem = await inflatedProblem(
      data,
      entries,
      maxRows === undefined ? undefined : maxRows + HEADER_SEARCH_ROWS,
    );
    if (problem === "mismatch") return { rejected: "size_mismatch" };
    if (problem === "corrupt") return { result: fileProblem(UNREADABLE_XLSX) };
    if (problem === "rows") return { result: fileProblem(tooManyRows(maxRows ?? 0)) };
  }
  return { result: await parseTable(data, request.format, request.columns, request) };
}

async function parseTable<K extends string>(
  data: Buffer,
  format: "xlsx" | "csv",
  columns: ColumnSpec<K>[],
  options: { maxRows: number | undefined; keepInvalidRows: boolean },
): Promise<ReadResult<K>> {
  const errors: CellError[] = [];
  const rows: ReadRow<K>[] = [];
  let sheet: Sheet;
  try {
    sheet = format === "xlsx" ? await xlsxSheet(data, columns) : readCsv(decodeText(data), columns);
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    return fileProblem(e.message);
  }

  let lookups = new Map<K, EnumLookup>();
  let count = 0;
  const readRow = (header: HeaderMatch<K>, { row, cells }: SheetRow): "stop" | undefined => {
    // Blank in every recognised column: nothing to import (a number in an unknown "STT" column does not count).
    if (header.columns.every(({ col }) => (cells[col] ?? null) === null)) return;
    count++;
    if (options.maxRows !== undefined && count > options.maxRows) {
      errors.push({ row, column: "", message: tooManyRows(options.maxRows) });
      return "stop";
    }
    const values: Partial<Record<K, CellValue>> = {};
    const invalid: K[] = [];
    for (const { col, spec, text } of header.columns) {
      const result = convert(spec, cells[col] ?? null, lookups.get(spec.key), sheet.date1904);
      if ("error" in result) {
        invalid.push(spec.key);
        errors.push({ row, column: text, message: result.error });
      } else values[spec.key] = result.value;
    }
    if (!invalid.length) rows.push({ row, values });
    else if (options.keepInvalidRows) rows.push({ row, values, invalid });
  };

  /** undefined: still reading the top rows; null: nothing more to read. */
  let header: HeaderMatch<K> | null | undefined;
  const head: SheetRow[] = [];
  const findHeader = (): HeaderMatch<K> | null => {
    const match = matchHeader(head, columns);
    if (!match) {
      errors.push({
        row: 1,
        column: "",
        message: `Không tìm thấy dòng tiêu đề trong ${HEADER_SEARCH_ROWS} dòng đầu; cần các cột: ${expectedHeaders(columns)}`,
      });
      return null;
    }
    const headerRow = (head[match.index] as SheetRow).row;
    const found = new Set(match.columns.map((c) => c.spec.key));
    const missing = columns.filter((c) => c.required && !found.has(c.key));
    for (const spec of missing) {
      errors.push({ row: headerRow, column: spec.header, message: `Thiếu cột bắt buộc: ${spec.header}` });
    }
    if (missing.length > 0) return null;
    lookups = new Map(
      match.columns
        .filter(({ spec }) => spec.kind === "enum")
        .map(({ spec }) => [spec.key, enumLookup(spec)]),
    );
    for (const r of head.slice(match.index + 1)) if (readRow(match, r) === "stop") return null;
    return match;
  };

  for (const r of sheet.rows) {
    if (header === undefined) {
      if (r.row <= HEADER_SEARCH_ROWS) {
        head.push(r);
        continue;
      }
      header = findHeader();
    }
    if (header === null) break;
    if (readRow(header, r) === "stop") break;
  }
  if (header === undefined) header = findHeader();
  if (!options.keepInvalidRows) return { rows, errors };
  const headers: Partial<Record<K, string>> = {};
  for (const { spec, text } of header?.columns ?? []) headers[spec.key] = text;
  return { rows, errors, headers };
}

// ---------------------------------------------------------------------------------------------
// writeTable, templateFor

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;
/** Characters XML 1.0 cannot carry: Excel refuses the whole file when a cell holds one. */
const XML_INVALID = /(?![\t\n\r])\p{Cc}|[\uFFFE\uFFFF]/gu;
/** The most characters an Excel cell holds. */
const MAX_CELL_TEXT = 32_767;

/** The same characters, found without the Unicode-aware scan (most text has none: nothing to replace). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML cannot hold are what it finds
const XML_INVALID_ANY = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]/;

/** What a spreadsheet app may take for the start of a formula when a cell is edited or saved as CSV. */
const FORMULA_START = /^[=+\-@\t\r]/u;
/** A text neutralised on writing (OWASP's CSV-injection advice; tabs are read as spaces), read back as it was. */
const NEUTRALISED = /^'[=+\-@\s]/u;

/**
 * Text from user data as a cell holds it: characters XML cannot carry dropped, cut to Excel's
 * length, and a text that would start a formula ("=SUM(…)", "+84…", "- ý kiến", "@…") prefixed
 * with an apostrophe, so that no export starts with a live formula character.
 */
export const cellText = (s: string) => {
  let clean = XML_INVALID_ANY.test(s) ? s.replace(XML_INVALID, "") : s;
  if (FORMULA_START.test(clean)) clean = `'${clean}`;
  return clean.length > MAX_CELL_TEXT ? clean.slice(0, MAX_CELL_TEXT) : clean;
};

/** Days already converted (a list's dates repeat: tens of thousands of days for millions of cells). */
const excelDays = new Map<string, Date | null>();

function excelDay(iso: string): Date | null {
  const known = excelDays.get(iso);
  if (known !== undefined) return known;
  const m = ISO_DAY.exec(iso);
  const day =
    m && isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
      ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
      : null;
  if (excelDays.size >= 100_000) excelDays.clear();
  excelDays.set(iso, day);
  return day;
}

const VIETNAM_DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: VIETNAM_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function vietnamDateTime(d: Date): string {
  const parts = VIETNAM_DATE_TIME.formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")}`;
}

function cellValueFor<K extends string>(spec: ColumnSpec<K>, v: WriteValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (spec.kind === "date") {
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : excelDay(vietnamDay(v));
    if (typeof v === "string") return excelDay(v) ?? cellText(v);
    return v;
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : vietnamDateTime(v);
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (spec.kind === "enum") return cellText(spec.labels?.[v] ?? v);
  return cellText(v);
}

const widthOf = <K extends string>(spec: ColumnSpec<K>) =>
  spec.width ?? Math.max(spec.kind === "date" ? 12 : 10, Math.min(40, [...spec.header].length + 4));

/** Excel's rules for sheet names: at most 31 characters, none of []:*?/\ , not blank. */
function safeSheetName(name: string | undefined): string {
  const cleaned = cleanText(name ?? "")
    .replace(/[[\]:*?/\\]/gu, " ")
    .replace(/^'+|'+$/gu, "")
    .trim();
  return [...(cleaned || "Danh sách")].slice(0, 31).join("");
}

// A complete font (a bare { bold } is written without name and size, which spreadsheet apps may render oddly).
const HEADER_FONT = { name: "Calibri", size: 11, bold: true };
const TITLE_FONT = { name: "Calibri", size: 14, bold: true };

interface SheetWriteOptions extends WriteOptions {
  /** Templates: text-formatted input cells (so dates typed dd/mm/yyyy and numbers with leading zeros stay as typed) and enum drop-downs. */
  template?: boolean;
}

type WriteRows<K extends string> =
  | Iterable<Partial<Record<K, WriteValue>>>
  | AsyncIterable<Partial<Record<K, WriteValue>>>;

async function writeSheet<K extends string>(
  columns: ColumnSpec<K>[],
  rows: WriteRows<K>,
  options: SheetWriteOptions,
): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });
  // Awaited after the commit; meanwhile a failure must not count as unhandled.
  finished.catch(() => {});
  await writeSheetTo(output, columns, rows, options);
  await finished;
  return Buffer.concat(chunks);
}

async function writeSheetTo<K extends string>(
  output: PassThrough,
  columns: ColumnSpec<K>[],
  rows: WriteRows<K>,
  options: SheetWriteOptions,
): Promise<void> {
  const workbook = openWorkbook(output);
  const sheet = addSheet(workbook, columns, options);
  for await (const values of rows) sheet.add(values);
  if (options.template) addDropDowns(sheet, columns);
  sheet.commit();
  await workbook.commit();
}

const openWorkbook = (output: PassThrough) =>
  new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });

interface SheetWriter<K extends string> {
  readonly worksheet: ExcelJS.Worksheet;
  readonly headerRowNumber: number;
  /** Data rows written so far. */
  readonly rows: number;
  add(values: Partial<Record<K, WriteValue>>): void;
  commit(): void;
}

/** A worksheet with the title and header rows written: rows are then added and committed one by one. */
function addSheet<K extends string>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  columns: ColumnSpec<K>[],
  options: SheetWriteOptions,
): SheetWriter<K> {
  const title = options.title ? cleanText(options.title) : "";
  const headerRowNumber = title ? 2 : 1;
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName), {
    views: [{ state: "frozen", xSplit: 0, ySplit: headerRowNumber }],
    pageSetup: printSetup(headerRowNumber),
  });
  // One style object per column, shared by its cells: exceljs finds a style it has seen by the
  // object's identity, while a cell's own copy costs a rendering and a lookup per cell (a third of
  // the time of a large export).
  const styles: Partial<ExcelJS.Style>[] = columns.map((spec) =>
    options.template ? { numFmt: "@" } : spec.kind === "date" ? { numFmt: DATE_FORMAT } : {},
  );
  sheet.columns = columns.map((spec, i) => ({ key: spec.key, width: widthOf(spec), style: styles[i] ?? {} }));

  if (title) {
    const row = sheet.getRow(1);
    row.getCell(1).value = title;
    row.getCell(1).font = TITLE_FONT;
    row.getCell(1).alignment = { vertical: "middle" };
    // Tall enough for 14 pt capitals with their diacritics (the default 15 pt row cuts them).
    row.height = 24;
    if (columns.length > 1) sheet.mergeCells(1, 1, 1, columns.length);
    row.commit();
  }
  const header = sheet.getRow(headerRowNumber);
  columns.forEach((spec, i) => {
    const cell = header.getCell(i + 1);
    cell.value = spec.header;
    cell.font = HEADER_FONT;
    cell.alignment = { vertical: "middle", wrapText: true };
  });
  // Wrapped headers get the lines they need: Excel does not grow a row on its own when opening a file.
  const headerLines = Math.max(
    1,
    ...columns.map((spec) => Math.ceil([...spec.header].length / Math.max(1, widthOf(spec) - 1))),
  );
  header.height = Math.max(20, 16 * headerLines + 4);
  header.commit();
  if (columns.length > 0) {
    sheet.autoFilter = {
      from: { row: headerRowNumber, column: 1 },
      to: { row: headerRowNumber, column: columns.length },
    };
  }

  let rowNumber = headerRowNumber;
  const raw = rawRowsOf(workbook, sheet);
  if (raw) {
    // Data rows as XML written straight to the sheet's part: exceljs's cell model (an object, an
    // address check and a style lookup per cell, then a render) costs ~5× more per row.
    const letters = columns.map((_, i) => sheet.getColumn(i + 1).letter);
    const styleIds = columns.map((spec, i) =>
      raw.styleId(styles[i] ?? {}, spec.kind === "date" ? 4 : spec.kind === "integer" ? 2 : 3),
    );
    let pending = "";
    const flush = () => {
      if (pending) raw.write(pending);
      pending = "";
      raw.rowsWritten(rowNumber);
    };
    return {
      worksheet: sheet,
      headerRowNumber,
      get rows() {
        return rowNumber - headerRowNumber;
      },
      add(values) {
        rowNumber++;
        let cells = "";
        let min = 0;
        let max = 0;
        for (let i = 0; i < columns.length; i++) {
          const spec = columns[i] as ColumnSpec<K>;
          const v = cellValueFor(spec, values[spec.key]);
          if (v === null || v === undefined) continue;
          const xml = cellXml(`${letters[i]}${rowNumber}`, styleIds[i] ?? 0, v);
          if (!xml) continue;
          cells += xml;
          min ||= i + 1;
          max = i + 1;
        }
        if (cells)
          pending += `<row r="${rowNumber}" spans="${min}:${max}" x14ac:dyDescent="0.25">${cells}</row>`;
        if (pending.length > 65_536) flush();
      },
      commit() {
        flush();
        sheet.commit();
      },
    };
  }
  return {
    worksheet: sheet,
    headerRowNumber,
    get rows() {
      return rowNumber - headerRowNumber;
    },
    add(values) {
      rowNumber++;
      const row = sheet.getRow(rowNumber);
      columns.forEach((spec, i) => {
        const v = cellValueFor(spec, values[spec.key]);
        if (v === null) return;
        const cell = row.getCell(i + 1);
        cell.value = v;
        cell.style = styles[i] ?? {};
      });
      row.commit();
    },
    commit() {
      sheet.commit();
    },
  };
}

/** What exceljs's stream writer keeps for itself, used to write data rows as XML (4.4). */
interface WriterInternals {
  styles?: { addStyleModel?(model: Partial<ExcelJS.Style>, cellType: number): number };
}
interface WorksheetInternals {
  stream?: { write(data: string): unknown };
  _rowZero?: number;
  _rows?: unknown[] | null;
  startedData?: boolean;
}

/**
 * Direct access to a stream worksheet's part, once its header rows are committed: write XML rows
 * and tell exceljs how far they went. Null when exceljs's internals are not as expected (another
 * version), and the cell model is used instead.
 */
function rawRowsOf(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ExcelJS.Worksheet) {
  const w = workbook as unknown as WriterInternals;
  const ws = sheet as unknown as WorksheetInternals;
  const addStyleModel = w.styles?.addStyleModel?.bind(w.styles);
  if (!addStyleModel || !ws.startedData || typeof ws._rowZero !== "number" || !Array.isArray(ws._rows))
    return null;
  if (ws._rows.some((row) => row)) return null;
  const stream = ws.stream;
  if (!stream || typeof stream.write !== "function") return null;
  return {
    styleId: (style: Partial<ExcelJS.Style>, cellType: number) => addStyleModel(style, cellType),
    write: (xml: string) => stream.write(xml),
    /** Rows up to `last` are written: the next row exceljs would accept is after it. */
    rowsWritten: (last: number) => {
      ws._rowZero = last + 1;
    },
  };
}

const XML_ESCAPE = /[<>&"']/g;
const XML_ENTITIES: Record<string, string> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
  "'": "&apos;",
};
const XML_SPECIAL = /[<>&"']/;
const xmlEscape = (text: string) =>
  XML_SPECIAL.test(text) ? text.replace(XML_ESCAPE, (c) => XML_ENTITIES[c] ?? c) : text;

/** A cell as exceljs writes it (inline values, no shared strings); "" for a value it would not write. */
function cellXml(address: string, styleId: number, v: ExcelJS.CellValue): string {
  const s = styleId ? ` s="${styleId}"` : "";
  if (typeof v === "number") return Number.isFinite(v) ? `<c r="${address}"${s}><v>${v}</v></c>` : "";
  if (typeof v === "string") return `<c r="${address}"${s} t="str"><v>${xmlEscape(v)}</v></c>`;
  if (v instanceof Date) return `<c r="${address}"${s}><v>${25569 + v.getTime() / 86_400_000}</v></c>`;
  return "";
}

/** Templates: a drop-down list of the labels on each enum column's first 1,000 input rows. */
function addDropDowns<K extends string>(sheet: SheetWriter<K>, columns: ColumnSpec<K>[]) {
  const first = sheet.headerRowNumber + 1;
  columns.forEach((spec, i) => {
    const labels = spec.kind === "enum" ? Object.values(spec.labels ?? {}) : [];
    const list = `"${labels.join(",")}"`;
    if (labels.length === 0 || list.length > 255 || labels.some((l) => l.includes(","))) return;
    const letter = sheet.worksheet.getColumn(i + 1).letter;
    // Present on stream worksheets too, but missing from exceljs's types for Worksheet.
    (
      sheet.worksheet as unknown as {
        dataValidations: { add(address: string, v: ExcelJS.DataValidation): void };
      }
    ).dataValidations.add(`${letter}${first}:${letter}${sheet.headerRowNumber + 1000}`, {
      type: "list",
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorStyle: "warning",
      errorTitle: spec.header,
      error: `Chọn một trong: ${labels.join(", ")}`,
    });
  });
}

/** The most rows a sheet may hold below a title and a header row (Excel shows 1,048,576 rows). */
export const MAX_SHEET_ROWS = 1_048_574;

/** One part of a workbook: its rows go to a sheet of that name, continued in "Name (2)", … past the row limit. */
export interface SheetPart<K extends string> {
  sheetName: string;
  /** The bold title row of its sheets; continuation sheets add "(tiếp theo)". */
  title?: string;
  rows: WriteRows<K>;
}

export interface WorkbookOptions {
  /** Data rows per sheet (default MAX_SHEET_ROWS): a part with more continues on further sheets. */
  maxRowsPerSheet?: number;
  /** Called with each sheet's name as it is started. */
  onSheet?: (name: string) => void;
}

/** A sheet name unused in the workbook (Excel compares them case-insensitively), with an optional " (n)" suffix. */
function uniqueSheetName(base: string, used: Set<string>, continuation: number): string {
  const clean = safeSheetName(base);
  for (let n = continuation; ; n++) {
    const suffix = n > 1 ? ` (${n})` : "";
    const name =
      [...clean]
        .slice(0, 31 - suffix.length)
        .join("")
        .trimEnd() + suffix;
    if (!used.has(name.toLocaleLowerCase("vi"))) {
      used.add(name.toLocaleLowerCase("vi"));
      return name;
    }
  }
}

/**
 * An .xlsx of several parts streamed one after the other (a national list: one part per
 * province), each part on its own sheet — or sheets: past `maxRowsPerSheet` rows a part continues
 * on "Name (2)", "Name (3)", … whose title says "(tiếp theo)". A part without rows gets no sheet;
 * a workbook without any rows has the first part's empty sheet. Rows are written out as they come
 * and read only as fast as the stream is consumed, so memory stays bounded whatever the size.
 */
export function streamWorkbook<K extends string>(
  columns: ColumnSpec<K>[],
  parts: Iterable<SheetPart<K>> | AsyncIterable<SheetPart<K>>,
  options: WorkbookOptions = {},
): PassThrough {
  const output = new PassThrough();
  writeWorkbookTo(output, columns, parts, options).catch((error) => output.destroy(error as Error));
  return output;
}

async function writeWorkbookTo<K extends string>(
  output: PassThrough,
  columns: ColumnSpec<K>[],
  parts: Iterable<SheetPart<K>> | AsyncIterable<SheetPart<K>>,
  options: WorkbookOptions,
): Promise<void> {
  const limit = Math.max(1, Math.min(options.maxRowsPerSheet ?? MAX_SHEET_ROWS, MAX_SHEET_ROWS));
  const workbook = openWorkbook(output);
  const used = new Set<string>();
  let first: SheetPart<K> | null = null;
  let sheets = 0;
  let written = 0;
  const start = (part: SheetPart<K>, continuation: number) => {
    const sheetName = uniqueSheetName(part.sheetName, used, continuation);
    options.onSheet?.(sheetName);
    sheets++;
    const title = part.title && continuation > 1 ? `${part.title} (tiếp theo)` : part.title;
    return addSheet(workbook, columns, { sheetName, title, template: false });
  };
  for await (const part of parts) {
    first ??= part;
    let sheet: SheetWriter<K> | null = null;
    let continuation = 0;
    for await (const values of backpressured(readAhead(part.rows), output)) {
      // Rows read ahead arrive without a pause: let other requests in now and then.
      if (++written % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      if (!sheet || sheet.rows >= limit) {
        sheet?.commit();
        continuation++;
        sheet = start(part, continuation);
      }
      sheet.add(values);
    }
    sheet?.commit();
  }
  if (sheets === 0) start(first ?? { sheetName: "Danh sách", rows: [] }, 1).commit();
  await workbook.commit();
}

/**
 * An .xlsx of the rows: an optional bold title row, a bold, frozen header row with a filter,
 * column widths. Values by column kind: date — ISO "YYYY-MM-DD" strings and Dates (their day in
 * Vietnam) become real Excel dates shown dd/mm/yyyy, other strings ("1950") stay text; enum — the
 * label of the stored value when `labels` has one; a Date in another column is written as
 * "dd/mm/yyyy HH:mm" Vietnam time. Rows (an array, a generator, or an async iterable such as a
 * database cursor) are streamed into the file one by one (exceljs's WorkbookWriter), so 50,000
 * rows do not hold a workbook model in memory; the result is one Buffer (about 50 bytes a cell).
 */
export function writeTable<K extends string>(
  columns: ColumnSpec<K>[],
  rows: Iterable<Partial<Record<K, WriteValue>>> | AsyncIterable<Partial<Record<K, WriteValue>>>,
  options: WriteOptions = {},
): Promise<Buffer> {
  return writeSheet(columns, rows, { ...options, template: false });
}

/**
 * `writeTable` as a stream, for a response: each row is written out as it comes (a database read in
 * batches), so neither the rows nor the file are held whole. The rows are read only as fast as the
 * stream is consumed; a failure while reading destroys the stream (the download is cut short).
 */
export function streamTable<K extends string>(
  columns: ColumnSpec<K>[],
  rows: AsyncIterable<Partial<Record<K, WriteValue>>>,
  options: WriteOptions = {},
): PassThrough {
  return streamWorkbook(columns, [
    { sheetName: options.sheetName ?? "Danh sách", title: options.title, rows },
  ]);
}

/** Rows read ahead of the writing: a database batch is fetched while the one before is written. */
const READ_AHEAD = 2_000;
/** Rows written between two turns of the event loop (a few milliseconds of work). */
const YIELD_EVERY = 200;

/**
 * The rows of `source`, pulled up to `max` ahead of the consumer: when the source awaits (the next
 * batch of a database read), the rows already pulled are written meanwhile, so the database and
 * the writing overlap instead of taking turns. At most `max` rows are held.
 */
export async function* readAhead<T>(
  source: Iterable<T> | AsyncIterable<T>,
  max = READ_AHEAD,
): AsyncGenerator<T> {
  const it =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (source as Iterable<T>)[Symbol.iterator]();
  const buffer: T[] = [];
  let done = false;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  let pulling: Promise<void> | null = null;
  let stopped = false;
  const pull = async () => {
    try {
      while (!done && !stopped && buffer.length < max) {
        const next = await it.next();
        if (next.done) done = true;
        else buffer.push(next.value);
        wake?.();
      }
    } catch (error) {
      failure = { error };
      done = true;
    } finally {
      pulling = null;
      wake?.();
    }
  };
  try {
    for (;;) {
      if (!pulling && !done && buffer.length < max) pulling = pull();
      if (buffer.length > 0) {
        yield buffer.shift() as T;
        continue;
      }
      if (failure) throw (failure as { error: unknown }).error;
      if (done) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    stopped = true;
    if (pulling) await pulling;
    if (!done) await it.return?.();
  }
}

/** Waits for the stream to drain before taking the next row, so a slow client slows the reading. */
async function* backpressured<T>(
  rows: Iterable<T> | AsyncIterable<T>,
  output: PassThrough,
): AsyncIterable<T> {
  for await (const row of rows) {
    if (output.destroyed) return;
    if (output.writableNeedDrain) {
      await new Promise<void>((resolve) => {
        const go = () => {
          output.off("drain", go).off("close", go);
          resolve();
        };
        output.on("drain", go).on("close", go);
      });
    }
    yield row;
  }
}

/**
 * The downloadable import template: title (optional), header row, and one example row when given.
 * Input cells are text-formatted, so that what people type (dates as dd/mm/yyyy, numbers with
 * leading zeros) reaches readTable as typed whatever their Excel's locale; enum columns with
 * `labels` get a drop-down list.
 */
export function templateFor<K extends string>(
  columns: ColumnSpec<K>[],
  options: { title?: string; sheetName?: string; example?: Partial<Record<K, string>> } = {},
): Promise<Buffer> {
  const example = options.example;
  // The example is written as typed text: a date stays "dd/mm/yyyy" text, as a person would type it.
  const rows = example ? [exampleRow(columns, example)] : [];
  return writeSheet(columns, rows, { title: options.title, sheetName: options.sheetName, template: true });
}

function exampleRow<K extends string>(
  columns: ColumnSpec<K>[],
  example: Partial<Record<K, string>>,
): Partial<Record<K, WriteValue>> {
  const row: Partial<Record<K, WriteValue>> = {};
  for (const spec of columns) {
    const v = example[spec.key];
    if (v === undefined) continue;
    const m = spec.kind === "date" ? ISO_DAY.exec(v) : null;
    // In a text-formatted template an ISO example date would be shown as typed; show it as people type dates.
    row[spec.key] = m ? `${m[3]}/${m[2]}/${m[1]}` : v;
  }
  return row;
}
