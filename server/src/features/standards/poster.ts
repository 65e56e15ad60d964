import { AppError } from "../../lib/errors.ts";
import { createPdf, mm, type Pdf } from "../../lib/pdf.ts";

export const posterSizes = ["A4", "A3"] as const;
export type PosterSize = (typeof posterSizes)[number];

/** What a poster prints: the unit, the title and the numbered standards of one version. */
export interface Poster {
  unitName: string;
  /** The unit above (printed over the unit's name), when there is one. */
  parentName: string | null;
  title: string;
  items: string[];
  number: number;
  effectiveOn: string;
}

/** Type sizes of an A4 poster; A3 (√2 wider) scales every size by √2, so the layout is the same. */
const A4 = { margin: 16, header: 13, title: 26, gap: 16, itemMax: 24, itemMin: 10, footer: 11 };
const RED = "#a50e0e";

const upper = (s: string) => s.toLocaleUpperCase("vi");
const isoToVn = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** The smallest type a posted sheet is read in from a step away (two columns). */
const TWO_COLUMN_MIN = 7.5;
const GUTTER = 8;

interface ItemsLayout {
  size: number;
  label: number;
  columns: 1 | 2;
  columnWidth: number;
  /** Items per column (the first column takes the extra one). */
  split: number;
  height: number;
}

/**
 * The standards, numbered, in the largest type that fits what is left of the page: one column
 * down to 10 pt, else two columns down to 7.5 pt (20 standards of 300 characters, the most a list
 * holds, fit); null when even that does not fit (too much text for one page).
 */
function itemsLayout(
  doc: Pdf,
  items: string[],
  box: { width: number; height: number },
  scale: number,
): ItemsLayout | null {
  const labelWidth = (size: number) =>
    doc.font("serif-bold").fontSize(size).widthOfString(`${items.length}.`) + size * 0.6;
  const itemHeight = (item: string, size: number, width: number) =>
    doc
      .font("serif")
      .fontSize(size)
      .heightOfString(item, { width, lineGap: size * 0.25 }) +
    size * 0.7;
  const fit = (columns: 1 | 2, min: number): ItemsLayout | null => {
    const columnWidth = columns === 1 ? box.width : (box.width - mm(GUTTER * scale)) / 2;
    const split = columns === 1 ? items.length : Math.ceil(items.length / 2);
    for (let size = A4.itemMax * scale; size >= min * scale; size -= 0.5 * scale) {
      const label = labelWidth(size);
      const heights = items.map((item) => itemHeight(item, size, columnWidth - label));
      const sum = (part: number[]) => part.reduce((a, b) => a + b, 0);
      const height = Math.max(sum(heights.slice(0, split)), sum(heights.slice(split)));
      if (height <= box.height) return { size, label, columns, columnWidth, split, height };
    }
    return null;
  };
  return fit(1, A4.itemMin) ?? (items.length > 1 ? fit(2, TWO_COLUMN_MIN) : null);
}

/** Too much text for one page even in two columns of small type: said plainly, nothing printed. */
const tooLong = () =>
  new AppError("RULE_VIOLATION", {
    message: {
      vi: "Bộ chuẩn mực quá dài để in vừa một trang áp phích, kể cả chữ nhỏ hai cột. Hãy rút gọn các chuẩn mực.",
      en: "The standards are too long for one poster page, even in two columns of small type. Shorten them.",
    },
  });

/**
 * The ethics standards as a poster to post publicly: the unit (under the unit above it), the
 * title in large red capitals, the numbered standards in large type centred on the page's height,
 * the version and the day it applies from. A4 or A3 portrait, one page, Liberation Serif embedded
 * (Vietnamese prints and copies out intact).
 */
export async function standardsPoster(poster: Poster, size: PosterSize): Promise<Buffer> {
  const scale = size === "A3" ? Math.SQRT2 : 1;
  const margin = mm(A4.margin * scale);
  const pdf = createPdf(
    { title: `${poster.title} — ${poster.unitName}`, author: poster.unitName, subject: "Chuẩn mực đạo đức" },
    { size, margins: { top: margin, bottom: margin, left: margin, right: margin } },
  );
  const { doc, width } = pdf;
  const left = margin;
  const line = (text: string, font: "serif" | "serif-bold" | "serif-italic", pt: number, color = "black") =>
    doc
      .font(font)
      .fontSize(pt * scale)
      .fillColor(color)
      .text(text, left, doc.y, { width, align: "center", lineGap: pt * scale * 0.15 });

  doc.y = margin;
  if (poster.parentName) line(upper(poster.parentName), "serif", A4.header);
  line(upper(poster.unitName), "serif-bold", A4.header);
  const rule = doc.y + 4 * scale;
  doc
    .moveTo(left + width / 2 - mm(20 * scale), rule)
    .lineTo(left + width / 2 + mm(20 * scale), rule)
    .lineWidth(0.8 * scale)
    .strokeColor("black")
    .stroke();
  doc.y = rule + A4.gap * scale;
  line(upper(poster.title), "serif-bold", A4.title, RED);
  doc.y += A4.gap * scale;

  const footerHeight = A4.footer * scale * 2.5;
  const bottom = doc.page.height - margin - footerHeight;
  const layout = itemsLayout(doc, poster.items, { width, height: bottom - doc.y }, scale);
  if (!layout) throw tooLong();
  // Centred in the space left: a short list does not huddle under the title.
  const start = doc.y + Math.max(0, (bottom - doc.y - layout.height) / 2);
  doc.y = start;
  poster.items.forEach((item, index) => {
    const column = index < layout.split ? 0 : 1;
    if (index === layout.split) doc.y = start;
    const x = left + column * (layout.columnWidth + mm(GUTTER * scale));
    const top = doc.y;
    doc
      .font("serif-bold")
      .fontSize(layout.size)
      .fillColor(RED)
      .text(`${index + 1}.`, x, top, { width: layout.label, lineBreak: false });
    doc
      .font("serif")
      .fontSize(layout.size)
      .fillColor("black")
      .text(item, x + layout.label, top, {
        width: layout.columnWidth - layout.label,
        align: "justify",
        lineGap: layout.size * 0.25,
      });
    doc.y += layout.size * 0.7;
  });

  // The footer: below the text area, so writing it must not start a new page.
  const footerY = doc.page.height - margin - A4.footer * scale * 1.5;
  doc.page.margins.bottom = 0;
  doc
    .font("serif-italic")
    .fontSize(A4.footer * scale)
    .fillColor("black")
    .text(`Ban hành lần ${poster.number}, áp dụng từ ngày ${isoToVn(poster.effectiveOn)}`, left, footerY, {
      width,
      align: "center",
      lineBreak: false,
    });
  return pdf.finish();
}
