import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { type AuditEvent, recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { vnToday } from "../../../lib/dates.ts";
import { AppError } from "../../../lib/errors.ts";
import { numberingTerm, takeDocumentNumber } from "../../documents/index.ts";
import { notify } from "../../notifications/index.ts";
import { users } from "../../users/schema.ts";
import { applyReportChanges, type Counts, isSummed, scaled, statusChange } from "../counts.ts";
import { computedFigures, subordinateSums } from "../live-figures.ts";
import { editableStatuses } from "../policy.ts";
import type { ReportFullRow } from "../queries.ts";
import {
  type ReportRow,
  type ReportSnapshot,
  type ReportStatus,
  reports,
  reportVersions,
} from "../schema.ts";

/** Keeps the state after a write as a version of the report. */
export async function keepVersion(
  tx: Executor,
  ctx: Ctx,
  row: ReportRow,
  event: string,
  comment: string | null = null,
) {
  await tx.insert(reportVersions).values({
    reportId: row.id,
    version: row.version,
    event,
    status: row.status,
    sections: row.sections,
    manualValues: row.manualValues,
    snapshot: row.snapshot,
    comment,
    actorId: ctx.actor?.userId ?? null,
  });
}

const auditFields = (r: ReportRow) => ({
  status: r.status,
  timeliness: r.timeliness,
  sections: r.sections,
  manualValues: r.manualValues,
  reviewComment: r.reviewComment,
  number: r.number,
});

/** A report's target counters change only while it counts (a consolidation never does). */
const counts = (row: ReportFullRow) => row.report.role === "target" && row.report.counted;

/** The request must be open, and a target's report must still count (not folded into a successor's). */
function checkWritable(row: ReportFullRow) {
  if (row.request.status !== "open") throw new AppError("STATE_CONFLICT");
  if (row.report.role === "target" && !row.report.counted) throw new AppError("STATE_CONFLICT");
}

export interface ReportEdit {
  version: number;
  sections?: Record<string, string> | undefined;
  manualValues?: Record<string, number | null> | undefined;
  signer?:
    | { authority?: string | undefined; title?: string | undefined; name?: string | undefined }
    | undefined;
}

/**
 * Edits a report not yet submitted (not started, draft or returned) with the version read (409 when
 * stale): the narrative by section, the unit's own hand-entered figures (keys of the request only:
 * 422 naming others), the signer. A report not started becomes a draft.
 */
export async function updateReport(
  tx: Executor,
  ctx: Ctx,
  input: { current: ReportFullRow; edit: ReportEdit },
) {
  const { current, edit } = input;
  const r = current.report;
  checkWritable(current);
  if (!editableStatuses.includes(r.status)) throw new AppError("STATE_CONFLICT");
  if (edit.version !== r.version)
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: r.version } });
  const sectionKeys = new Set(current.request.sections.map((s) => s.key));
  const metricKeys = new Set(current.request.manualMetrics.map((m) => m.key));
  const problems = [
    ...Object.keys(edit.sections ?? {})
      .filter((k) => !sectionKeys.has(k))
      .map((k) => ({ path: `body.sections.${k}`, message: "unknown" })),
    ...Object.keys(edit.manualValues ?? {})
      .filter((k) => !metricKeys.has(k))
      .map((k) => ({ path: `body.manualValues.${k}`, message: "unknown" })),
  ];
  if (problems.length)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Có mục hoặc chỉ tiêu không thuộc mẫu báo cáo của yêu cầu.",
        en: "Some sections or figures are not in the request's template.",
      },
      details: problems,
    });
  const sections = { ...r.sections, ...(edit.sections ?? {}) };
  const manualValues: Record<string, number> = { ...r.manualValues };
  for (const [key, value] of Object.entries(edit.manualValues ?? {})) {
    if (value === null) delete manualValues[key];
    else manualValues[key] = value;
  }
  const status: ReportStatus = r.status === "not_started" ? "draft" : r.status;
  const [after] = await tx
    .update(reports)
    .set({
      sections,
      manualValues,
      status,
      ...(edit.signer?.authority !== undefined ? { signerAuthority: edit.signer.authority } : {}),
      ...(edit.signer?.title !== undefined ? { signerTitle: edit.signer.title } : {}),
      ...(edit.signer?.name !== undefined ? { signerName: edit.signer.name } : {}),
      version: sql`${reports.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(reports.id, r.id), eq(reports.version, r.version), eq(reports.status, r.status)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT");
  if (status !== r.status && counts(current))
    await applyReportChanges(tx, [
      {
        requestId: r.requestId,
        requesterPath: current.requesterPath,
        unitPath: current.unitPath,
        counts: statusChange(r.status, status),
      },
    ]);
  await keepVersion(tx, ctx, after, "update");
  await recordAudit(tx, ctx, {
    event: "report.update",
    entityId: after.id,
    unitId: after.unitId,
    before: auditFields(r),
    after: auditFields(after),
  });
  return after;
}

/** The figures a submission freezes: computed for the unit's subtree and period, and the subordinates' sums. */
export async function freezeFigures(tx: Executor, row: ReportFullRow, at: Date): Promise<ReportSnapshot> {
  const [computed, subordinates] = await Promise.all([
    computedFigures(tx, row.report.unitId, row.request),
    subordinateSums(tx, {
      requestId: row.request.id,
      requesterPath: row.requesterPath,
      unit: { id: row.report.unitId, path: row.unitPath, depth: row.unitDepth },
      own: null,
    }),
  ]);
  return { computedAt: at.toISOString(), computed, subordinates };
}

/**
 * Submits a report (not started, draft or returned): its figures are frozen as a snapshot; the
 * first submission decides its timeliness against the due date (Vietnam's day) and takes the
 * unit's next report number (BC) when it has a document code. The state is guarded in the WHERE:
 * of two submissions one gets 409. Its counters and the sums above it change in the same transaction.
 */
export async function submitReport(tx: Executor, ctx: Ctx, input: { current: ReportFullRow; now?: Date }) {
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
  await recordAudit(tx, ctx, {
    event: "report.submit",
    entityId: after.id,
    unitId: after.unitId,
    before: auditFields(r),
    after: auditFields(after),
  });
  return after;
}

/**
 * The requester (or a unit above it) accepts a submitted report, or returns it with comments to be
 * corrected and resubmitted (its figures leave the sums until then; its timeliness stays that of
 * its first submission). Guarded by the state in the WHERE: of two reviewers one gets 409. The
 * report unit's officers are notified in-app.
 */
export async function reviewReport(
  tx: Executor,
  ctx: Ctx,
  input: { current: ReportFullRow; decision: "accept" | "return"; comment: string },
) {
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
      version: sql`${reports.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
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
