import { and, eq, inArray, sql } from "drizzle-orm";
import { type CommandContext, recordChange } from "../../../lib/command.ts";
import { vnToday } from "../../../lib/dates.ts";
import { AppError } from "../../../lib/errors.ts";
import { numberingTerm, takeDocumentNumber } from "../../documents/index.ts";
import { applyReportChanges, statusChange } from "../counts.ts";
import { editableStatuses } from "../policy.ts";
import type { ReportFullRow } from "../queries.ts";
import { reports } from "../schema.ts";
import { auditFields, checkWritable, counts, freezeFigures, keepVersion } from "./report-versions.ts";

export interface SubmitReportInput extends CommandContext {
  current: ReportFullRow;
  now?: Date;
}

/**
 * Submits a report (not started, draft or returned): its figures are frozen as a snapshot; the
 * first submission decides its timeliness against the due date (Vietnam's day) and takes the
 * unit's next report number (BC) when it has a document code. The state is guarded in the WHERE:
 * of two submissions one gets 409. Its counters and the sums above it change in the same transaction.
 */
export async function submitReport({ tx, ctx, ...input }: SubmitReportInput) {
  const { current } = input;
  const r = current.report;
  const now = input.now ?? new Date();
  checkWritable(current);
  if (!editableStatuses.includes(r.status)) throw new AppError("STATE_CONFLICT");
  const first = r.firstSubmittedAt === null;
  const timeliness =
    r.role !== "target"
      ? null
      : first
        ? vnToday(now.getTime()) <= current.request.dueOn
          ? "on_time"
          : "late"
        : r.timeliness;
  const snapshot = await freezeFigures(tx, current, now);
  const [submitted] = await tx
    .update(reports)
    .set({
      status: "submitted",
      submittedAt: now,
      firstSubmittedAt: r.firstSubmittedAt ?? now,
      timeliness,
      snapshot,
      reviewedAt: null,
      reviewedBy: null,
      version: sql`${reports.version} + 1`,
      updatedAt: now,
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(reports.id, r.id), inArray(reports.status, [...editableStatuses])))
    .returning();
  if (!submitted) throw new AppError("STATE_CONFLICT");
  let after = submitted;
  if (after.number === null && current.unitDocumentCode) {
    const day = vnToday(now.getTime());
    const term = await numberingTerm(tx, current.unitPath, day);
    const number = await takeDocumentNumber(tx, { unitId: after.unitId, type: "BC", term });
    const [numbered] = await tx
      .update(reports)
      .set({ number, numberTerm: term, issuerCode: current.unitDocumentCode })
      .where(eq(reports.id, after.id))
      .returning();
    if (numbered) after = numbered;
  }
  if (counts(current))
    await applyReportChanges(tx, [
      {
        requestId: r.requestId,
        requesterPath: current.requesterPath,
        unitPath: current.unitPath,
        counts: statusChange(r.status, "submitted", first ? timeliness : null),
        sums: after.manualValues,
      },
    ]);
  await keepVersion(tx, ctx, after, "submit");
  await recordChange({ tx, ctx }, "report.submit", after, auditFields(r), auditFields(after));
  return after;
}
