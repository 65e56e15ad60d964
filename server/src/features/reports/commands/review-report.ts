import { and, eq, inArray } from "drizzle-orm";
import { type AuditEvent, recordAudit } from "../../../lib/audit.ts";
import { type CommandContext, edited } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import type { EventBus } from "../../../lib/events.ts";
import { notify } from "../../notifications/index.ts";
import { users } from "../../users/schema.ts";
import { applyReportChanges, type Counts, isSummed, scaled, statusChange } from "../counts.ts";
import type { ReportFullRow } from "../queries.ts";
import { type ReportStatus, reports } from "../schema.ts";
import { auditFields, keepVersion } from "./report-versions.ts";

export interface ReviewReportInput extends CommandContext {
  current: ReportFullRow;
  decision: "accept" | "return";
  comment: string;
  /** The event bus: the notified officers' bells hear of it live. */
  events?: EventBus;
}

/**
 * The requester (or a unit above it) accepts a submitted report, or returns it with comments to be
 * corrected and resubmitted (its figures leave the sums until then; its timeliness stays that of
 * its first submission). Guarded by the state in the WHERE: of two reviewers one gets 409. The
 * report unit's officers are notified in-app.
 */
export async function reviewReport({ tx, ctx, ...input }: ReviewReportInput) {
  const { current, decision } = input;
  const r = current.report;
  if (current.request.status !== "open" || !r.counted || r.role !== "target")
    throw new AppError("STATE_CONFLICT");
  const status: ReportStatus = decision === "accept" ? "accepted" : "returned";
  const [after] = await tx
    .update(reports)
    .set({
      status,
      reviewedAt: new Date(),
      reviewedBy: ctx.actor?.userId ?? null,
      reviewComment: input.comment || null,
      ...edited(ctx, reports.version),
    })
    .where(and(eq(reports.id, r.id), eq(reports.status, "submitted")))
    .returning();
  if (!after) throw new AppError("STATE_CONFLICT");
  const change: Partial<Counts> = statusChange("submitted", status);
  await applyReportChanges(tx, [
    {
      requestId: r.requestId,
      requesterPath: current.requesterPath,
      unitPath: current.unitPath,
      counts: change,
      ...(isSummed(status) ? {} : { sums: scaled(after.manualValues, -1) }),
    },
  ]);
  await keepVersion(tx, ctx, after, decision, input.comment || null);
  const event: AuditEvent = decision === "accept" ? "report.accept" : "report.return";
  await recordAudit(tx, ctx, {
    event,
    entityId: after.id,
    unitId: after.unitId,
    before: auditFields(r),
    after: auditFields(after),
  });
  const writers = await tx
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(
      and(
        eq(users.unitId, after.unitId),
        eq(users.active, true),
        inArray(users.role, ["admin", "officer", "leader", "secretary"]),
      ),
    );
  await notify(
    tx,
    writers.map((w) => ({
      userId: w.id,
      kind: `report.${decision}`,
      unitId: after.unitId,
      link: `/reports/${after.id}`,
      ...reviewMessage(w.locale, decision, current.request.title, input.comment),
    })),
    {},
    input.events,
  );
  return after;
}

function reviewMessage(locale: string, decision: "accept" | "return", title: string, comment: string) {
  if (locale === "en")
    return decision === "accept"
      ? { title: "Report accepted", body: `Your report "${title}" was accepted.` }
      : {
          title: "Report returned for correction",
          body: `Your report "${title}" was returned${comment ? `: ${comment}` : ""}. Correct it and submit it again.`,
        };
  return decision === "accept"
    ? {
        title: "Báo cáo đã được tiếp nhận",
        body: `Báo cáo "${title}" của đơn vị đã được cấp trên tiếp nhận.`,
      }
    : {
        title: "Báo cáo bị trả lại để hoàn thiện",
        body: `Báo cáo "${title}" của đơn vị bị trả lại${comment ? `: ${comment}` : ""}. Đồng chí hãy hoàn thiện và gửi lại.`,
      };
}
