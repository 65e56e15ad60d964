import {
  AlignmentType,
  BorderStyle,
  Footer,
  LineRuleType,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { docxBuffer, officialDocument, officialPage, pageNumberFooter, twips } from "./docx.ts";

/**
 * The parts every Party document shares (Hướng dẫn 36-HD/VPTW, DOMAIN.md), for Word exports of
 * plans, reports, decisions and notices: the two-column header (the issuing body and the number on
 * the left, ĐẢNG CỘNG SẢN VIỆT NAM and the place and date on the right), the document type and its
 * summary line, and the closing row (the recipients on the left, the signing block on the right).
 * Sizes in points; the text is written in capitals where the format wants capitals.
 */

export const upper = (s: string) => s.toLocaleUpperCase("vi");
/** "2026-01-15" → "15/01/2026". */
export const isoToVn = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
/** The number of a document's part: I, II, … (beyond XII, the digits). */
export const roman = (index: number) => ROMAN[index] ?? String(index + 1);
const halfPoints = (pt: number) => pt * 2;
/** The text width of the official page (A4 less 30 mm and 15 mm margins), split 45 : 55. */
const LEFT_MM = 74;
const RIGHT_MM = 91;

const line = (
  text: string,
  options: {
    size?: number;
    bold?: boolean;
    italics?: boolean;
    align?: "center" | "left";
    after?: number;
    before?: number;
  } = {},
) =>
  new Paragraph({
    alignment: options.align === "left" ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: {
      before: options.before ?? 0,
      after: options.after ?? 0,
      line: 264,
      lineRule: LineRuleType.AUTO,
    },
    children: [
      new TextRun({
        text,
        size: halfPoints(options.size ?? 14),
        ...(options.bold ? { bold: true } : {}),
        ...(options.italics ? { italics: true } : {}),
      }),
    ],
  });

/** A centred horizontal rule `mm` long in a column `columnMm` wide: an empty paragraph's bottom border. */
const shortRule = (columnMm: number, mm: number) =>
  new Paragraph({
    indent: { left: twips((columnMm - mm) / 2), right: twips((columnMm - mm) / 2) },
    spacing: { before: 0, after: 0, line: 60, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    children: [],
  });

/** Where a body's place begins: after its kind ("Đảng ủy phường", "Tỉnh ủy", "… tỉnh"). */
const PLACE_AFTER =
  /^(.*(?<=^|\s)(?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|phường|xã|thị trấn|thị xã|tỉnh|thành phố|đặc khu|huyện|quận))\s+(\S+(?:\s+\S+){0,3})$/iu;

/**
 * A body's name with its place name held together (non-breaking spaces): a narrow header column
 * then breaks between the kind and the place — "ĐẢNG ỦY PHƯỜNG / BẮC GIANG", never "… BẮC / GIANG".
 */
export function keepPlaceTogether(name: string): string {
  const m = PLACE_AFTER.exec(name);
  return m ? `${m[1]} ${(m[2] ?? "").replace(/\s+/gu, "\u00a0")}` : name;
}

const cell = (children: Paragraph[], mm: number) =>
  new TableCell({
    children,
    width: { size: twips(mm), type: WidthType.DXA },
    borders: TableBorders.NONE,
    verticalAlign: VerticalAlign.TOP,
  });

const twoColumns = (left: Paragraph[], right: Paragraph[]) =>
  new Table({
    // One row that never breaks across pages: the authority, the space to sign and the signer's
    // name stay together (demo plan 02-KH/TU printed "T/M BAN THƯỜNG VỤ" on page 1, the name on 2).
    rows: [new TableRow({ cantSplit: true, children: [cell(left, LEFT_MM), cell(right, RIGHT_MM)] })],
    width: { size: twips(LEFT_MM + RIGHT_MM), type: WidthType.DXA },
    columnWidths: [twips(LEFT_MM), twips(RIGHT_MM)],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
  });

/**
 * "Kinh Bắc, ngày 15 tháng 01 năm 2026": days below 10 and the months January and February take a
 * leading zero. Without a date (a draft), blanks to be filled in by hand.
 */
export function placeAndDate(place: string, isoDate: string | null, draftYear?: number): string {
  if (!isoDate) return `${place}, ngày     tháng     năm ${draftYear ?? ""}`.trimEnd();
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  const mm = month <= 2 ? String(month).padStart(2, "0") : String(month);
  return `${place}, ngày ${String(day).padStart(2, "0")} tháng ${mm} năm ${year}`;
}

/** What a document's header prints, as the documents that have one hold it. */
export interface DocumentHeading {
  upperBody: string | null;
  issuingBody: string;
  /** "12-KH/ĐU", or null for a draft (blanks to be filled in). */
  symbol: string | null;
  /** The issuing body's code, for a draft's blank number. */
  issuerCode: string | null;
  place: string;
  issuedOn: string | null;
  /** The year a draft's date line ends with. */
  year: number;
  summary: string;
  signer: { authority: string[]; title: string; name: string };
}

/** The header of a document of a type (KH, QĐ…) from its heading. */
export const headerOf = (d: DocumentHeading, type: string): HeaderInput => ({
  upperBody: d.upperBody,
  issuingBody: d.issuingBody,
  number: documentNumberLine(d.symbol, type, d.issuerCode),
  placeAndDate: placeAndDate(d.place, d.issuedOn, d.year),
});

/** The closing row: the recipients beside the heading's signer. */
export const closingOf = (d: DocumentHeading, recipients: string[]): ClosingInput => ({
  recipients,
  authority: d.signer.authority,
  title: d.signer.title,
  name: d.signer.name,
});

export interface HeaderInput {
  /** The party organisation above the issuing body ("Đảng bộ tỉnh Bắc Ninh"); none at the top. */
  upperBody: string | null;
  /** The issuing body ("Đảng ủy phường Kinh Bắc"). */
  issuingBody: string;
  /** "Số 12-KH/ĐU" (blanks for a draft). */
  number: string;
  /** The place and date line. */
  placeAndDate: string;
}

/** The header: two columns without borders. */
export function officialHeader(h: HeaderInput): Table {
  const left = [
    ...(h.upperBody ? [line(upper(keepPlaceTogether(h.upperBody)))] : []),
    line(upper(keepPlaceTogether(h.issuingBody)), { bold: true }),
    line("*"),
    line(h.number),
  ];
  const right = [
    line("ĐẢNG CỘNG SẢN VIỆT NAM", { size: 15, bold: true }),
    // The line under it is a rule of its own (a text underline cuts the dots under Ộ and Ệ).
    shortRule(RIGHT_MM, 62),
    line(h.placeAndDate, { italics: true, before: 240 }),
  ];
  return twoColumns(left, right);
}

/**
 * The summary line under the type, without the type said twice: under BÁO CÁO, "Báo cáo sơ kết
 * năm 2026" reads "Sơ kết năm 2026" (only the first letter of the remaining words is raised).
 */
export function summaryUnder(type: string, summary: string): string {
  const said = new RegExp(`^\\s*${type.normalize("NFC")}\\s+`, "iu");
  const rest = summary.normalize("NFC").replace(said, "");
  if (rest === summary.normalize("NFC") || !rest.trim()) return summary;
  return `${rest.charAt(0).toLocaleUpperCase("vi")}${rest.slice(1)}`;
}

/** The document type (KẾ HOẠCH, BÁO CÁO…) and the summary line under it, then a short rule. */
export function documentTitle(type: string, summary: string): Paragraph[] {
  return [
    line(upper(type), { size: 16, bold: true, before: 360, after: 60 }),
    ...summaryUnder(type, summary)
      .split("\n")
      .filter((s) => s.trim())
      .map((s) => line(s, { bold: true, after: 0 })),
    line("-----", { after: 240 }),
  ];
}

export interface ClosingInput {
  /** One recipient a line ("- Ban Tuyên giáo và Dân vận Tỉnh ủy (để b/c),"). */
  recipients: string[];
  /** "T/M BAN THƯỜNG VỤ", and "K/T BÍ THƯ" when a deputy signs. */
  authority: string[];
  /** "BÍ THƯ", "PHÓ BÍ THƯ". */
  title: string;
  name: string;
}

/** The closing row: "Nơi nhận" and its list on the left, the signing block on the right. */
export function closingBlock(c: ClosingInput): Table {
  const left = [
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: [new TextRun({ text: "Nơi nhận:", size: halfPoints(14), underline: {} })],
    }),
    ...c.recipients.map((r) => line(r, { size: 12, align: "left" })),
  ];
  const right = [
    ...c.authority.map((a) => line(upper(a), { bold: true })),
    line(upper(c.title), { bold: true }),
    // Room for the signature and the seal.
    line(""),
    line(""),
    line(""),
    line(""),
    line(c.name, { bold: true }),
  ];
  return twoColumns(left, right);
}

