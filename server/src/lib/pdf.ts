import fs from "node:fs";
import PDFDocument from "pdfkit";

/**
 * PDF documents in the official format (DOMAIN.md): A4, the margins of Hướng dẫn 36, and Liberation
 * Serif — metric-compatible with Times New Roman, which may not be embedded — embedded as a subset,
 * so Vietnamese prints and copies out (text extraction) the same on every machine. Booklets use it
 * now; commendation certificates and reports will.
 */

/** Millimetres to PDF points. */
export const mm = (n: number) => (n * 72) / 25.4;
/** Top and bottom about 20 mm, left 30 mm, right 15 mm. */
export const officialMargins = { top: mm(20), bottom: mm(22), left: mm(30), right: mm(15) };

export type PdfFont = "serif" | "serif-bold" | "serif-italic";
const fontFiles: Record<PdfFont, string> = {
  serif: "LiberationSerif-Regular.ttf",
  "serif-bold": "LiberationSerif-Bold.ttf",
  "serif-italic": "LiberationSerif-Italic.ttf",
};
let fontData: Map<PdfFont, Buffer> | null = null;
/** The committed font files (lib/fonts, SIL OFL 1.1), read once. */
function fonts() {
  fontData ??= new Map(
    (Object.entries(fontFiles) as [PdfFont, string][]).map(([name, file]) => [
      name,
      fs.readFileSync(new URL(`./fonts/${file}`, import.meta.url)),
    ]),
  );
  return fontData;
}

export type Pdf = PDFKit.PDFDocument;

export interface PdfWriter {
  doc: Pdf;
  /** The width between the margins. */
  width: number;
  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Buffer>;
}

/**
 * A new document, A4 with the official margins unless told otherwise (a poster: A3, even margins),
 * pages kept in memory (to number them and fill a table of contents at the end).
 */
export function createPdf(
  meta: { title: string; author?: string; subject?: string },
  page: { size?: "A4" | "A3"; layout?: "portrait" | "landscape"; margins?: typeof officialMargins } = {},
): PdfWriter {
  const margins = page.margins ?? officialMargins;
  const doc = new PDFDocument({
    size: page.size ?? "A4",
    layout: page.layout ?? "portrait",
    margins,
    bufferPages: true,
    autoFirstPage: true,
    lang: "vi-VN",
    displayTitle: true,
    info: {
      Title: meta.title,
      ...(meta.author ? { Author: meta.author } : {}),
      ...(meta.subject ? { Subject: meta.subject } : {}),
      Creator: "Theo Gương",
    },
  });
  for (const [name, data] of fonts()) doc.registerFont(name, data);
  doc.font("serif").fontSize(14);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return {
    doc,
    width: doc.page.width - margins.left - margins.right,
    finish() {
      doc.end();
      return ended;
    },
  };
}

/** The page now being written (0-based, among the buffered pages). */
export function currentPage(doc: Pdf): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}

const bottomOf = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit on this one. */
export function ensureSpace(doc: Pdf, height: number) {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

/** Paragraphs of text (one per line of `text`), justified, first line indented. */
export function paragraphs(doc: Pdf, text: string, options: { size?: number; indent?: number } = {}) {
  const size = options.size ?? 14;
  doc.font("serif").fontSize(size);
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    doc.text(line, doc.page.margins.left, doc.y, {
      align: "justify",
      indent: options.indent ?? mm(10),
      lineGap: size * 0.2,
      paragraphGap: size * 0.35,
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
    });
  }
}

/** "Label: value" — the label in bold, the value after it on the same line. */
export function labelled(doc: Pdf, label: string, value: string, size = 14) {
  doc
    .font("serif-bold")
    .fontSize(size)
    .text(`${label}: `, doc.page.margins.left, doc.y, { continued: true, lineGap: size * 0.2 })
    .font("serif")
    .text(value, { lineGap: size * 0.2, paragraphGap: size * 0.2 });
}

const IMAGE_CAPTION_HEIGHT = 24;

/** The size an image is drawn at: the text width, at most `maxHeight` (default 45% of the text height: two photos to a page). */
export function imageBox(doc: Pdf, size: { width: number; height: number }, maxHeight?: number) {
  const textWidth = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const limit = maxHeight ?? (bottomOf(doc) - doc.page.margins.top) * 0.45;
  const scale = Math.min(textWidth / size.width, limit / size.height);
  return {
    width: size.width * scale,
    height: size.height * scale,
    withCaption: size.height * scale + IMAGE_CAPTION_HEIGHT,
  };
}

/**
 * An image scaled to the text width (never taller than `maxHeight`), centred; it moves to the next
 * page when it does not fit on this one. JPEG or PNG.
 */
