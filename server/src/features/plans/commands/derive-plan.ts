import { asc, eq } from "drizzle-orm";
import { type CommandContext, recordChange } from "../../../lib/command.ts";
import { isUniqueViolation } from "../../../lib/db-errors.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { defaultRecipients, defaultSigner } from "../../documents/index.ts";
import { derivedPreamble } from "../defaults.ts";
import { planSymbol } from "../presenter.ts";
import { derivedPlanOf, type UnitForPlan } from "../queries.ts";
import { type PlanRow, planObjectives, plans, planTasks } from "../schema.ts";

const alreadyDerived = () =>
  ruleViolation("body.unitId", "already_derived", {
    vi: "Đơn vị đã xây dựng kế hoạch từ kế hoạch này của cấp trên.",
    en: "The unit has already started its plan from this one.",
  });

export interface DerivePlanInput extends CommandContext {
  source: PlanRow;
  unit: UnitForPlan;
}

/**
 * A unit directly below the plan's starts its own plan from it ("upper level first, lower level
 * after"): a draft with the same period, title and summary, an opening paragraph citing the
 * parent's number and date, and copies of its objectives and tasks linked to theirs (the tasks now
 * the unit's own, not started), which the unit then adapts. The parent plan must be issued.
 */
export async function derivePlan({ tx, ctx, ...input }: DerivePlanInput) {
  const { source } = input;
  const { unit } = input.unit;
  if (source.status !== "issued") throw new AppError("STATE_CONFLICT");
  if (unit.parentId !== source.unitId)
    throw ruleViolation("body.unitId", "not_child", {
      vi: "Chỉ đơn vị trực thuộc đơn vị ban hành mới xây dựng kế hoạch từ kế hoạch này.",
      en: "Only a unit directly below the plan's unit starts its plan from it.",
    });
  if (await derivedPlanOf(tx, source.id, unit.id)) throw alreadyDerived();
  const signer = defaultSigner(input.unit);
  const by = ctx.actor?.userId ?? null;
  let row: PlanRow | undefined;
  try {
    [row] = await tx
      .insert(plans)
      .values({
        unitId: unit.id,
        kind: source.kind,
        term: source.term,
        startYear: source.startYear,
        endYear: source.endYear,
        title: source.title,
        summary: source.summary,
        preamble: derivedPreamble({ ...source, symbol: planSymbol(source) }, unit.name),
        purpose: source.purpose,
        implementation: source.implementation,
        recipients: defaultRecipients(input.unit),
        signerAuthority: signer.authority,
        signerTitle: signer.title,
        signerName: signer.name,
        parentPlanId: source.id,
        createdBy: by,
        updatedBy: by,
      })
      .returning();
  } catch (error) {
    if (isUniqueViolation(error, "plans_derived_key")) throw alreadyDerived();
    throw error;
  }
  if (!row) throw new Error("no plan row");
  const planId = row.id;
  const objectives = await tx
    .select()
    .from(planObjectives)
    .where(eq(planObjectives.planId, source.id))
    .orderBy(asc(planObjectives.position));
  if (objectives.length)
    await tx
      .insert(planObjectives)
      .values(
        objectives.map((o) => ({ planId, position: o.position, content: o.content, inheritedFromId: o.id })),
      );
  const tasks = await tx
    .select()
    .from(planTasks)
    .where(eq(planTasks.planId, source.id))
    .orderBy(asc(planTasks.position));
  if (tasks.length)
    await tx.insert(planTasks).values(
      tasks.map((t) => ({
        planId,
        position: t.position,
        content: t.content,
        ownerUnitId: unit.id,
        deadline: t.deadline,
        inheritedFromId: t.id,
        createdBy: by,
        updatedBy: by,
      })),
    );
  await recordChange({ tx, ctx }, "plan.derive", row, null, {
    ...row,
    objectives: objectives.length,
    tasks: tasks.length,
  });
  return row;
}
