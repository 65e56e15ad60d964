/**
 * Hostile .xlsx files for the tests, built here: a zip writer that writes whatever sizes it is
 * told (so that a part can lie about what it unpacks to), and worksheets deflated as a stream,
 * so that a sheet of hundreds of megabytes is never held whole.
 */
import { crc32, createDeflateRaw, deflateRawSync, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { zipEntries } from "../src/lib/xlsx-archive.ts";

export interface ZipPart {
  name: string;
  deflated: Buffer;
  /** Declared uncompressed size (the truth, unless a test makes it lie). */
  size: number;
  crc: number;
}

export const zipPart = (name: string, data: Buffer): ZipPart => ({
  name,
  deflated: deflateRawSync(data),
  size: data.length,
  crc: crc32(data),
});

/** A zip of deflated parts, declaring each part's `size` in both its local and central headers. */
export function zip(parts: ZipPart[]): Buffer {
  const out: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflated
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc, 16);
    central.writeUInt32LE(p.deflated.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    out.push(local, name, p.deflated);
    directory.push(central, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dir, end]);
}

const SHEET = "xl/worksheets/sheet1.xml";

/** A real workbook (ExcelJS's parts) whose first worksheet is `sheet`. */
export async function workbookWith(sheet: ZipPart): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("DS").addRow(["Họ và tên"]);
  const base = Buffer.from(await workbook.xlsx.writeBuffer());
  const parts = (zipEntries(base) ?? []).map((e) => {
    if (e.name === SHEET) return { ...sheet, name: SHEET };
    const raw = base.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    return zipPart(e.name, e.method === 0 ? raw : inflateRawSync(raw));
  });
  return zip(parts);
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>';
const SHEET_TAIL = "</sheetData></worksheet>";

/** A worksheet made of `chunks` (rows' XML), deflated as they come. Its true size and CRC are declared. */
async function streamedSheet(chunks: Iterable<string>, level: number): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level });
  const out: Buffer[] = [];
  deflate.on("data", (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  let size = 0;
  let crc = 0;
  const write = (text: string) => {
    const b = Buffer.from(text);
    size += b.length;
    crc = crc32(b, crc);
    deflate.write(b);
  };
  write(SHEET_HEAD);
  for (const chunk of chunks) write(chunk);
  write(SHEET_TAIL);
  deflate.end();
  await done;
  return { name: SHEET, deflated: Buffer.concat(out), size, crc };
}

/** Excel's longest cell text is 32,767 characters. */
const LONG_TEXT = "Nguyễn Văn An ".repeat(2340);
const COLUMNS = Array.from(
  { length: 32 },
  (_, i) => (i < 26 ? "" : "A") + String.fromCharCode(65 + (i % 26)),
);
/** Row `r`: 32 cells of the longest text, ~1 MB of XML. */
const longRow = (r: number) =>
  `<row r="${r}">${COLUMNS.map((c) => `<c r="${c}${r}" t="inlineStr"><is><t>${LONG_TEXT}</t></is></c>`).join("")}</row>`;

const LONG_ROW_BYTES = Buffer.byteLength(longRow(2));

/**
 * The bomb of the issue (a 1.7 MB file whose sheet unpacks to 505 MB): `megabytes` MB of rows of
 * 32 cells holding the longest text Excel allows, deflated 140:1 (level 1, fast) or 310:1
 * (level 9). exceljs reads it whole into memory.
 */
export function repeatedCellsSheet(megabytes: number, level = 1): Promise<ZipPart> {
  const rows = Math.ceil((megabytes * 1024 * 1024) / LONG_ROW_BYTES);
  return streamedSheet(
    (function* () {
      for (let i = 0; i < rows; i++) yield longRow(i + 2);
    })(),
    level,
  );
}

/** `rows` numbered rows (from row 2), each with a name: compressed like real lists (~10:1). */
export function numberedRowsSheet(rows: number): Promise<ZipPart> {
  return streamedSheet(
    (function* () {
      for (let from = 2; from <= rows + 1; from += 10_000) {
        let xml = "";
        for (let r = from; r < from + 10_000 && r <= rows + 1; r++) {
          xml += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Người thứ ${r}</t></is></c></row>`;
        }
        yield xml;
      }
    })(),
    6,
  );
}

const DENSE_COLUMNS = Array.from(
  { length: 200 },
  (_, i) => (i < 26 ? "" : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26)),
);

/**
 * No bomb, only heavy: `megabytes` MB of rows of a name and 199 small numbers, compressed ~12:1 like real
 * lists, so every check lets it through; exceljs needs ~30 bytes of heap per byte of it, and
 * read in the request's thread 30 MB of it stalled the event loop for 1.7 s.
 */
export function denseCellsSheet(megabytes: number): Promise<ZipPart> {
  const rowBytes = Buffer.byteLength(
    `<row r="10000">${DENSE_COLUMNS.map((c) => `<c r="${c}10000"><v>1</v></c>`).join("")}</row>`,
  );
  const rows = Math.ceil((megabytes * 1024 * 1024) / rowBytes);
  return streamedSheet(
    (function* () {
      for (let r = 2; r < rows + 2; r++) {
        const name = `<c r="A${r}" t="inlineStr"><is><t>Nguyễn Văn An</t></is></c>`;
        const numbers = DENSE_COLUMNS.slice(1).map((c) => `<c r="${c}${r}"><v>${r % 10}</v></c>`);
        yield `<row r="${r}">${name}${numbers.join("")}</row>`;
      }
    })(),
    6,
  );
}