export function image(
  doc: Pdf,
  data: Buffer,
  size: { width: number; height: number },
  options: { maxHeight?: number; caption?: string } = {},
) {
  const textWidth = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const { width, height } = imageBox(doc, size, options.maxHeight);
  ensureSpace(doc, height + (options.caption ? IMAGE_CAPTION_HEIGHT : 0) + 6);
  const x = doc.page.margins.left + (textWidth - width) / 2;
  const y = doc.y;
  doc.image(data, x, y, { width, height });
  doc.y = y + height + 4;
  if (options.caption) {
    doc
      .font("serif-italic")
      .fontSize(12)
      .text(options.caption, doc.page.margins.left, doc.y, { align: "center", width: textWidth });
  }
  doc.moveDown(0.6);
}

export interface TocEntry {
  /** The entry's label (e.g. "1."), in a hanging column. */
  label: string;
  title: string;
  /** 0-based page index of the section; printed as index + 1. */
  page: number;
  /** The named destination of the section (a link from the entry). */
  destination?: string;
}

interface TocStyle {
  heading: string;
  size: number;
  labelWidth: number;
  numberWidth: number;
}
const tocStyle = (heading: string): TocStyle => ({ heading, size: 13, labelWidth: 28, numberWidth: 36 });

/** Splits a title into the lines it takes in `width` (word by word, as it will be drawn). */
function wrap(doc: Pdf, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (!line || doc.widthOfString(candidate) <= width) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Lays out (or draws) a table of contents; answers how many pages it takes. */
function layoutToc(
  doc: Pdf,
  titles: string[],
  style: TocStyle,
  draw?: { first: number; entries: TocEntry[] },
) {
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const titleWidth = right - left - style.labelWidth - style.numberWidth - 8;
  const lineHeight = style.size * 1.45;
  const top = doc.page.margins.top;
  const bottom = bottomOf(doc);
  let page = 0;
  const goTo = (n: number) => {
    if (draw) doc.switchToPage(draw.first + n);
  };
  goTo(0);
  let y = top;
  if (draw) {
    doc
      .font("serif-bold")
      .fontSize(16)
      .text(style.heading, left, y, { align: "center", width: right - left, lineBreak: false });
  }
  y += 16 * 1.2 + 18;
  doc.fontSize(style.size);
  titles.forEach((title, index) => {
    doc.font("serif");
    const lines = wrap(doc, title, titleWidth);
    const height = lines.length * lineHeight + 4;
    if (y + height > bottom) {
      page += 1;
      goTo(page);
      y = top;
    }
    const entry = draw?.entries[index];
    if (entry) {
      const startY = y;
      doc.text(entry.label, left, y, { lineBreak: false });
      lines.forEach((line, i) => {
        doc.text(line, left + style.labelWidth, y, { lineBreak: false });
        if (i === lines.length - 1) {
          const end = left + style.labelWidth + doc.widthOfString(line) + 4;
          const dot = doc.widthOfString(" .");
          const room = right - style.numberWidth - 4 - end;
          if (room > dot) {
            const dots = " .".repeat(Math.floor(room / dot));
            doc.text(dots, right - style.numberWidth - 4 - doc.widthOfString(dots), y, { lineBreak: false });
          }
          doc.text(String(entry.page + 1), right - style.numberWidth, y, {
            width: style.numberWidth,
            align: "right",
            lineBreak: false,
          });
        }
        y += lineHeight;
      });
      if (entry.destination) doc.goTo(left, startY, right - left, y - startY, entry.destination);
    } else {
      y += lines.length * lineHeight;
    }
    y += 4;
  });
  return page + 1;
}

/**
 * Reserves the pages a table of contents of these titles will take (starting with the next page),
 * so that it can be filled in by `writeToc` once the sections' pages are known.
 */
export function reserveToc(doc: Pdf, heading: string, titles: string[]): { first: number; pages: number } {
  const pages = layoutToc(doc, titles, tocStyle(heading));
  doc.addPage();
  const first = currentPage(doc);
  for (let i = 1; i < pages; i++) doc.addPage();
  return { first, pages };
}

/** Writes the table of contents into the pages `reserveToc` kept. */
export function writeToc(doc: Pdf, heading: string, reserved: { first: number }, entries: TocEntry[]) {
  layoutToc(
    doc,
    entries.map((e) => e.title),
    tocStyle(heading),
    { first: reserved.first, entries },
  );
}

/** Page numbers centred in the footer of every page from `from` on (0-based; the cover has none). */
export function numberPages(doc: Pdf, from = 1) {
  const range = doc.bufferedPageRange();
  for (let i = Math.max(from, range.start); i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the text area must not start a new page
    doc
      .font("serif")
      .fontSize(12)
      .text(String(i + 1), 0, doc.page.height - mm(13), {
        width: doc.page.width,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = margin;
  }
}
