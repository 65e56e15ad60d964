import { and, eq } from "drizzle-orm";
import { type CommandContext, edited, recordChange } from "../../../lib/command.ts";
import { changesNothing } from "../../../lib/edits.ts";
import { AppError } from "../../../lib/errors.ts";
import { periodOf } from "../defaults.ts";
import { type PlanRow, plans } from "../schema.ts";
import {
  cleanFields,
  listsOf,
  type ObjectiveInput,
  type PlanTextFields,
  rule,
  type TaskInput,
  writeObjectives,
  writeTasks,
} from "./plan-fields.ts";

export interface UpdatePlanInput extends CommandContext, PlanTextFields {
  current: PlanRow & { unitPath: string };
  version: number;
  term?: string | undefined;
  year?: number | undefined;
  objectives?: ObjectiveInput[] | undefined;
  tasks?: TaskInput[] | undefined;
}

/** Edits a draft; the version read must still be current (409), an issued plan no longer changes (409). */
export async function updatePlan({ tx, ctx, current, ...input }: UpdatePlanInput) {
  if (current.status !== "draft") throw new AppError("STATE_CONFLICT");
  if (changesNothing(input, current)) return current;
  if (current.kind === "annual" && input.term !== undefined)
    throw rule([{ path: "body.term", message: "annual" }]);
  if (current.kind === "whole_term" && input.year !== undefined)
    throw rule([{ path: "body.year", message: "whole_term" }]);
  const period =
    input.term !== undefined || input.year !== undefined
      ? periodOf(current.kind, input.term, input.year)
      : {};
  const beforeLists = await listsOf(tx, current.id);
  const [after] = await tx
    .update(plans)
    .set({
      ...period,
      ...cleanFields(input),
      ...edited(ctx, plans.version),
    })
    .where(and(eq(plans.id, current.id), eq(plans.version, input.version), eq(plans.status, "draft")))
    .returning();
  if (!after) {
    const [now] = await tx.select({ status: plans.status }).from(plans).where(eq(plans.id, current.id));
    if (now?.status === "issued") throw new AppError("STATE_CONFLICT");
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  }
  if (input.objectives) await writeObjectives(tx, current.id, input.objectives);
  if (input.tasks) await writeTasks(tx, ctx, { ...current, unitPath: current.unitPath }, input.tasks);
  await recordChange(
    { tx, ctx },
    "plan.update",
    current,
    { ...current, ...beforeLists },
    { ...after, ...(await listsOf(tx, current.id)) },
  );
  return after;
}
