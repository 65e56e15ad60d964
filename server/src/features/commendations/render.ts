import { AlignmentType, Paragraph, type TableRow, TextRun } from "docx";
import * as word from "../../lib/docx.ts";
import * as official from "../../lib/official-document.ts";
import * as pdf from "../../lib/pdf.ts";
import { periodPhrase } from "./defaults.ts";

/** A decision as its Word document and its certificates print it. */
export interface DecisionDocument extends official.DocumentHeading {
  /** Issuing units of kind "cell" sign as the cell; the others as their standing committee. */
  isCell: boolean;
  formName: string;
  periodStart: number;
  periodEnd: number;
  preamble: string;
  reason: string;
  /** A correction: the decision it replaces, and why. */
  corrects: { symbol: string; issuedOn: string | null } | null;
  correctionReason: string | null;
  recipientsText: string[];
  recipients: {
    kind: "collective" | "individual";
    /** The annex's number: the certificate's number in the register. */
    position: number;
    /** A member of the registry ("Đồng chí …"); a citizen is named as is. */
    comrade: boolean;
    name: string;
    unitLabel: string;
    achievement: string;
  }[];
  creator: string;
}

/** "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ TAM SƠN": who decides (a cell decides as itself). */
/** The body that decides, as named in a sentence: the unit's name as written, never re-cased. */
const decidingBodyName = (d: DecisionDocument) =>
  d.isCell ? d.issuingBody : `Ban Thường vụ ${d.issuingBody}`;
const decidingBody = (d: DecisionDocument) => official.upper(decidingBodyName(d));
/** "Quyết định số 01-QĐ/ĐU, ngày 15/01/2026". */
const decisionRef = (d: DecisionDocument) =>
  `Quyết định số ${d.symbol ?? `     -QĐ/${d.issuerCode ?? ""}`}${d.issuedOn ? `, ngày ${official.isoToVn(d.issuedOn)}` : ""}`;
const counts = (d: DecisionDocument) => {
  const collectives = d.recipients.filter((r) => r.kind === "collective").length;
  const individuals = d.recipients.length - collectives;
  return [collectives ? `${collectives} tập thể` : "", individuals ? `${individuals} cá nhân` : ""]
    .filter(Boolean)
    .join(" và ");
};
const lowerFirst = (s: string) =>
  /^\p{Lu}\p{Ll}/u.test(s) ? (s[0]?.toLocaleLowerCase("vi") ?? "") + s.slice(1) : s;
const sentence = (s: string) => s.trim().replace(/[.;,]+$/u, "");

// Word -----------------------------------------------------------------------------------------

const article = (label: string, text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: word.twips(10) },
    spacing: { after: 120 },
    children: [new TextRun({ text: `${label} `, bold: true }), new TextRun(text)],
  });
const italicLines = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.trim())
    .map(
      (l) =>
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: word.twips(10) },
          spacing: { after: 60 },
          children: [new TextRun({ text: l.trim(), italics: true })],
        }),
    );

/** The annex: the recipients in a bordered table, collectives then individuals (13 pt). */
function annexTable(d: DecisionDocument) {
  const widths = [12, 60, 55, 38] as const;
  const rows: TableRow[] = [];
  const groups: [string, DecisionDocument["recipients"]][] = [
    ["I. TẬP THỂ", d.recipients.filter((r) => r.kind === "collective")],
    ["II. CÁ NHÂN", d.recipients.filter((r) => r.kind === "individual")],
  ];
  const shown = groups.filter(([, list]) => list.length);
  shown.forEach(([heading, list], g) => {
    if (shown.length > 1 || g > 0) rows.push(official.tableRow([[heading, 165, { bold: true, span: 4 }]]));
    for (const [i, r] of list.entries())
      rows.push(
        official.tableRow([
          [String(i + 1), widths[0], { align: "center" }],
          [r.comrade ? `Đồng chí ${r.name}` : r.name, widths[1]],
          [r.unitLabel, widths[2]],
          [r.achievement, widths[3]],
        ]),
      );
  });
  return official.borderedTable(
    ["TT", "Tập thể, cá nhân", "Đơn vị, địa chỉ", "Thành tích"],
    [...widths],
    rows,
  );
}

/**
 * The decision in the official format: the header, QUYẾT ĐỊNH and its summary line, the deciding
 * body, the grounds, QUYẾT ĐỊNH, the articles (who is commended with what and why; who carries it
 * out; from when it applies — a correction: which decision it replaces), the recipients beside the
 * signing block, then the annex listing the recipients on a new page.
 */
