import {
  AlignmentType,
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
import { twips } from "./docx.ts";

/**
 * The parts every Party document shares (Hướng dẫn 36-HD/VPTW, DOMAIN.md), for Word exports of
 * plans, reports, decisions and notices: the two-column header (the issuing body and the number on
 * the left, ĐẢNG CỘNG SẢN VIỆT NAM and the place and date on the right), the document type and its
 * summary line, and the closing row (the recipients on the left, the signing block on the right).
 * Sizes in points; the text is written in capitals where the format wants capitals.
 */

const upper = (s: string) => s.toLocaleUpperCase("vi");
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
    underline?: boolean;
    align?: "center" | "left";
    after?: number;
    before?: number;
  } = {},
) =>
  new Paragraph({
    alignment: options.align === "left" ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: { before: options.before ?? 0, after: options.after ?? 0, line: 264 },
    children: [
      new TextRun({
        text,
        size: halfPoints(options.size ?? 14),
        ...(options.bold ? { bold: true } : {}),
        ...(options.italics ? { italics: true } : {}),
        ...(options.underline ? { underline: {} } : {}),
      }),
    ],
  });

const cell = (children: Paragraph[], mm: number) =>
  new TableCell({
    children,
    width: { size: twips(mm), type: WidthType.DXA },
    borders: TableBorders.NONE,
    verticalAlign: VerticalAlign.TOP,
  });

const twoColumns = (left: Paragraph[], right: Paragraph[]) =>
  new Table({
    rows: [new TableRow({ children: [cell(left, LEFT_MM), cell(right, RIGHT_MM)] })],
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
    ...(h.upperBody ? [line(upper(h.upperBody))] : []),
    line(upper(h.issuingBody), { bold: true }),
    line("*"),
    line(h.number),
  ];
  const right = [
    line("ĐẢNG CỘNG SẢN VIỆT NAM", { size: 15, bold: true, underline: true, after: 240 }),
    line(h.placeAndDate, { italics: true }),
  ];
  return twoColumns(left, right);
}

/** The document type (KẾ HOẠCH, BÁO CÁO…) and the summary line under it, then a short rule. */
export function documentTitle(type: string, summary: string): Paragraph[] {
  return [
    line(upper(type), { size: 16, bold: true, before: 360, after: 60 }),
    ...summary
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
