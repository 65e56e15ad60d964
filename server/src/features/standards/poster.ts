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

/** The standards, numbered, in the largest type (down to the minimum) that fits what is left of the page. */
function itemsLayout(doc: Pdf, items: string[], box: { width: number; height: number }, scale: number) {
  const labelWidth = (size: number) =>
    doc.font("serif-bold").fontSize(size).widthOfString(`${items.length}.`) + size * 0.6;
  const heightAt = (size: number) => {
    const label = labelWidth(size);
    doc.font("serif").fontSize(size);
    return items.reduce(
      (sum, item) =>
        sum + doc.heightOfString(item, { width: box.width - label, lineGap: size * 0.25 }) + size * 0.7,
      0,
    );
  };
  let size = A4.itemMax * scale;
  while (size > A4.itemMin * scale && heightAt(size) > box.height) size -= 0.5 * scale;
  return { size, label: labelWidth(size), height: heightAt(size) };
}

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
  // Centred in the space left: a short list does not huddle under the title.
  doc.y += Math.max(0, (bottom - doc.y - layout.height) / 2);
  poster.items.forEach((item, index) => {
    const top = doc.y;
    doc
      .font("serif-bold")
      .fontSize(layout.size)
      .fillColor(RED)
      .text(`${index + 1}.`, left, top, { width: layout.label, lineBreak: false });
    doc
      .font("serif")
      .fontSize(layout.size)
      .fillColor("black")
      .text(item, left + layout.label, top, {
        width: width - layout.label,
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
