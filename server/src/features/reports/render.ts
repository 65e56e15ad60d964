import { Paragraph, type Table } from "docx";
import type { Executor } from "../../db/client.ts";
import { vnToday } from "../../lib/dates.ts";
import * as word from "../../lib/docx.ts";
import * as official from "../../lib/official-document.ts";
import {
  CAPITAL,
  defaultRecipients,
  defaultSigner,
  documentPlace,
  issuingUnit,
  upperBodyOf,
} from "../documents/index.ts";
import type { ReportFullRow } from "./queries.ts";
import { type ReportView, statusNames } from "./view.ts";

const number = (n: number) => n.toLocaleString("vi-VN", { maximumFractionDigits: 2 });

/** The figures table: computed figures, then hand-entered ones (their totals: own and subordinates'). */
function figuresTable(view: ReportView) {
  const rows: string[][] = [];
  for (const f of view.figures.computed) rows.push([String(rows.length + 1), f.label, "", number(f.value)]);
  for (const m of view.figures.manual)
    rows.push([String(rows.length + 1), m.label, m.unit ?? "", number(m.total)]);
  return official.textTable(["TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"], [12, 98, 25, 30], rows, [
    "center",
    undefined,
    "center",
    "right",
  ]);
}

/** The consolidation's per-unit table: each child unit's reports and its summed hand-entered figures (the first three). */
function unitsTable(view: ReportView) {
  const c = view.consolidation;
  if (!c) return null;
  const manual = view.figures.manual.slice(0, 3);
  const figureWidth = manual.length ? Math.floor(60 / manual.length) : 0;
  const widths = [10, manual.length ? 55 : 85, 25, 15, ...manual.map(() => figureWidth)];
  const rows = c.units.map((u, i) => [
    String(i + 1),
    u.unit.name,
    u.report ? (statusNames[u.report.status] ?? u.report.status) : `${u.onTime + u.late}/${u.total} đã gửi`,
    u.report?.timeliness === "on_time"
      ? "Đúng hạn"
      : u.report?.timeliness === "late"
        ? "Muộn"
        : u.overdue
          ? "Quá hạn"
          : "",
    ...manual.map((m) => number(u.manual[m.key] ?? 0)),
  ]);
  return official.textTable(
    [
      "TT",
      "Đơn vị",
      "Tình trạng",
      "Thời hạn",
      ...manual.map((m) => (m.unit ? `${m.label} (${m.unit})` : m.label)),
    ],
    widths,
    rows,
    ["center", undefined, undefined, "center", ...manual.map(() => "right" as const)],
  );
}

/**
 * A report in the official format: the header (the body above, the issuing unit, the number —
 * blanks before the first submission —, ĐẢNG CỘNG SẢN VIỆT NAM, the place and date), BÁO CÁO and
 * the request's title, an opening paragraph, the request's sections numbered I, II, … (the first
 * with the figures table, and for the requester's consolidated report the units' table), then the
 * recipients beside the signing block.
 */
export async function reportDocx(db: Executor, row: ReportFullRow, view: ReportView) {
  const r = row.report;
  const unit = await issuingUnit(db, r.unitId);
  const place = (await documentPlace(db, row.unitPath)) ?? CAPITAL;
  const code = r.issuerCode ?? row.unitDocumentCode ?? "";
  const submittedOn = r.submittedAt ? vnToday(r.submittedAt.getTime()) : null;
  const signer = unit ? defaultSigner(unit) : { authority: "T/M BAN THƯỜNG VỤ", title: "BÍ THƯ", name: "" };
  const c = view.consolidation;
  const opening =
    r.role === "consolidation" && c
      ? `Thực hiện yêu cầu “${view.request.title}” (kỳ báo cáo từ ngày ${official.isoToVn(view.request.periodStart)} đến ngày ${official.isoToVn(view.request.periodEnd)}), ${row.unitName} tổng hợp báo cáo của ${c.completeness.total} đơn vị: ${c.completeness.onTime + c.completeness.late} đơn vị đã gửi (${c.completeness.onTime} đúng hạn, ${c.completeness.late} muộn), ${c.completeness.overdue} đơn vị quá hạn chưa gửi. Kết quả như sau:`
      : `Thực hiện yêu cầu báo cáo của ${row.requesterName} (kỳ báo cáo từ ngày ${official.isoToVn(view.request.periodStart)} đến ngày ${official.isoToVn(view.request.periodEnd)}), ${row.unitName} báo cáo như sau:`;
  const body: (Paragraph | Table)[] = [word.paragraph(opening)];
  view.sections.forEach((s, i) => {
    body.push(
      official.partHeading(`${official.roman(i)}. ${s.title.toLocaleUpperCase("vi")}`, { before: 180 }),
    );
    if (i === 0 && (view.figures.computed.length || view.figures.manual.length)) {
      body.push(official.partHeading("1. Số liệu chủ yếu"), figuresTable(view), new Paragraph({ text: "" }));
      const units = unitsTable(view);
      if (units)
        body.push(
          official.partHeading("2. Tình hình báo cáo của các đơn vị"),
          units,
          new Paragraph({ text: "" }),
        );
    }
    body.push(...word.paragraphs(s.text));
  });
  // The consolidation goes to the body above the requester (named, as on its plans), the rest to the requester.
  const recipients =
    r.role === "consolidation"
      ? unit
        ? defaultRecipients(unit).split("\n")
        : ["- Các tổ chức đảng trực thuộc,", "- Lưu Văn phòng cấp ủy."]
      : [`- ${row.requesterName} (để báo cáo),`, "- Lưu Văn phòng cấp ủy."];
  const data = await official.officialDocx({
    header: {
      upperBody: unit ? upperBodyOf(unit) : null,
      issuingBody: row.unitName,
      number: official.documentNumberLine(view.number, "BC", code),
      placeAndDate: official.placeAndDate(place, submittedOn, Number(vnToday().slice(0, 4))),
    },
    type: "Báo cáo",
    summary: view.request.title,
    body,
    closing: {
      recipients,
      authority: (r.signerAuthority || signer.authority).split("\n").filter((l) => l.trim()),
      title: r.signerTitle || signer.title,
      name: r.signerName || signer.name,
    },
    properties: { title: view.request.title, creator: row.unitName, description: view.request.title },
  });
  const fileName = view.number
    ? `Báo cáo số ${view.number}.docx`
    : `Dự thảo báo cáo - ${row.unitName} - ${view.request.title}.docx`;
  return { data, fileName };
}
