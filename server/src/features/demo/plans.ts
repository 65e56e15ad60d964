import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { systemCtx } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { createPlan } from "../plans/commands/create-plan.ts";
import { derivePlan } from "../plans/commands/derive-plan.ts";
import { issuePlan } from "../plans/commands/issue-plan.ts";
import type { TaskInput } from "../plans/commands/plan-fields.ts";
import { updatePlan } from "../plans/commands/update-plan.ts";
import { updatePlanTask } from "../plans/commands/update-plan-task.ts";
import { planSymbol } from "../plans/presenter.ts";
import { unitForPlan } from "../plans/queries.ts";
import { type PlanRow, planTasks, type TaskStatus } from "../plans/schema.ts";
import type { UnitRow } from "../units/schema.ts";
import type { DemoTree } from "./seed.ts";

const PURPOSE = [
  "Tiếp tục quán triệt sâu sắc Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị và Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị; đưa việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trở thành nội dung thường xuyên trong sinh hoạt của các cấp ủy, tổ chức đảng.",
  "Gắn việc học tập và làm theo Bác với thực hiện nhiệm vụ chính trị của từng địa phương, cơ quan, đơn vị; mỗi cán bộ, đảng viên, nhất là người đứng đầu, nêu gương về đạo đức, lối sống.",
].join("\n");
const IMPLEMENTATION = [
  "1. Các cấp ủy trực thuộc căn cứ kế hoạch này xây dựng kế hoạch của cấp mình, gửi về Ban Thường vụ (qua Văn phòng cấp ủy) để theo dõi.",
  "2. Ban Tuyên giáo và Dân vận chủ trì, phối hợp với các cơ quan liên quan hướng dẫn, theo dõi, đôn đốc, kiểm tra việc thực hiện; định kỳ sáu tháng, một năm tổng hợp báo cáo Ban Thường vụ.",
].join("\n");

/** Today or an earlier fixed day: the demo never dates a document in the future. */
const notAfterToday = (day: string) => (day < vnToday() ? day : vnToday());

/**
 * Plans of the demo tree, made "upper level first, lower level after": the Bắc Ninh provincial
 * committee's whole-term plan 2025–2030 (taken up by commune C) and its 2026 annual plan, derived
 * and issued by C, then by its grassroots organisation G, then by cell K1 — cell K2 still drafting
 * its own — with progress reported on some inherited tasks (one overdue).
 */