export function decisionDocx(d: DecisionDocument): Promise<Buffer> {
  const who = counts(d);
  const when = periodPhrase(d.periodStart, d.periodEnd);
  const article3 = d.corrects
    ? `Quyết định có hiệu lực kể từ ngày ký và thay thế Quyết định số ${d.corrects.symbol}${d.corrects.issuedOn ? ` ngày ${official.isoToVn(d.corrects.issuedOn)}` : ""}${d.correctionReason ? ` (${sentence(d.correctionReason)})` : ""}.`
    : "Quyết định có hiệu lực kể từ ngày ký.";
  return official.officialDocx({
    header: official.headerOf(d, "QĐ"),
    type: "Quyết định",
    summary: d.summary,
    body: [
      word.centred(decidingBody(d), { bold: true, after: 120 }),
      ...italicLines(d.preamble),
      word.centred("QUYẾT ĐỊNH:", { bold: true, before: 120, after: 120 }),
      article(
        "Điều 1.",
        `Tặng ${d.formName} cho ${who} (có danh sách kèm theo) ${lowerFirst(sentence(d.reason))}${d.reason.includes(String(d.periodEnd)) ? "" : ` ${when}`}.`,
      ),
      article(
        "Điều 2.",
        "Văn phòng cấp ủy, các tổ chức đảng có liên quan và các tập thể, cá nhân có tên tại Điều 1 căn cứ Quyết định thi hành.",
      ),
      article("Điều 3.", article3),
    ],
    closing: official.closingOf(d, d.recipientsText),
    annex: [
      word.centred(`DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG ${official.upper(d.formName)}`, {
        bold: true,
        pageBreakBefore: true,
        after: 0,
      }),
      word.centred(`(Kèm theo ${decisionRef(d)} của ${decidingBodyName(d)})`, { italics: true, after: 60 }),
      word.centred("-----", { after: 120 }),
      annexTable(d),
    ],
    properties: {
      title: d.symbol ? `Quyết định số ${d.symbol}` : "Dự thảo quyết định khen thưởng",
      creator: d.creator,
      description: d.summary,
    },
  });
}

// Certificates ---------------------------------------------------------------------------------

const RED = "#b3261e";
const GOLD = "#b8860b";

/** The frame of a certificate: a thick outer border, a thin inner one, ornaments in the corners. */
function frame(doc: pdf.Pdf) {
  const w = doc.page.width;
  const h = doc.page.height;
  const outer = pdf.mm(8);
  const inner = pdf.mm(11.5);
  doc.save();
  doc
    .lineWidth(3)
    .strokeColor(RED)
    .rect(outer, outer, w - 2 * outer, h - 2 * outer)
    .stroke();
  doc
    .lineWidth(0.8)
    .strokeColor(GOLD)
    .rect(inner, inner, w - 2 * inner, h - 2 * inner)
    .stroke();
  const size = pdf.mm(5);
  for (const [x, y] of [
    [inner, inner],
    [w - inner, inner],
    [inner, h - inner],
    [w - inner, h - inner],
  ] as const) {
    doc
      .fillColor(RED)
      .polygon([x, y - size], [x + size, y], [x, y + size], [x - size, y])
      .fill();
    doc
      .fillColor(GOLD)
      .circle(x, y, size / 3)
      .fill();
  }
  // A fine band of gold under the title area.
  doc.restore();
}

/** Text that must stay on its page: clipped to `height` with an ellipsis, never a new page. */
function boxed(
  doc: pdf.Pdf,
  text: string,
  x: number,
  y: number,
  options: {
    width: number;
    height: number;
    align?: "center" | "left" | "right";
    lineGap?: number;
    size?: number;
  },
) {
  const lineGap = options.lineGap ?? 2;
  // With `size`: the text shrinks (down to 60 % of it) until it fits its box, wrapped between
  // words; only beyond that is it cut, with an ellipsis (a long achievement was cut mid-word).
  if (options.size) {
    let size = options.size;
    const fits = () =>
      doc.fontSize(size).heightOfString(text, { width: options.width, lineGap }) <= options.height;
    while (!fits() && size > options.size * 0.6) size -= 0.5;
  }
  doc.text(text, x, y, {
    width: options.width,
    height: options.height,
    align: options.align ?? "center",
    ellipsis: true,
    lineGap,
  });
}

/** Reports how many certificates have been written. */
export type Progress = (done: number, total: number) => Promise<void>;

/**
 * Certificates as one PDF, one A4 landscape page per recipient, Liberation Serif embedded: a framed
 * page with the party line, the issuing body, the form's name, the recipient (a comrade's name, or
 * the collective's) and their unit, what they are commended for, and the decision's number and
 * date beside the place, date and signing block.
 */
