import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import type { Lang } from "../../lib/errors.ts";
import { completenessOf, emptyCounts, readCompleteness, readSums } from "./counts.ts";
import { computedFigures, differencesOf, presentFigures, subordinateSums } from "./live-figures.ts";
import { isOverdue, iso, ownOf, presentGroup, reportActionsOf, reportSymbol } from "./presenter.ts";
import { type ReportFullRow, reportsOfUnits, unitsByIds } from "./queries.ts";
import { reports } from "./schema.ts";

/** A report's status as its documents print it. */
export const statusNames: Record<string, string> = {
  not_started: "Chưa thực hiện",
  draft: "Đang soạn",
  submitted: "Đã gửi, chờ duyệt",
  returned: "Bị trả lại",
  accepted: "Đã tiếp nhận",
};

/** The per-unit table computes live figures for at most this many children (the rest show frozen ones only). */
const MAX_LIVE_CHILDREN = 100;

async function inChunks<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/**
 * The requester's consolidated view: the request's completeness, the sums of every target's
 * submitted hand-entered figures, and one row per child unit of the requester with targets below
 * it (its completeness, its own report, its subtree's computed figures — frozen at its submission,
 * else live — and its subtree's submitted hand-entered sums).
 */
export async function consolidationView(db: Executor, row: ReportFullRow, today: string) {
  const request = row.request;
  const requester = { id: request.unitId, path: row.requesterPath, depth: row.unitDepth };
  const [rows, sums] = await Promise.all([
    readCompleteness(db, { requestId: request.id, requesterPath: row.requesterPath, unit: requester }),
    readSums(db, { requestId: request.id, requesterPath: row.requesterPath, unit: requester, byChild: true }),
  ]);
  const overdueNow = today > request.dueOn;
  const total = [...rows.byDepth.values()].reduce((sum, c) => {
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += c[k];
    return sum;
  }, emptyCounts());
  const children = rows.children;
  const childReports = new Map(
    (
      await reportsOfUnits(
        db,
        request.id,
        children.map((c) => c.id),
      )
    ).map((r) => [r.unitId, r]),
  );
  const units = await inChunks(children, 4, async (child) => {
    const report = childReports.get(child.id) ?? null;
    const frozen = report?.snapshot && (report.status === "submitted" || report.status === "accepted");
    const computed = frozen
      ? (report.snapshot?.computed ?? {})
      : children.indexOf(child) < MAX_LIVE_CHILDREN
        ? await computedFigures(db, child.id, request)
        : {};
    return {
      unit: { id: child.id, name: child.name, code: child.code },
      ...presentGroup(completenessOf(rows.byChild.get(child.id) ?? emptyCounts(), overdueNow)),
      report: report
        ? {
            ...(ownOf(report) as NonNullable<ReturnType<typeof ownOf>>),
            submittedAt: iso(report.submittedAt),
          }
        : null,
      computed,
      manual: sums.byChild.get(child.id) ?? {},
    };
  });
  return {
    completeness: presentGroup(completenessOf(total, overdueNow)),
    manualTotals: sums.total,
    units,
  };
}

/**
 * A report as the API shows it: a draft's figures live (computed now for its unit's subtree and the
 * request's period, and the subordinates' submitted sums); a submitted report's frozen at its last
 * submission, with where they differ from today's; the requester's consolidation when it is one.
 */
export async function reportView(db: Executor, actor: Actor, row: ReportFullRow, lang: Lang, today: string) {
  const r = row.report;
  const request = row.request;
  const frozen =
    r.snapshot !== null &&
    (r.status === "submitted" || r.status === "accepted" || (r.role === "target" && !r.counted));
  const [computed, subordinates, consolidation] = await Promise.all([
    computedFigures(db, r.unitId, request),
    subordinateSums(db, {
      requestId: request.id,
      requesterPath: row.requesterPath,
      unit: { id: r.unitId, path: row.unitPath, depth: row.unitDepth },
      own: r,
    }),
    r.role === "consolidation" ? consolidationView(db, row, today) : Promise.resolve(null),
  ]);
  const snapshot = frozen ? r.snapshot : null;
  const figures = presentFigures({
    computed: snapshot?.computed ?? computed,
    subordinates: snapshot?.subordinates ?? subordinates,
    manualMetrics: request.manualMetrics,
    manualValues: r.manualValues,
    lang,
  });
  const foldedInto = r.foldedIntoId
    ? ((await db.select().from(reports).where(eq(reports.id, r.foldedIntoId)))[0] ?? null)
    : null;
  const foldedUnit = foldedInto ? (await unitsByIds(db, [foldedInto.unitId]))[0] : null;
  return {
    id: r.id,
    role: r.role,
    request: {
      id: request.id,
      title: request.title,
      kind: request.kind,
      periodStart: request.periodStart,
      periodEnd: request.periodEnd,
      dueOn: request.dueOn,
      status: request.status,
      unit: { id: request.unitId, name: row.requesterName },
    },
    unit: { id: r.unitId, name: row.unitName, code: row.unitCode },
    originalUnit:
      r.originalUnitId !== r.unitId ? { id: r.originalUnitId, name: row.originalName ?? "" } : null,
    status: r.status,
    timeliness: r.timeliness,
    overdue: isOverdue(r, request.dueOn, today),
    counted: r.counted,
    closedReason: r.closedReason,
    foldedInto:
      foldedInto && foldedUnit
        ? { reportId: foldedInto.id, unit: { id: foldedUnit.id, name: foldedUnit.name } }
        : null,
    number: reportSymbol(r),
    firstSubmittedAt: iso(r.firstSubmittedAt),
    submittedAt: iso(r.submittedAt),
    reviewedAt: iso(r.reviewedAt),
    reviewComment: r.reviewComment,
    sections: request.sections.map((s) => ({ ...s, text: r.sections[s.key] ?? "" })),
    signer: { authority: r.signerAuthority, title: r.signerTitle, name: r.signerName },
    figures: {
      frozen: !!snapshot,
      at: snapshot?.computedAt ?? new Date().toISOString(),
      ...figures,
    },
    differences: snapshot
      ? differencesOf({ snapshot, computed, subordinates, manualMetrics: request.manualMetrics, lang })
      : [],
    consolidation,
    allowedActions: reportActionsOf(actor, row),
    docxUrl: `/api/reports/${r.id}.docx`,
    xlsxUrl: `/api/reports/${r.id}.xlsx`,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}
export type ReportView = Awaited<ReturnType<typeof reportView>>;
