import type { ISectionOptions, Paragraph } from "docx";
import * as word from "../../lib/docx.ts";
import { isoToVn, upper } from "../../lib/official-document.ts";
import * as pdf from "../../lib/pdf.ts";

/** One model as the booklet prints it. Images are read when its section is written. */
export interface BookletModel {
  title: string;
  kind: "collective" | "individual";
  unitName: string;
  personName: string | null;
  fieldName: string;
  recognisedByName: string | null;
  /** The recognising unit's kind code (the level). */
  level: string | null;
  levelName: string | null;
  recognisedOn: string | null;
  summary: string;
  description: string;
  results: string;
  images(): Promise<{ data: Buffer; width: number; height: number }[]>;
}

export interface BookletDocument {
  title: string;
  subtitle: string;
  /** The compiling unit and the unit above it (the cover's header). */
  unitName: string;
  parentName: string | null;
  place: string | null;
  year: string;
  models: BookletModel[];
}

/** Reports how many models have been written. */
export type Progress = (done: number, total: number) => Promise<void>;

const TOC_HEADING = "MỤC LỤC";
const levelLabels: Record<string, string> = {
  central: "Trung ương",
  province: "Cấp tỉnh",
  commune: "Cấp xã",
  bloc: "Cấp khối",
  grassroots: "Cấp cơ sở",
  cell: "Cấp chi bộ",
};

const placeLine = (b: BookletDocument) => (b.place ? `${b.place}, năm ${b.year}` : `Năm ${b.year}`);

/** The facts under a model's heading, as label–value pairs. */
function facts(m: BookletModel): [string, string][] {
  const out: [string, string][] = [];
  if (m.kind === "individual" && m.personName) out.push(["Người thực hiện", m.personName]);
  out.push([m.kind === "individual" ? "Đơn vị" : "Đơn vị thực hiện", m.unitName]);
  out.push(["Lĩnh vực", m.fieldName]);
  if (m.recognisedByName) {
    const level = m.level ? (levelLabels[m.level] ?? m.levelName) : m.levelName;
    out.push(["Đơn vị công nhận", m.recognisedByName]);
    if (level) out.push(["Cấp công nhận", level]);
  }
  if (m.recognisedOn) out.push(["Ngày công nhận", isoToVn(m.recognisedOn)]);
  return out;
}

/** The parts of a model's text, in the order they are printed (empty ones left out). */
const parts = (m: BookletModel): [string, string][] =>
  (
    [
      ["Tóm tắt", m.summary],
      ["Nội dung, cách làm", m.description],
      ["Kết quả đạt được", m.results],
    ] as [string, string][]
  ).filter(([, text]) => text.trim());

/**
 * The booklet as PDF: a cover, the table of contents with page numbers (its pages reserved first,
 * filled at the end, entries linked to their sections), one section per model from a new page with
 * its facts, text and images scaled to the page width, page numbers in the footer, an outline
 * (bookmarks) for the reader's navigation pane. Liberation Serif embedded.
 */