/** "Số 12-KH/ĐU", or for a draft "Số      -KH/ĐU" (the number to be filled in by hand). */
export const documentNumberLine = (symbol: string | null, type: string, issuerCode: string | null) =>
  symbol ? `Số ${symbol}` : `Số      -${type}/${issuerCode ?? ""}`;

/** A part's heading in the body: bold, indented like the text, kept with what follows. */
export const partHeading = (text: string, options: { before?: number } = {}) =>
  new Paragraph({
    keepNext: true,
    spacing: { before: options.before ?? 120, after: 60 },
    indent: { firstLine: twips(10) },
    children: [new TextRun({ text, bold: true })],
  });

/** A line of the body opening with a dash ("- Mục tiêu …"), justified and indented. */
export const dashedLine = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: twips(10) },
    children: [new TextRun(`- ${text}`)],
  });

const thin = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;

export interface CellOptions {
  bold?: boolean;
  align?: "center" | "right" | undefined;
  /** Columns the cell spans. */
  span?: number;
}

/** A cell of a bordered table (13 pt, tight lines), its width in mm. */
export const tableCell = (text: string, mm: number, options: CellOptions = {}) =>
  new TableCell({
    width: { size: twips(mm), type: WidthType.DXA },
    ...(options.span ? { columnSpan: options.span } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment:
          options.align === "center"
            ? AlignmentType.CENTER
            : options.align === "right"
              ? AlignmentType.RIGHT
              : AlignmentType.LEFT,
        spacing: { before: 0, after: 0, line: 264, lineRule: LineRuleType.AUTO },
        children: [new TextRun({ text, size: 26, ...(options.bold ? { bold: true } : {}) })],
      }),
    ],
  });

