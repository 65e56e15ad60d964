import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { AppError } from "../../../lib/errors.ts";
import { computedFigures, subordinateSums } from "../live-figures.ts";
import type { ReportFullRow } from "../queries.ts";
import { type ReportRow, type ReportSnapshot, reportVersions } from "../schema.ts";

/** What the report commands share: its versions, its audited fields, its guards, its frozen figures. */

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

export const auditFields = (r: ReportRow) => ({
  status: r.status,
  timeliness: r.timeliness,
  sections: r.sections,
  manualValues: r.manualValues,
  reviewComment: r.reviewComment,
  number: r.number,
});

/** A report's target counters change only while it counts (a consolidation never does). */
export const counts = (row: ReportFullRow) => row.report.role === "target" && row.report.counted;

/** The request must be open, and a target's report must still count (not folded into a successor's). */
export function checkWritable(row: ReportFullRow) {
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