export async function bookletPdf(b: BookletDocument, progress: Progress): Promise<Buffer> {
  const writer = pdf.createPdf({ title: b.title, author: b.unitName, subject: b.subtitle || b.title });
  const { doc, width } = writer;
  const left = doc.page.margins.left;

  // The cover.
  doc.font("serif").fontSize(14);
  if (b.parentName) doc.text(upper(b.parentName), left, pdf.mm(25), { width, align: "center" });
  doc
    .font("serif-bold")
    .text(upper(b.unitName), left, b.parentName ? doc.y : pdf.mm(25), { width, align: "center" });
  doc.text("*", { width, align: "center" });
  doc
    .font("serif-bold")
    .fontSize(22)
    .text(upper(b.title), left, pdf.mm(100), { width, align: "center", lineGap: 6 });
  if (b.subtitle)
    doc
      .moveDown(0.8)
      .font("serif-italic")
      .fontSize(16)
      .text(b.subtitle, left, doc.y, { width, align: "center", lineGap: 3 });
  doc
    .font("serif-bold")
    .fontSize(14)
    .text(placeLine(b), left, doc.page.height - pdf.mm(45), { width, align: "center", lineBreak: false });

  const toc = pdf.reserveToc(
    doc,
    TOC_HEADING,
    b.models.map((m) => m.title),
  );
  const entries: pdf.TocEntry[] = [];
  for (const [index, m] of b.models.entries()) {
    const n = index + 1;
    doc.addPage();
    const destination = `mo-hinh-${n}`;
    doc.addNamedDestination(destination);
    entries.push({ label: `${n}.`, title: m.title, page: pdf.currentPage(doc), destination });
    doc.outline.addItem(`${n}. ${m.title}`);
    doc
      .font("serif-bold")
      .fontSize(15)
      .text(`${n}. ${m.title}`, left, doc.page.margins.top, { width, lineGap: 3, paragraphGap: 8 });
    for (const [label, value] of facts(m)) pdf.labelled(doc, label, value, 13);
    doc.moveDown(0.4);
    for (const [label, text] of parts(m)) {
      pdf.ensureSpace(doc, 60);
      doc.font("serif-bold").fontSize(14).text(label, left, doc.y, { width, paragraphGap: 4 });
      pdf.paragraphs(doc, text);
      doc.moveDown(0.3);
    }
    const images = await m.images();
    if (images.length) {
      // The heading stays with the first photo.
      pdf.ensureSpace(
        doc,
        30 + pdf.imageBox(doc, images[0] as { width: number; height: number }).withCaption,
      );
      doc.font("serif-bold").fontSize(14).text("Hình ảnh", left, doc.y, { width, paragraphGap: 6 });
      for (const [k, img] of images.entries())
        pdf.image(doc, img.data, img, { caption: `Hình ${n}.${k + 1}` });
    }
    await progress(n, b.models.length);
  }
  pdf.writeToc(doc, TOC_HEADING, toc, entries);
  pdf.numberPages(doc, 1);
  return writer.finish();
}

/**
 * The booklet as a Word file: the cover in its own section (no page number), then the written table
 * of contents (every model in order, each a link to its section) and one section per model from a
 * new page, headed in Word's Heading 1 style (Word can insert its own table of contents with page
 * numbers: References → Table of Contents), images embedded, page numbers in the footer.
 */
export async function bookletDocx(b: BookletDocument, progress: Progress): Promise<Buffer> {
  const cover: Paragraph[] = [
    ...(b.parentName ? [word.centred(upper(b.parentName), { after: 0 })] : []),
    word.centred(upper(b.unitName), { bold: true, after: 0 }),
    word.centred("*", { bold: true }),
    word.centred(upper(b.title), { bold: true, size: 22, before: 3600, after: 240 }),
    ...(b.subtitle ? [word.centred(b.subtitle, { italics: true, size: 16 })] : []),
    word.centred(placeLine(b), { bold: true, before: 5200 }),
  ];
  const body: Paragraph[] = [word.centred(TOC_HEADING, { bold: true, size: 16, after: 360 })];
  for (const [index, m] of b.models.entries())
    body.push(word.tocEntry(`${index + 1}.`, m.title, `mo_hinh_${index + 1}`));
  for (const [index, m] of b.models.entries()) {
    const n = index + 1;
    body.push(word.heading(`${n}. ${m.title}`, 1, { bookmark: `mo_hinh_${n}`, pageBreakBefore: true }));
    for (const [label, value] of facts(m)) body.push(word.labelled(label, value));
    for (const [label, text] of parts(m)) body.push(word.heading(label, 2), ...word.paragraphs(text));
    const images = await m.images();
    if (images.length) {
      body.push(word.heading("Hình ảnh", 2));
      for (const [k, img] of images.entries())
        body.push(
          ...word.image(img.data, img, {
            alt: `Hình ${n}.${k + 1}: ${m.title}`,
            caption: `Hình ${n}.${k + 1}`,
          }),
        );
    }
    await progress(n, b.models.length);
  }
  const sections: ISectionOptions[] = [
    { properties: { page: word.officialPage }, children: cover },
    {
      properties: { page: word.officialPage },
      footers: { default: word.pageNumberFooter() },
      children: body,
    },
  ];
  return word.docxBuffer(
    word.officialDocument({
      title: b.title,
      creator: b.unitName,
      ...(b.subtitle ? { description: b.subtitle } : {}),
      sections,
    }),
  );
}
