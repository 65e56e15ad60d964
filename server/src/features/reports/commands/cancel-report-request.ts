import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import { type CommandContext, edited } from "../../../lib/command.ts";
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
  await recordAudit(tx, ctx, {
    event: "report_request.cancel",
    entityId: after.id,
    unitId: after.unitId,
    before: { status: input.request.status },
    after: { status: after.status },
  });
  return after;
}
