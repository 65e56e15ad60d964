import { and, count, eq } from "drizzle-orm";
import { type CommandContext, edited, recordChange } from "../../../lib/command.ts";
import { vnToday } from "../../../lib/dates.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { issuedHeader, upperBodyOf } from "../../documents/index.ts";
import { applyFigureDeltas } from "../../figures/index.ts";
import { planContributions } from "../figures.ts";
import type { UnitForPlan } from "../queries.ts";
import { plans, planTasks } from "../schema.ts";

export interface IssuePlanInput extends CommandContext {
  planId: string;
  unit: UnitForPlan;
  issuedOn?: string | undefined;
  place?: string | undefined;
}

/**
 * Issues a draft: it takes the next number of its unit's plans in the committee term of the day it
 * bears, keeps the header it prints (the issuing body's name and code, the body above, the place),
 * counts in the figures and is published down the unit's subtree. Everything the document needs is
 * checked first (422 listing each gap); the plan's row is locked before the number is taken, so of
 * two issuers one gets 409 and no number is lost.
 */
export async function issuePlan({ tx, ctx, ...input }: IssuePlanInput) {
  const [current] = await tx.select().from(plans).where(eq(plans.id, input.planId)).for("update");
  if (current?.status !== "draft") throw new AppError("STATE_CONFLICT");
  const { unit } = input.unit;
  const issuedOn = input.issuedOn ?? vnToday();

  const problems: { path: string; message: string }[] = [];
  if (!current.summary.trim()) problems.push({ path: "summary", message: "required" });
  if (!current.signerAuthority.trim()) problems.push({ path: "signer.authority", message: "required" });
  if (!current.signerTitle.trim()) problems.push({ path: "signer.title", message: "required" });
  if (!current.signerName.trim()) problems.push({ path: "signer.name", message: "required" });
  const [tasks] = await tx.select({ n: count() }).from(planTasks).where(eq(planTasks.planId, current.id));
  if (!tasks?.n) problems.push({ path: "tasks", message: "required" });
  if (!unit.documentCode) problems.push({ path: "unit.documentCode", message: "required" });
  if (issuedOn > vnToday()) problems.push({ path: "body.issuedOn", message: "future" });
  if (current.parentPlanId) {
    const [parent] = await tx
      .select({ issuedOn: plans.issuedOn })
      .from(plans)
      .where(eq(plans.id, current.parentPlanId));
    if (parent?.issuedOn && issuedOn < parent.issuedOn)
      problems.push({ path: "body.issuedOn", message: "before_parent" });
  }
  if (problems.length)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Kế hoạch chưa đủ để ban hành: cần trích yếu, ít nhất một nhiệm vụ, người ký (thẩm quyền, chức vụ, họ tên), ký hiệu văn bản của đơn vị; ngày ban hành không sau hôm nay và không trước kế hoạch của cấp trên.",
        en: "The plan is not ready to issue: it needs a summary, at least one task, the signer (authority, title, name) and the unit's document code; the date is not after today nor before the parent plan's.",
      },
      details: problems,
    });

  const header = await issuedHeader(tx, {
    unit,
    upperName: upperBodyOf(input.unit),
    type: "KH",
    issuedOn,
    place: input.place ? cleanText(input.place) : null,
  });
  const [after] = await tx
    .update(plans)
    .set({
      ...header,
      ...edited(ctx, plans.version),
    })
    .where(and(eq(plans.id, current.id), eq(plans.status, "draft")))
    .returning();
  if (!after) throw new AppError("STATE_CONFLICT");
  await applyFigureDeltas(tx, planContributions(after));
  await recordChange({ tx, ctx }, "plan.issue", after, current, after);
  return after;
}
