import { Paragraph, type Table } from "docx";
import * as word from "../../lib/docx.ts";
import * as official from "../../lib/official-document.ts";

/** A plan as its Word document prints it. */
export interface PlanDocument extends official.DocumentHeading {
  preamble: string;
  purpose: string;
  objectives: string[];
  tasks: { content: string; ownerName: string; deadline: string | null }[];
  implementation: string;
  recipients: string[];
  title: string;
  creator: string;
}

/** The tasks as a bordered table: number, task, unit in charge, deadline (13 pt). */
const tasksTable = (tasks: PlanDocument["tasks"]) =>
  official.borderedTable(
    ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"],
    [12, 88, 40, 25],
    tasks.map((t, i) =>
      official.tableRow([
        [String(i + 1), 12, { align: "center" }],
        [t.content, 88],
        [t.ownerName, 40],
        [t.deadline ? official.isoToVn(t.deadline) : "Thường xuyên", 25, { align: "center" }],
      ]),
    ),
  );

/**
 * A plan in the official format: the header, KẾ HOẠCH and its summary line, the opening paragraph,
 * I. purpose and requirements, II. objectives and tasks (a table), III. organisation, then the
 * recipients beside the signing block. Sections without text are left out and the rest renumbered.
 */
export function planDocx(p: PlanDocument): Promise<Buffer> {
  const sections: [string, (Paragraph | Table)[]][] = [];
  if (p.purpose.trim()) sections.push(["MỤC ĐÍCH, YÊU CẦU", word.paragraphs(p.purpose)]);
  const content: (Paragraph | Table)[] = [];
  let part = 0;
  if (p.objectives.length) {
    part++;
    content.push(official.partHeading(`${part}. Mục tiêu`), ...p.objectives.map(official.dashedLine));
  }
  if (p.tasks.length) {
    part++;
    content.push(
      official.partHeading(`${part}. Nhiệm vụ, giải pháp`),
      tasksTable(p.tasks),
      new Paragraph({ text: "" }),
    );
  }
  if (content.length) sections.push(["MỤC TIÊU, NHIỆM VỤ", content]);
  if (p.implementation.trim()) sections.push(["TỔ CHỨC THỰC HIỆN", word.paragraphs(p.implementation)]);
  return official.officialDocx({
    header: official.headerOf(p, "KH"),
    type: "Kế hoạch",
    summary: p.summary,
    body: [
      ...word.paragraphs(p.preamble),
      ...sections.flatMap(([heading, children], i) => [
        official.partHeading(`${official.roman(i)}. ${heading}`, { before: 180 }),
        ...children,
      ]),
    ],
    closing: official.closingOf(p, p.recipients),
    properties: { title: p.title, creator: p.creator, description: p.summary },
  });
}
