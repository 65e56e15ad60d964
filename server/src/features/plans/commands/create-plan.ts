import { type CommandContext, recordChange } from "../../../lib/command.ts";
import { defaultRecipients, defaultSigner } from "../../documents/index.ts";
import { periodOf } from "../defaults.ts";
import type { UnitForPlan } from "../queries.ts";
import { type PlanKind, plans } from "../schema.ts";
import {
  checkKnown,
  cleanFields,
  listsOf,
  type ObjectiveInput,
  type PlanTextFields,
  type TaskInput,
  writeObjectives,
  writeTasks,
} from "./plan-fields.ts";

export interface CreatePlanInput extends CommandContext, PlanTextFields {
  unit: UnitForPlan;
  kind: PlanKind;
  term?: string | undefined;
  year?: number | undefined;
  objectives: ObjectiveInput[];
  tasks: TaskInput[];
}

/** Starts a draft plan of a unit: the plan, its objectives and tasks, the audit row. */
export async function createPlan({ tx, ctx, ...input }: CreatePlanInput) {
  const { unit } = input.unit;
  // A new plan has no objectives or tasks yet: an id in the lists names another plan's.
  checkKnown(input.objectives, new Set(), "objectives");
  checkKnown(input.tasks, new Set(), "tasks");
  const period = periodOf(input.kind, input.term, input.year);
  const signer = { ...defaultSigner(input.unit), ...input.signer };
  const by = ctx.actor?.userId ?? null;
  const [row] = await tx
    .insert(plans)
    .values({
      unitId: unit.id,
      kind: input.kind,
      ...period,
      title: "",
      recipients: defaultRecipients(input.unit),
      ...cleanFields({ ...input, signer }),
      createdBy: by,
      updatedBy: by,
    })
    .returning();
  if (!row) throw new Error("no plan row");
  await writeObjectives(tx, row.id, input.objectives);
  await writeTasks(tx, ctx, { id: row.id, unitId: unit.id, unitPath: unit.path }, input.tasks);
  await recordChange({ tx, ctx }, "plan.create", row, null, { ...row, ...(await listsOf(tx, row.id)) });
  return row;
}
