import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import { type CommandContext, edited } from "../../../lib/command.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { cleanMultiline } from "../../../lib/vietnamese.ts";
import { type PlanStatus, type PlanTaskRow, planTasks, type TaskStatus } from "../schema.ts";

/**
 * Status and progress agree: done is 100%, not started is 0%, anything between is in progress.
 * Given one, the other follows; given both, they must agree (422).
 */
export function reconcile(
  current: { status: TaskStatus; progress: number },
  input: { status?: TaskStatus | undefined; progress?: number | undefined },
): { status: TaskStatus; progress: number } {
  if (input.status !== undefined && input.progress !== undefined) {
    const { status, progress } = input;
    const agrees =
      status === "done" ? progress === 100 : status === "not_started" ? progress === 0 : progress < 100;
    if (!agrees)
      throw ruleViolation("body.progress", "status_mismatch", {
        vi: "Trạng thái và tiến độ không khớp: hoàn thành là 100%, chưa thực hiện là 0%.",
        en: "Status and progress disagree: done is 100%, not started is 0%.",
      });
    return { status, progress };
  }
  if (input.status !== undefined) {
    if (input.status === "done") return { status: "done", progress: 100 };
    if (input.status === "not_started") return { status: "not_started", progress: 0 };
    // Reopening a finished task: how far it is now must be said.
    if (current.progress === 100) throw ruleViolation("body.progress", "required");
    return { status: input.status, progress: current.progress };
  }
  if (input.progress !== undefined) {
    const progress = input.progress;
    const status: TaskStatus =
      progress === 100
        ? "done"
        : progress > 0 || current.status === "in_progress"
          ? "in_progress"
          : "not_started";
    return { status, progress };
  }
  return current;
}

export interface UpdatePlanTaskInput extends CommandContext {
  planStatus: PlanStatus;
  current: PlanTaskRow;
  version: number;
  status?: TaskStatus | undefined;
  progress?: number | undefined;
  note?: string | undefined;
}

/**
 * The owner unit reports a task's progress on an issued plan (a draft's tasks change with the
 * plan, 409); the version read must still be current (409).
 */
export async function updatePlanTask({ tx, ctx, ...input }: UpdatePlanTaskInput) {
  const { current } = input;
  if (input.planStatus !== "issued") throw new AppError("STATE_CONFLICT");
  const next = reconcile(current, input);
  const [after] = await tx
    .update(planTasks)
    .set({
      ...next,
      ...(input.note !== undefined ? { note: cleanMultiline(input.note) } : {}),
      ...edited(ctx, planTasks.version),
    })
    .where(and(eq(planTasks.id, current.id), eq(planTasks.version, input.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await recordAudit(tx, ctx, {
    event: "plan_task.update",
    entityId: current.id,
    unitId: current.ownerUnitId,
    before: current,
    after,
  });
  return after;
}
