import { and, eq } from "drizzle-orm";
import { type CommandContext, edited, recordChange } from "../../../lib/command.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { type ReportRequestRow, reportRequests } from "../schema.ts";

export interface MoveReportDueDateInput extends CommandContext {
  request: ReportRequestRow;
  version: number;
  dueOn: string;
}

/**
 * Moves an open request's due date (with the version read; 409 when stale or no longer open). It
 * must not fall before the period's start. Reports already submitted keep their timeliness (a late
 * one stays late); those not yet submitted are judged by the new date: overdue, and reminded, only
 * after it.
 */
export async function moveReportDueDate({ tx, ctx, ...input }: MoveReportDueDateInput) {
  const { request } = input;
  if (input.dueOn < request.periodStart)
    throw ruleViolation("body.dueOn", "Trước kỳ báo cáo / Before the period");
  if (input.version !== request.version)
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: request.version } });
  const [after] = await tx
    .update(reportRequests)
    .set({
      dueOn: input.dueOn,
      ...edited(ctx, reportRequests.version),
    })
    .where(
      and(
        eq(reportRequests.id, request.id),
        eq(reportRequests.version, input.version),
        eq(reportRequests.status, "open"),
      ),
    )
    .returning();
  if (!after) throw new AppError(request.status === "open" ? "VERSION_CONFLICT" : "STATE_CONFLICT");
  await recordChange(
    { tx, ctx },
    "report_request.due_date",
    after,
    { dueOn: request.dueOn },
    { dueOn: after.dueOn },
  );
  return after;
}
