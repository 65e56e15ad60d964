import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { systemCtx } from "../../lib/auth/actor.ts";
import { dayBefore, vnToday } from "../../lib/dates.ts";
import { createReportRequest } from "../reports/commands/create-report-request.ts";
import { reviewReport } from "../reports/commands/review-report.ts";
import { submitReport } from "../reports/commands/submit-report.ts";
import { updateReport } from "../reports/commands/update-report.ts";
import { addDays, periodHolding } from "../reports/defaults.ts";
import { currentReport } from "../reports/queries.ts";
import { reports } from "../reports/schema.ts";
import type { DemoTree } from "./seed.ts";

// The metrics the demo request chooses (registered by their modules; the seed may run before the app is built).

/** Hours after midnight in Vietnam, as an instant (the demo's submission times). */
const at = (day: string, hour: number) => new Date(Date.parse(`${day}T00:00:00+07:00`) + hour * 3_600_000);

/**
 * A six-month review that the Bắc Ninh provincial committee asked of its communes, for the last
 * half-year whose due date has passed: commune C submitted on time and was accepted, the second
 * commune submitted late and waits for review, the third has not reported (overdue). The province's
 * own consolidated report shows the summed figures.
 */
export async function seedDemoReports(tx: Executor, tree: DemoTree) {
  const ctx = systemCtx();
  const today = vnToday();
  let period = periodHolding("six_month", today);
  while (addDays(period.end, 10) >= today) period = periodHolding("six_month", dayBefore(period.start));
  const dueOn = addDays(period.end, 10);
  const request = await createReportRequest({
    tx,
    ctx,
    requester: tree.p1,
    body: {
      title: `Báo cáo sơ kết ${period.label} thực hiện Chỉ thị 05-CT/TW`,
      kind: "six_month",
      periodStart: period.start,
      periodEnd: period.end,
      dueOn,
      targets: { levels: [1] },
      metrics: ["people.active", "people.joined", "practices.registered", "units.total"],
      manualMetrics: [
        { key: "sessions", label: "Buổi sinh hoạt chuyên đề đã tổ chức", unit: "buổi" },
        { key: "attendees", label: "Lượt cán bộ, đảng viên tham gia học tập", unit: "lượt" },
      ],
      instructions: "Các đảng ủy trực thuộc báo cáo đúng mẫu, gửi về Ban Tuyên giáo và Dân vận Tỉnh ủy.",
    },
  });
  if (!request) return;
  const targets = await tx.select().from(reports).where(eq(reports.requestId, request.id));
  const communes = tree.all.filter((u) => u.parentId === tree.p1.id);
  const plan: { submitOn: string; accept: boolean; sessions: number; attendees: number }[] = [
    { submitOn: addDays(dueOn, -3), accept: true, sessions: 12, attendees: 356 },
    { submitOn: addDays(dueOn, 4), accept: false, sessions: 9, attendees: 240 },
  ];
  for (const [i, step] of plan.entries()) {
    const unit = communes[i];
    const target = targets.find((t) => t.unitId === unit?.id);
    if (!target) continue;
    let row = await currentReport(tx, target.id);
    if (!row) continue;
    await updateReport({
      tx,
      ctx,
      current: row,
      edit: {
        version: row.report.version,
        sections: {
          results:
            "Ban Thường vụ Đảng ủy đã quán triệt, triển khai kế hoạch học tập chuyên đề đến 100% chi bộ; các chi bộ đưa nội dung làm theo Bác vào sinh hoạt định kỳ hằng tháng.",
          limitations: "Một số chi bộ còn lúng túng trong việc xây dựng mô hình làm theo.",
          directions: "Tiếp tục nhân rộng các mô hình hay, biểu dương điển hình tiên tiến.",
        },
        manualValues: { sessions: step.sessions, attendees: step.attendees },
        signer: { name: i === 0 ? "Nguyễn Văn Minh" : "Trần Thị Lan" },
      },
    });
    row = await currentReport(tx, target.id);
    if (!row) continue;
    await submitReport({ tx, ctx, current: row, now: at(step.submitOn, 9) });
    if (step.accept) {
      row = await currentReport(tx, target.id);
      if (row) await reviewReport({ tx, ctx, current: row, decision: "accept", comment: "" });
    }
  }
}
