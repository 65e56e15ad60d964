import { and, eq } from "drizzle-orm";
import { type CommandContext, edited, recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { applyReportChanges, statusChange } from "../counts.ts";
import { editableStatuses } from "../policy.ts";
import type { ReportFullRow } from "../queries.ts";
import { type ReportStatus, reports } from "../schema.ts";
import { auditFields, checkWritable, counts, keepVersion, type ReportEdit } from "./report-versions.ts";

export interface UpdateReportInput extends CommandContext {
  current: ReportFullRow;
  edit: ReportEdit;
}

/**
 * Edits a report not yet submitted (not started, draft or returned) with the version read (409 when
 * stale): the narrative by section, the unit's own hand-entered figures (keys of the request only:
 * 422 naming others), the signer. A report not started becomes a draft.
 */
export async function updateReport({ tx, ctx, ...input }: UpdateReportInput) {
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
      ...edited(ctx, reports.version),
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
  await recordChange({ tx, ctx }, "report.update", after, auditFields(r), auditFields(after));
  return after;
}
