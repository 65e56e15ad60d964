import type { Actor } from "../../lib/auth/actor.ts";
import type { Lang } from "../../lib/errors.ts";
import { allowedActions, inSubtree } from "../../lib/policy.ts";
import { documentSymbol } from "../documents/index.ts";
import { type Completeness, type CompletenessRows, completenessOf, emptyCounts } from "./counts.ts";
import { labelFor } from "./live-figures.ts";
import { editableStatuses, type ReportObject, reportPolicy, requestPolicy } from "./policy.ts";
import type { ReportFullRow, RequestRow } from "./queries.ts";
import type { ReportRow, ReportScheduleRow, Timeliness } from "./schema.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const percent = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);

/** A completeness group as the API shows it (byStatus sums to total; rates never above 100%). */
export function presentGroup(c: Completeness) {
  return {
    total: c.total,
    byStatus: {
      notStarted: c.notStarted,
      draft: c.draft,
      submitted: c.submitted,
      returned: c.returned,
      accepted: c.accepted,
    },
    onTime: c.onTime,
    late: c.late,
    overdue: c.overdue,
    reportedRate: percent(c.onTime + c.late, c.total),
    onTimeRate: percent(c.onTime, c.total),
  };
}

export const reportSymbol = (r: Pick<ReportRow, "number" | "issuerCode">) =>
  r.number !== null && r.issuerCode ? documentSymbol(r.number, "BC", r.issuerCode) : null;

export const isOverdue = (
  r: { firstSubmittedAt: Date | null; role: string; counted: boolean },
  dueOn: string,
  today: string,
) => r.role === "target" && r.counted && r.firstSubmittedAt === null && today > dueOn;

export const ownOf = (r: Pick<ReportRow, "id" | "unitId" | "status" | "timeliness"> | null) =>
  r ? { id: r.id, unitId: r.unitId, status: r.status, timeliness: r.timeliness } : null;

export function presentRequestItem(
  actor: Actor,
  row: RequestRow,
  input: {
    today: string;
    own: {
      id: string | null;
      unitId: string | null;
      status: ReportRow["status"] | null;
      timeliness: Timeliness | null;
    } | null;
  },
) {
  const q = row.request;
  const object = { unitPath: row.unitPath, status: q.status };
  const own = input.own;
  return {
    id: q.id,
    title: q.title,
    kind: q.kind,
    reviewYears: q.reviewYears,
    periodStart: q.periodStart,
    periodEnd: q.periodEnd,
    dueOn: q.dueOn,
    status: q.status,
    unit: { id: q.unitId, name: row.unitName },
    targets: { levels: "levels" in q.targets ? q.targets.levels : null, picked: "unitIds" in q.targets },
    targetCount: q.targetCount,
    scheduleId: q.scheduleId,
    pastDue: input.today > q.dueOn,
    fromAbove: !inSubtree(actor, row.unitPath),
    myReport:
      own?.id && own.status && own.unitId
        ? { id: own.id, unitId: own.unitId, status: own.status, timeliness: own.timeliness }
        : null,
    createdAt: q.createdAt.toISOString(),
    allowedActions: q.status === "open" ? allowedActions(actor, requestPolicy, object) : [],
    version: q.version,
  };
}

export function presentRequestDetail(
  actor: Actor,
  row: RequestRow,
  input: {
    today: string;
    lang: Lang;
    own: ReportRow | null;
    consolidationId: string | null;
  },
) {
  const q = row.request;
  return {
    ...presentRequestItem(actor, row, { today: input.today, own: ownOf(input.own) }),
    sections: q.sections,
    metrics: q.metrics.map((key) => ({ key, label: labelFor(key, input.lang) })),
    manualMetrics: q.manualMetrics,
    instructions: q.instructions,
    consolidationId: input.consolidationId,
    cancelledAt: iso(q.cancelledAt),
  };
}

export const reportObject = (row: ReportFullRow): ReportObject => ({
  unitPath: row.unitPath,
  requesterPath: row.requesterPath,
  role: row.report.role,
});

/** The actions the UI may offer now: the policy's, where the report's state allows them. */
export function reportActionsOf(actor: Actor, row: ReportFullRow) {
  const r = row.report;
  const open = row.request.status === "open" && (r.role === "consolidation" || r.counted);
  return allowedActions(actor, reportPolicy, reportObject(row)).filter((action) =>
    !open ? false : action === "review" ? r.status === "submitted" : editableStatuses.includes(r.status),
  );
}

/** The completeness of a request seen from a unit: totals, by level, by child (named), the unit's own report. */
export function presentCompleteness(input: {
  requestId: string;
  unit: { id: string; name: string; depth: number };
  requesterDepth: number;
  dueOn: string;
  today: string;
  rows: CompletenessRows;
  own: ReportRow | null;
}) {
  const overdueNow = input.today > input.dueOn;
  const total = [...input.rows.byDepth.values()].reduce((sum, c) => {
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += c[k];
    return sum;
  }, emptyCounts());
  return {
    requestId: input.requestId,
    unit: input.unit,
    dueOn: input.dueOn,
    ...presentGroup(completenessOf(total, overdueNow)),
    byLevel: [...input.rows.byDepth.entries()]
      .sort(([a], [b]) => a - b)
      .map(([depth, c]) => ({
        level: depth - input.requesterDepth,
        depth,
        ...presentGroup(completenessOf(c, overdueNow)),
      })),
    byChild: input.rows.children.flatMap((child) => {
      const c = input.rows.byChild.get(child.id);
      return c
        ? [
            {
              unitId: child.id,
              name: child.name,
              code: child.code,
              ...presentGroup(completenessOf(c, overdueNow)),
            },
          ]
        : [];
    }),
    own: input.own && input.own.role === "target" && input.own.counted ? ownOf(input.own) : null,
  };
}

export function presentSchedule(
  row: { schedule: ReportScheduleRow; unitName: string },
  input: {
    next: ReturnType<typeof import("./commands/schedule-periods.ts").nextPeriod>;
    actions: "update"[];
  },
) {
  const s = row.schedule;
  return {
    id: s.id,
    unit: { id: s.unitId, name: row.unitName },
    title: s.title,
    recurrence: s.recurrence,
    startsOn: s.startsOn,
    dueDays: s.dueDays,
    leadDays: s.leadDays,
    targets: { levels: "levels" in s.targets ? s.targets.levels : null, picked: "unitIds" in s.targets },
    sections: s.sections,
    metrics: s.metrics,
    manualMetrics: s.manualMetrics,
    instructions: s.instructions,
    active: s.active,
    next: input.next,
    allowedActions: input.actions,
    version: s.version,
  };
}

export { iso };
