import {
  AlignmentType,
  Bookmark,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  type ISectionOptions,
  type IStylesOptions,
  LineRuleType,
  Packer,
  PageNumber,
  PageReference,
  Paragraph,
  type ParagraphChild,
  TabStopType,
  TextRun,
} from "docx";

/**
 * Word documents in the official format (DOMAIN.md): A4, Times New Roman (every Word has it, so it
 * is named, not embedded), 14 pt body, the margins of Hướng dẫn 36, text marked as Vietnamese (the
 * spelling checker), headings in Word's built-in Heading 1 and 2 styles so that Word can build its
 * own table of contents and navigation pane. Booklets use it now; certificates and reports will.
 */

export const WORD_FONT = "Times New Roman";
/** Word sizes are in half-points. */
const halfPoints = (pt: number) => pt * 2;
/** Millimetres to twentieths of a point. */
export const twips = (mm: number) => Math.round((mm * 1440) / 25.4);

const margins = { top: 20, bottom: 20, left: 30, right: 15 };
/** A4 with top and bottom 20 mm, left 30 mm, right 15 mm. */
export const officialPage = {
  size: { width: twips(210), height: twips(297) },
  margin: {
    top: twips(margins.top),
    bottom: twips(margins.bottom),
    left: twips(margins.left),
    right: twips(margins.right),
    header: twips(10),
    footer: twips(10),
  },
};
/** The text width in pixels at 96 per inch (the unit of image sizes in docx). */
export const TEXT_WIDTH_PX = Math.floor(((210 - margins.left - margins.right) / 25.4) * 96);

const BODY_PT = 14;
/** Line spacing 1.2 (in 240ths of a line), 6 pt after each paragraph. */
// lineRule "auto": without it LibreOffice reads `line` as an exact height (14.4 pt), and large type
// (a booklet's 22 pt cover title) overlaps the line above.
const bodySpacing = { line: 288, lineRule: LineRuleType.AUTO, after: 120 };

export function officialStyles(): IStylesOptions {
  const run = { font: WORD_FONT, size: halfPoints(BODY_PT), language: { value: "vi-VN" } };
  return {
    default: {
      document: { run, paragraph: { spacing: bodySpacing } },
      heading1: {
        run: { font: WORD_FONT, size: halfPoints(15), bold: true, color: "000000" },
        paragraph: {
          spacing: { before: 240, after: 180, line: 276, lineRule: LineRuleType.AUTO },
          keepNext: true,
          keepLines: true,
          outlineLevel: 0,
        },
      },
      heading2: {
        run: { font: WORD_FONT, size: halfPoints(14), bold: true, color: "000000" },
        paragraph: { spacing: { before: 180, after: 60 }, keepNext: true, keepLines: true, outlineLevel: 1 },
      },
      title: {
        run: { font: WORD_FONT, size: halfPoints(22), bold: true, color: "000000" },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 } },
      },
    },
  };
}

/** A document with the official styles and its properties (title, author, subject). */
export function officialDocument(input: {
  title: string;
  creator: string;
  description?: string;
  sections: ISectionOptions[];
}) {
  return new Document({
    title: input.title,
    creator: input.creator,
    lastModifiedBy: input.creator,
    ...(input.description ? { description: input.description } : {}),
    styles: officialStyles(),
    sections: input.sections,
  });
}

/** A footer with the page number, centred (Word computes it). */
export function pageNumberFooter() {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: halfPoints(12) })],
      }),
    ],
  });
}

/** A centred line (covers, titles of parts). */
export function centred(
  text: string,
  options: {
    bold?: boolean;
    italics?: boolean;
    size?: number;
    before?: number;
    after?: number;
    pageBreakBefore?: boolean;
  } = {},
) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: options.before ?? 0, after: options.after ?? 120 },
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
    children: [
      new TextRun({
        text,
        bold: options.bold ?? false,
        italics: options.italics ?? false,
        size: halfPoints(options.size ?? BODY_PT),
      }),
    ],
  });
}

/** A heading in Word's Heading 1 or 2 style, optionally bookmarked (a link target). */
export function heading(
  text: string,
  level: 1 | 2,
  options: { bookmark?: string; pageBreakBefore?: boolean } = {},
) {
  const run = new TextRun(text);
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
    children: [options.bookmark ? new Bookmark({ id: options.bookmark, children: [run] }) : run],
  });
}

/** A paragraph of text, justified, first line indented 1 cm. */
export const paragraph = (line: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: twips(10) },
    children: [new TextRun(line)],
  });

/** Paragraphs of text (one per line), justified, first line indented 1 cm. */
export const paragraphs = (text: string) =>
  text
    .split("\n")
    .filter((line) => line.trim())
    .map(paragraph);

/** "Label: value" — the label in bold. */
export function labelled(label: string, value: string) {
  return new Paragraph({
    spacing: { after: 60 },
    children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
  });
}

/** The image format of JPEG or PNG bytes (what the file store's display copies are). */
const imageType = (data: Buffer) => (data[0] === 0x89 && data[1] === 0x50 ? "png" : "jpg");

/**
 * An image scaled to the text width (and at most `maxHeightPx` tall), centred, with its
 * alternative text and an optional caption below it.
 */
export function image(
  data: Buffer,
  size: { width: number; height: number },
  options: { alt: string; caption?: string; maxHeightPx?: number },
) {
  const scale = Math.min(TEXT_WIDTH_PX / size.width, (options.maxHeightPx ?? 560) / size.height, 1e6);
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: !!options.caption,
      spacing: { before: 120, after: options.caption ? 40 : 160 },
      children: [
        new ImageRun({
          type: imageType(data),
          data,
          transformation: {
            width: Math.round(size.width * scale),
            height: Math.round(size.height * scale),
          },
          altText: { name: options.alt, description: options.alt, title: options.alt },
        }),
      ],
    }),
  ];
  if (options.caption)
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 160 },
        children: [new TextRun({ text: options.caption, italics: true, size: halfPoints(12) })],
      }),
    );
  return out;
}

/** A line of a written table of contents: its label, then the title linking to the section's bookmark. */
export function tocEntry(label: string, title: string, anchor: string) {
  const children: ParagraphChild[] = [
    new TextRun(`${label}\t`),
    new InternalHyperlink({ anchor, children: [new TextRun(title)] }),
    // The page number at the right margin after a dotted leader, as a PAGEREF field to the bookmark.
    new TextRun("\t"),
    new PageReference(anchor, { hyperlink: true }),
  ];
  return new Paragraph({
    indent: { left: twips(10), hanging: twips(10) },
    tabStops: [
      { type: TabStopType.LEFT, position: twips(10) },
      { type: TabStopType.RIGHT, position: twips(210 - margins.left - margins.right), leader: "dot" },
    ],
    spacing: { after: 100, line: 276, lineRule: LineRuleType.AUTO },
    children,
  });
}

/** The bytes of a .docx file. */
export const docxBuffer = (doc: Document) => Packer.toBuffer(doc);