export async function certificatesPdf(
  d: DecisionDocument,
  recipients: DecisionDocument["recipients"],
  progress?: Progress,
): Promise<Buffer> {
  const margin = pdf.mm(18);
  const margins = { top: margin, bottom: margin, left: margin, right: margin };
  const writer = pdf.createPdf(
    { title: `${d.formName} — ${decisionRef(d)}`, author: d.issuingBody, subject: d.summary },
    { layout: "landscape", margins },
  );
  const { doc } = writer;
  const w = doc.page.width;
  const h = doc.page.height;
  const left = margin;
  const width = w - 2 * margin;
  const when = periodPhrase(d.periodStart, d.periodEnd);
  for (const [i, r] of recipients.entries()) {
    if (i > 0) doc.addPage({ size: "A4", layout: "landscape", margins });
    frame(doc);
    doc.fillColor("black");
    // The party line and the issuing body, in two columns.
    const column = width / 2 - pdf.mm(5);
    doc.font("serif-bold").fontSize(13);
    boxed(doc, "ĐẢNG CỘNG SẢN VIỆT NAM", left + width / 2 + pdf.mm(5), pdf.mm(22), {
      width: column,
      height: 20,
    });
    doc.font("serif").fontSize(12);
    if (d.upperBody) boxed(doc, official.upper(d.upperBody), left, pdf.mm(22), { width: column, height: 18 });
    doc.font("serif-bold").fontSize(12);
    boxed(doc, official.upper(d.issuingBody), left, pdf.mm(d.upperBody ? 28 : 22), {
      width: column,
      height: 34,
    });
    // The form.
    doc.font("serif-bold").fontSize(40).fillColor(RED);
    boxed(doc, official.upper(d.formName), left, pdf.mm(45), { width, height: 54 });
    doc.fillColor("black").font("serif-bold").fontSize(15);
    boxed(doc, decidingBody(d), left, pdf.mm(64), { width, height: 40 });
    doc.font("serif-italic").fontSize(15);
    boxed(doc, "Tặng", left, pdf.mm(76), { width, height: 20 });
    // The recipient.
    doc.font("serif-bold").fillColor(RED);
    boxed(doc, r.comrade ? `Đồng chí ${r.name}` : r.name, left, pdf.mm(85), { width, height: 70, size: 26 });
    doc.fillColor("black").font("serif");
    if (r.unitLabel)
      boxed(doc, r.unitLabel, left + pdf.mm(15), pdf.mm(102), {
        width: width - pdf.mm(30),
        height: 36,
        size: 14,
      });
    // Why.
    const because = r.achievement.trim()
      ? `Đã có thành tích: ${sentence(r.achievement)}.`
      : `Đã có thành tích ${lowerFirst(sentence(d.reason.replace(/^đã có thành tích\s*/iu, "")))}${d.reason.includes(String(d.periodEnd)) ? "" : ` ${when}`}.`;
    doc.font("serif-italic");
    boxed(doc, because, left + pdf.mm(20), pdf.mm(116), {
      width: width - pdf.mm(40),
      height: 62,
      lineGap: 3,
      size: 15,
    });
    // The decision on the left, the place, date and signer on the right.
    const bottom = h - pdf.mm(62);
    doc.font("serif").fontSize(12);
    boxed(doc, `${decisionRef(d)}`, left + pdf.mm(6), bottom + pdf.mm(14), {
      width: column,
      height: 34,
      align: "left",
    });
    boxed(doc, `Số vào sổ: ${String(r.position).padStart(3, "0")}`, left + pdf.mm(6), bottom + pdf.mm(22), {
      width: column,
      height: 18,
      align: "left",
    });
    const right = left + width / 2 + pdf.mm(5);
    doc.font("serif-italic").fontSize(13);
    boxed(doc, official.placeAndDate(d.place, d.issuedOn, d.year), right, bottom, {
      width: column,
      height: 18,
    });
    doc.font("serif-bold").fontSize(13);
    boxed(
      doc,
      [...d.signer.authority, d.signer.title].map(official.upper).join("\n"),
      right,
      bottom + pdf.mm(7),
      {
        width: column,
        height: 60,
      },
    );
    boxed(doc, d.signer.name, right, bottom + pdf.mm(40), { width: column, height: 18 });
    if (progress && (i % 10 === 9 || i === recipients.length - 1)) await progress(i + 1, recipients.length);
  }
  return writer.finish();
}
