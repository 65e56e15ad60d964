import { and, eq } from "drizzle-orm";
import { type CommandContext, edited, recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { type ReportRequestRow, reportRequests } from "../schema.ts";

export interface CancelReportRequestInput extends CommandContext {
  request: ReportRequestRow;
}

/** Cancels an open request: its reports stay readable, nothing more is written to them (409 after). */
export async function cancelReportRequest({ tx, ctx, ...input }: CancelReportRequestInput) {
  const [after] = await tx
    .update(reportRequests)
    .set({
      status: "cancelled",
      cancelledAt: new Date(),
      ...edited(ctx, reportRequests.version),
    })
    .where(and(eq(reportRequests.id, input.request.id), eq(reportRequests.status, "open")))
    .returning();
  if (!after) throw new AppError("STATE_CONFLICT");
  await recordChange(
    { tx, ctx },
    "report_request.cancel",
    after,
    { status: input.request.status },
    { status: after.status },
  );
  return after;
}
