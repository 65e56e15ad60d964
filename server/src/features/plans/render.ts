import {
  AlignmentType,
  BorderStyle,
  Footer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import * as word from "../../lib/docx.ts";
import { closingBlock, documentTitle, officialHeader, placeAndDate } from "../../lib/official-document.ts";

/** A plan as its Word document prints it. */
export interface PlanDocument {
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
  preamble: string;
  purpose: string;
  objectives: string[];
  tasks: { content: string; ownerName: string; deadline: string | null }[];
  implementation: string;
  recipients: string[];
  signer: { authority: string[]; title: string; name: string };
  title: string;
  creator: string;
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI"];
const isoToVn = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

const bold = (text: string, options: { before?: number; after?: number } = {}) =>
  new Paragraph({
    keepNext: true,
    spacing: { before: options.before ?? 120, after: options.after ?? 60 },
    indent: { firstLine: word.twips(10) },
    children: [new TextRun({ text, bold: true })],
  });

const dashed = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: word.twips(10) },
    children: [new TextRun(`- ${text}`)],
  });

const thin = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const cellOf = (text: string, mm: number, options: { bold?: boolean; center?: boolean } = {}) =>
  new TableCell({
    width: { size: word.twips(mm), type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { before: 0, after: 0, line: 264 },
        children: [new TextRun({ text, size: 26, ...(options.bold ? { bold: true } : {}) })],
      }),
    ],
  });

/** The tasks as a bordered table: number, task, unit in charge, deadline (13 pt). */
function tasksTable(tasks: PlanDocument["tasks"]) {
  const widths = [12, 88, 40, 25];
  const header = new TableRow({
    tableHeader: true,
    children: ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"].map((h, i) =>
      cellOf(h, widths[i] ?? 20, { bold: true, center: true }),
    ),
  });
  const rows = tasks.map(
    (t, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cellOf(String(i + 1), widths[0] ?? 12, { center: true }),
          cellOf(t.content, widths[1] ?? 88),
          cellOf(t.ownerName, widths[2] ?? 40),
          cellOf(t.deadline ? isoToVn(t.deadline) : "Thường xuyên", widths[3] ?? 25, { center: true }),
        ],
      }),
  );
  return new Table({
    rows: [header, ...rows],
    width: { size: word.twips(165), type: WidthType.DXA },
    columnWidths: widths.map((w) => word.twips(w)),
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

/**
 * A plan in the official format: the header, KẾ HOẠCH and its summary line, the opening paragraph,
 * I. purpose and requirements, II. objectives and tasks (a table), III. organisation, then the
 * recipients beside the signing block. Sections without text are left out and the rest renumbered.
 */
export async function planDocx(p: PlanDocument): Promise<Buffer> {
  const code = p.issuerCode ?? "";
  const body: (Paragraph | Table)[] = [
    officialHeader({
      upperBody: p.upperBody,
      issuingBody: p.issuingBody,
      number: p.symbol ? `Số ${p.symbol}` : `Số      -KH/${code}`,
      placeAndDate: placeAndDate(p.place, p.issuedOn, p.year),
    }),
    ...documentTitle("Kế hoạch", p.summary),
    ...word.paragraphs(p.preamble),
  ];
  const sections: [string, (Paragraph | Table)[]][] = [];
  if (p.purpose.trim()) sections.push(["MỤC ĐÍCH, YÊU CẦU", word.paragraphs(p.purpose)]);
  const content: (Paragraph | Table)[] = [];
  let part = 0;
  if (p.objectives.length) {
    part++;
    content.push(bold(`${part}. Mục tiêu`), ...p.objectives.map(dashed));
  }
  if (p.tasks.length) {
    part++;
    content.push(bold(`${part}. Nhiệm vụ, giải pháp`), tasksTable(p.tasks), new Paragraph({ text: "" }));
  }
  if (content.length) sections.push(["MỤC TIÊU, NHIỆM VỤ", content]);
  if (p.implementation.trim()) sections.push(["TỔ CHỨC THỰC HIỆN", word.paragraphs(p.implementation)]);
  sections.forEach(([heading, children], i) => {
    body.push(bold(`${ROMAN[i] ?? i + 1}. ${heading}`, { before: 180 }), ...children);
  });
  body.push(
    new Paragraph({ text: "", spacing: { after: 120 } }),
    closingBlock({
      recipients: p.recipients,
      authority: p.signer.authority,
      title: p.signer.title,
      name: p.signer.name,
    }),
  );
  return word.docxBuffer(
    word.officialDocument({
      title: p.title,
      creator: p.creator,
      description: p.summary,
      sections: [
        {
          // The first page carries no number.
          properties: { page: word.officialPage, titlePage: true },
          footers: { default: word.pageNumberFooter(), first: new Footer({ children: [] }) },
          children: body,
        },
      ],
    }),
  );
}