export async function seedDemoPlans(tx: Executor, tree: DemoTree) {
  const ctx = systemCtx();
  const info = async (unit: UnitRow) => {
    const found = await unitForPlan(tx, unit.id);
    if (!found) throw new Error(`no unit ${unit.id}`);
    return found;
  };
  const issue = async (plan: PlanRow, unit: UnitRow, issuedOn: string) =>
    issuePlan({ tx, ctx, planId: plan.id, unit: await info(unit), issuedOn: notAfterToday(issuedOn) });
  /** Derives a unit's plan from its parent's, names the signer and adds the unit's own tasks. */
  const derive = async (
    source: PlanRow,
    unit: UnitRow,
    signer: { title: string; name: string },
    extraTasks: TaskInput[] = [],
  ) => {
    const draft = await derivePlan({ tx, ctx, source, unit: await info(unit) });
    const inherited = await tasksOf(draft.id);
    return updatePlan({
      tx,
      ctx,
      current: { ...draft, unitPath: unit.path },
      version: draft.version,
      signer,
      tasks: [
        ...inherited.map((t) => ({
          id: t.id,
          content: t.content,
          ownerUnitId: t.ownerUnitId,
          deadline: t.deadline,
        })),
        ...extraTasks,
      ],
    });
  };
  const tasksOf = (planId: string) =>
    tx.select().from(planTasks).where(eq(planTasks.planId, planId)).orderBy(asc(planTasks.position));
  /** Progress reported by the owner unit on the tasks of an issued plan, by position. */
  const report = async (planId: string, updates: [number, TaskStatus, number, string][]) => {
    const tasks = await tasksOf(planId);
    for (const [position, status, progress, note] of updates) {
      const task = tasks[position];
      if (task)
        await updatePlanTask({
          tx,
          ctx,
          planStatus: "issued",
          current: task,
          version: task.version,
          status,
          progress,
          note,
        });
    }
  };

  const { p1, commune, grassroots, cell1, cell2 } = tree;
  const p1Info = await info(p1);
  const signerP1 = {
    authority: "T/M BAN THƯỜNG VỤ\nK/T BÍ THƯ",
    title: "PHÓ BÍ THƯ THƯỜNG TRỰC",
    name: "Nguyễn Văn Thành",
  };

  // The provincial committee's whole-term plan, taken up by commune C.
  const wholeTerm = await createPlan({
    tx,
    ctx,
    unit: p1Info,
    kind: "whole_term",
    term: "2025–2030",
    title: "Kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh nhiệm kỳ 2025–2030",
    summary: "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh nhiệm kỳ 2025–2030",
    preamble:
      "Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW, Ban Thường vụ Tỉnh ủy xây dựng kế hoạch thực hiện trong nhiệm kỳ 2025–2030 như sau:",
    purpose: PURPOSE,
    implementation: IMPLEMENTATION,
    signer: signerP1,
    objectives: [
      {
        content: "100% cấp ủy, tổ chức đảng xây dựng và thực hiện kế hoạch học tập và làm theo Bác hằng năm.",
      },
      { content: "100% cán bộ, đảng viên đăng ký làm theo Bác hằng năm và được đánh giá cuối năm." },
      {
        content:
          "Mỗi đảng bộ cơ sở có ít nhất một mô hình hay, cách làm sáng tạo được công nhận và nhân rộng.",
      },
    ],
    tasks: [
      {
        content: "Học tập, quán triệt chuyên đề toàn khóa và chuyên đề hằng năm đến 100% cán bộ, đảng viên.",
        deadline: "2030-06-30",
      },
      {
        content:
          "Xây dựng, công nhận và nhân rộng mô hình hay, cách làm sáng tạo; biên soạn tập mô hình tiêu biểu.",
        deadline: "2030-06-30",
      },
      {
        content:
          "Sơ kết giữa nhiệm kỳ việc thực hiện Kết luận số 01-KL/TW; biểu dương tập thể, cá nhân tiêu biểu.",
        deadline: "2028-06-30",
      },
    ],
  });
  const wholeTermIssued = await issue(wholeTerm, p1, "2025-12-05");
  const communeWholeTerm = await derive(wholeTermIssued, commune, { title: "BÍ THƯ", name: "Trần Minh Đức" });
  await issue(communeWholeTerm, commune, "2025-12-22");

  // The 2026 annual plan, down to the cells.
  const annual = await createPlan({
    tx,
    ctx,
    unit: p1Info,
    kind: "annual",
    year: 2026,
    title: "Kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026",
    summary: "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026",
    preamble: `Thực hiện Kế hoạch số ${planSymbol(wholeTermIssued)} của Ban Thường vụ Tỉnh ủy về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh nhiệm kỳ 2025–2030, Ban Thường vụ Tỉnh ủy xây dựng kế hoạch năm 2026 như sau:`,
    purpose: PURPOSE,
    implementation: IMPLEMENTATION,
    signer: signerP1,
    objectives: [
      { content: "Tổ chức học tập chuyên đề năm 2026 đến 100% chi bộ trong quý II." },
      { content: "Mỗi chi bộ có ít nhất một việc làm cụ thể làm theo Bác gắn với nhiệm vụ của đơn vị." },
    ],
    tasks: [
      { content: "Quán triệt, học tập chuyên đề năm 2026 trong sinh hoạt chi bộ.", deadline: "2026-06-30" },
      {
        content: "Cán bộ, đảng viên đăng ký bản cam kết làm theo Bác năm 2026; chi bộ theo dõi, đánh giá.",
        deadline: "2026-03-31",
      },
      {
        content: "Đăng ký, xây dựng mô hình hay, cách làm sáng tạo; đề nghị công nhận mô hình tiêu biểu.",
        deadline: "2026-10-31",
      },
      {
        content: "Sơ kết, đánh giá kết quả thực hiện năm 2026; biểu dương điển hình.",
        deadline: "2026-12-15",
      },
    ],
  });
  const annualIssued = await issue(annual, p1, "2026-01-08");
  await report(annualIssued.id, [[0, "in_progress", 60, "Đã triển khai tới các đảng bộ trực thuộc."]]);

  const communeAnnual = await derive(annualIssued, commune, { title: "BÍ THƯ", name: "Trần Minh Đức" }, [
    {
      content: "Tổ chức hội nghị trực tuyến học tập chuyên đề tại các điểm cầu khu dân cư.",
      ownerUnitId: grassroots.id,
      deadline: "2026-05-31",
    },
  ]);
  const communeIssued = await issue(communeAnnual, commune, "2026-01-15");
  await report(communeIssued.id, [
    [0, "done", 100, "100% chi bộ đã học tập chuyên đề."],
    [1, "in_progress", 85, "Còn một số đảng viên cao tuổi chưa nộp bản cam kết."],
    [2, "in_progress", 40, "Đã đăng ký 6 mô hình."],
  ]);

  const grassrootsAnnual = await derive(communeIssued, grassroots, {
    title: "BÍ THƯ",
    name: "Hoàng Minh Tuấn",
  });
  const grassrootsIssued = await issue(grassrootsAnnual, grassroots, "2026-01-20");
  await report(grassrootsIssued.id, [
    [0, "done", 100, "Đã học tập xong trong tháng 4."],
    [2, "in_progress", 50, "Hai mô hình đang xây dựng."],
  ]);

  const cellAnnual = await derive(grassrootsIssued, cell1, { title: "BÍ THƯ", name: "Đặng Văn Bình" });
  const cellIssued = await issue(cellAnnual, cell1, "2026-01-28");
  await report(cellIssued.id, [
    [0, "done", 100, "Sinh hoạt chuyên đề tháng 3."],
    [1, "done", 100, "14/14 đảng viên đã nộp bản cam kết."],
  ]);
  // Cell K2 has started its plan but not issued it yet.
  await derive(grassrootsIssued, cell2, { title: "BÍ THƯ", name: "Vũ Thị Lan" });
}