/** A row of a bordered table that never splits across pages: each cell with its options. */
export const tableRow = (cells: [text: string, mm: number, options?: CellOptions][]) =>
  new TableRow({
    cantSplit: true,
    children: cells.map(([text, mm, options]) => tableCell(text, mm, options)),
  });

/**
 * A bordered table (13 pt): the header row (bold, centred, repeated on every page), then the rows;
 * `widths` in mm (the official text width is 165).
 */
export function borderedTable(headers: string[], widths: number[], rows: TableRow[]): Table {
  const header = new TableRow({
    tableHeader: true,
    children: headers.map((h, i) => tableCell(h, widths[i] ?? 20, { bold: true, align: "center" })),
  });
  return new Table({
    rows: [header, ...rows],
    width: { size: twips(widths.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widths.map((w) => twips(w)),
    layout: TableLayoutType.FIXED,
    borders: {
      top: thin,
      bottom: thin,
      left: thin,
      right: thin,
      insideHorizontal: thin,
      insideVertical: thin,
    },
  });
}

/** A bordered table of text rows, each column aligned as `align` says. */
export const textTable = (
  headers: string[],
  widths: number[],
  rows: string[][],
  align: ("center" | "right" | undefined)[] = [],
) =>
  borderedTable(
    headers,
    widths,
    rows.map((cells) =>
      tableRow(cells.map((c, i) => [c, widths[i] ?? 20, align[i] ? { align: align[i] } : {}] as const)),
    ),
  );

export interface OfficialDocxInput {
  header: HeaderInput;
  /** The document type (Kế hoạch, Báo cáo, Quyết định) and its summary line. */
  type: string;
  summary: string;
  /** Everything between the title and the closing row. */
  body: (Paragraph | Table)[];
  closing: ClosingInput;
  /** What follows the closing row (a decision's annex). */
  annex?: (Paragraph | Table)[];
  /** The file's properties. */
  properties: { title: string; creator: string; description: string };
}

/**
 * A Party document as a .docx: the header, the type and summary, the body, the recipients beside
 * the signing block, then any annex; A4 in the official styles, the pages numbered but the first.
 */
export function officialDocx(d: OfficialDocxInput): Promise<Buffer> {
  return docxBuffer(
    officialDocument({
      ...d.properties,
      sections: [
        {
          // The first page carries no number.
          properties: { page: officialPage, titlePage: true },
          footers: { default: pageNumberFooter(), first: new Footer({ children: [] }) },
          children: [
            officialHeader(d.header),
            ...documentTitle(d.type, d.summary),
            ...d.body,
            // Kept with the closing row, so the row does not stand alone at the top of a page.
            new Paragraph({ text: "", keepNext: true, spacing: { after: 120 } }),
            closingBlock(d.closing),
            ...(d.annex ?? []),
          ],
        },
      ],
    }),
  );
}
