import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import { recurrences, reportStatuses, requestKinds, requestStatuses, timelinessValues } from "./schema.ts";

/** At most this many hand-picked target units, sections and figures in a request. */
export const MAX_PICKED_UNITS = 5000;
export const MAX_SECTIONS = 20;
export const MAX_METRICS = 100;

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const named = z.object({ id: z.string(), name: z.string() });
const key = z
  .string()
  .trim()
  .regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, "Khóa: chữ thường, số, gạch dưới / Key: lower-case letters, digits, _");

const uniqueBy = <T>(items: T[], by: (item: T) => string) => new Set(items.map(by)).size === items.length;

export const sectionInput = z.object({ key: key.optional(), title: text(200).min(1) });
export const manualMetricInput = z.object({
  key,
  label: text(200).min(1),
  unit: text(40).nullable().optional(),
});

/** Units at these depths below the requester (1 = its children), or hand-picked units of its subtree. */
export const targetsInput = z.union([
  z.object({ levels: z.array(z.number().int().min(1).max(10)).min(1).max(10) }).strict(),
  z.object({ unitIds: z.array(z.uuid()).min(1).max(MAX_PICKED_UNITS) }).strict(),
]);

const requestTemplate = {
  targets: targetsInput,
  /** The narrative sections (default: results; limitations and causes; lessons; directions; proposals). */
  sections: z
    .array(sectionInput)
    .min(1)
    .max(MAX_SECTIONS)
    .refine(
      (s) =>
        uniqueBy(
          s.filter((x) => x.key),
          (x) => x.key ?? "",
        ),
      "Mỗi mục một khóa / Each section key once",
    )
    .optional(),
  /** Metric keys of the registry (GET /api/report-metrics), computed from the system's records. */
  metrics: z
    .array(z.string().min(1).max(100))
    .max(MAX_METRICS)
    .refine((m) => uniqueBy(m, (x) => x), "Mỗi chỉ tiêu một lần / Each metric once")
    .default([]),
  /** Figures entered by hand by each unit. */
  manualMetrics: z
    .array(manualMetricInput)
    .max(MAX_METRICS)
    .refine((m) => uniqueBy(m, (x) => x.key), "Mỗi chỉ tiêu một khóa / Each figure key once")
    .default([]),
  instructions: text(5000).default(""),
};

export const createRequestBody = z
  .object({
    /** The requesting unit (default: the caller's). */
    unitId: z.uuid().optional(),
    title: text(300).min(3),
    kind: z.enum(requestKinds),
    /** Sơ kết / tổng kết: the years the review covers. */
    reviewYears: z.number().int().min(1).max(20).optional(),
    periodStart: isoDate,
    periodEnd: isoDate,
    dueOn: isoDate,
    ...requestTemplate,
  })
  .superRefine((b, ctx) => {
    if (b.periodEnd < b.periodStart)
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "Trước ngày bắt đầu / Before the start" });
    if (b.dueOn < b.periodStart)
      ctx.addIssue({ code: "custom", path: ["dueOn"], message: "Trước kỳ báo cáo / Before the period" });
  });
export type CreateRequestBody = z.output<typeof createRequestBody>;

/** Moves an open request's due date (an extension, or a correction): with the version read. */
export const editRequestBody = z.object({ version: z.number().int(), dueOn: isoDate });

export const requestActions = z.enum(["cancel", "remind", "edit"]);
export const reportActions = z.enum(["update", "submit", "review"]);

const section = z.object({ key: z.string(), title: z.string() });
const manualMetric = z.object({ key: z.string(), label: z.string(), unit: z.string().nullable() });
const targets = z.object({ levels: z.array(z.number().int()).nullable(), picked: z.boolean() });

export const ownReport = z.object({
  id: z.string(),
  unitId: z.string(),
  status: z.enum(reportStatuses),
  timeliness: z.enum(timelinessValues).nullable(),
});

export const requestItem = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(requestKinds),
  reviewYears: z.number().int().nullable(),
  periodStart: isoDate,
  periodEnd: isoDate,
  dueOn: isoDate,
  status: z.enum(requestStatuses),
  unit: named,
  targets,
  /** Target reports created (one per target unit). */
  targetCount: z.number().int(),
  scheduleId: z.string().nullable(),
  /** The due date has passed (Asia/Ho_Chi_Minh). */
  pastDue: z.boolean(),
  /** Issued by a unit above the caller's (received), not by its own subtree. */
  fromAbove: z.boolean(),
  /** The caller's unit's report for this request, when it is a target. */
  myReport: ownReport.nullable(),
  createdAt: z.string(),
  allowedActions: z.array(requestActions),
  version: z.number().int(),
});

export const requestDetail = requestItem.extend({
  sections: z.array(section),
  metrics: z.array(z.object({ key: z.string(), label: z.string() })),
  manualMetrics: z.array(manualMetric),
  instructions: z.string(),
  /** The requester's own consolidated report (its summed figures and per-unit table). */
  consolidationId: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});
export const requestResponse = z.object({ request: requestDetail });

export const requestListQuery = pageQuery.extend({
  /** The unit whose view to list (default: the caller's). */
  unitId: z.uuid().optional(),
  /**
   * all (default): issued in the unit's subtree or above it (published down to it); issued: by the
   * unit's subtree; received: those with a report for the unit itself.
   */
  scope: z.enum(["all", "issued", "received"]).default("all"),
  status: z.enum(requestStatuses).optional(),
  kind: z.enum(requestKinds).optional(),
  /** Requests whose period overlaps this year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const requestListResponse = listOf(requestItem);

export const idParams = z.object({ id: z.uuid() });

const statusCounts = z.object({
  notStarted: z.number().int(),
  draft: z.number().int(),
  submitted: z.number().int(),
  returned: z.number().int(),
  accepted: z.number().int(),
});
const completenessFields = {
  /** Target reports counted (closed targets fold into their successors: never above the units that report). */
  total: z.number().int(),
  /** Sums to `total`. */
  byStatus: statusCounts,
  /** First submitted on or before the due date. */
  onTime: z.number().int(),
  /** First submitted after the due date. */
  late: z.number().int(),
  /** Never submitted, and the due date has passed. */
  overdue: z.number().int(),
  /** Percentages of `total` (0–100, one decimal): ever submitted; submitted on time. */
  reportedRate: z.number(),
  onTimeRate: z.number(),
};
export const completenessGroup = z.object(completenessFields);

export const completenessQuery = z.object({
  /** The unit whose subtree to count: the requester (default) or a unit between it and the targets. */
  unitId: z.uuid().optional(),
});
export const completenessResponse = z.object({
  requestId: z.string(),
  unit: z.object({ id: z.string(), name: z.string(), depth: z.number().int() }),
  dueOn: isoDate,
  ...completenessFields,
  /** Per depth of the targets (level = depth below the requester). */
  byLevel: z.array(completenessGroup.extend({ level: z.number().int(), depth: z.number().int() })),
  /** Per child unit of `unit` with targets in its subtree, in the children's order. */
  byChild: z.array(
    completenessGroup.extend({ unitId: z.string(), name: z.string(), code: z.string().nullable() }),
  ),
  /** The unit's own report, when the unit is itself a target. */
  own: ownReport.nullable(),
});
export type CompletenessResponse = z.output<typeof completenessResponse>;

export const reportListQuery = pageQuery.extend({
  /** The subtree to list (default: the requester's, or the caller's unit below it). */
  unitId: z.uuid().optional(),
  status: z.enum(reportStatuses).optional(),
  /** on_time, late, overdue (never submitted, past due) or pending (never submitted). */
  timeliness: z.enum(["on_time", "late", "overdue", "pending"]).optional(),
});

export const reportItem = z.object({
  id: z.string(),
  requestId: z.string(),
  unit: z.object({ id: z.string(), name: z.string(), code: z.string().nullable() }),
  parentName: z.string().nullable(),
  status: z.enum(reportStatuses),
  timeliness: z.enum(timelinessValues).nullable(),
  overdue: z.boolean(),
  submittedAt: z.string().nullable(),
  firstSubmittedAt: z.string().nullable(),
  /** The unit's own hand-entered figures. */
  manualValues: z.record(z.string(), z.number()),
  /** What its last submission froze (null until submitted). */
  frozen: z.record(z.string(), z.number()).nullable(),
});
export const reportListResponse = listOf(reportItem);

const figure = z.object({ key: z.string(), label: z.string(), value: z.number() });
const manualFigure = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string().nullable(),
  /** The unit's own figure (entered by hand). */
  own: z.number().nullable(),
  /** The sum of the submitted figures of the target units below it. */
  subordinates: z.number(),
  total: z.number(),
});

export const consolidation = z.object({
  completeness: completenessGroup,
  /** Sums of all target units' submitted hand-entered figures. */
  manualTotals: z.record(z.string(), z.number()),
  /** One row per child unit of the requester with targets below it. */
  units: z.array(
    completenessGroup.extend({
      unit: z.object({ id: z.string(), name: z.string(), code: z.string().nullable() }),
      /** The child's own report, when it is a target. */
      report: ownReport.extend({ submittedAt: z.string().nullable() }).nullable(),
      /** The child subtree's computed figures: frozen at its submission, else live. */
      computed: z.record(z.string(), z.number()),
      /** Sums of the submitted hand-entered figures in the child's subtree. */
      manual: z.record(z.string(), z.number()),
    }),
  ),
});

export const reportDetail = z.object({
  id: z.string(),
  role: z.enum(["target", "consolidation"]),
  request: z.object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(requestKinds),
    periodStart: isoDate,
    periodEnd: isoDate,
    dueOn: isoDate,
    status: z.enum(requestStatuses),
    unit: named,
  }),
  unit: z.object({ id: z.string(), name: z.string(), code: z.string().nullable() }),
  /** The target unit first asked, when the report passed to a successor (merge). */
  originalUnit: named.nullable(),
  status: z.enum(reportStatuses),
  timeliness: z.enum(timelinessValues).nullable(),
  overdue: z.boolean(),
  /** Whether it counts in completeness; not after its unit merged into another target or closed. */
  counted: z.boolean(),
  closedReason: z.enum(["merged", "dissolved"]).nullable(),
  foldedInto: z.object({ reportId: z.string(), unit: named }).nullable(),
  /** "05-BC/ĐU", taken at the first submission. */
  number: z.string().nullable(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  sections: z.array(section.extend({ text: z.string() })),
  signer: z.object({ authority: z.string(), title: z.string(), name: z.string() }),
  figures: z.object({
    /** Live (computed now, for a report not yet submitted) or frozen at its last submission. */
    frozen: z.boolean(),
    /** When they were computed. */
    at: z.string(),
    computed: z.array(figure),
    manual: z.array(manualFigure),
  }),
  /** Where the frozen figures differ from today's (empty while live). */
  differences: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      source: z.enum(["computed", "subordinates"]),
      frozen: z.number(),
      current: z.number(),
    }),
  ),
  /** The requester's consolidated report: completeness, summed figures, the per-unit table. */
  consolidation: consolidation.nullable(),
  allowedActions: z.array(reportActions),
  docxUrl: z.string(),
  xlsxUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export const reportResponse = z.object({ report: reportDetail });

export const updateReportBody = z.object({
  version: z.number().int(),
  /** Text by section key (keys of the request's sections only). */
  sections: z.record(z.string(), text(50_000)).optional(),
  /** The unit's own figures by key (null clears one). */
  manualValues: z.record(z.string(), z.number().finite().min(-1e12).max(1e12).nullable()).optional(),
  signer: z
    .object({ authority: text(200), title: text(200), name: text(200) })
    .partial()
    .optional(),
});

export const reviewBody = z.object({
  decision: z.enum(["accept", "return"]),
  comment: text(5000).default(""),
});

export const versionItem = z.object({
  version: z.number().int(),
  event: z.string(),
  status: z.enum(reportStatuses),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  comment: z.string().nullable(),
  sections: z.record(z.string(), z.string()),
  manualValues: z.record(z.string(), z.number()),
  snapshot: z
    .object({
      computedAt: z.string(),
      computed: z.record(z.string(), z.number()),
      subordinates: z.record(z.string(), z.number()),
    })
    .nullable(),
});
export const versionsResponse = z.object({ items: z.array(versionItem) });

export const remindBody = z.object({
  /** Remind the late targets of this unit's subtree (default: the whole request, or the caller's part). */
  unitId: z.uuid().optional(),
});
export const remindResponse = z.object({
  /** Target units late (never submitted, or returned and not resubmitted) after the due date. */
  lateUnits: z.number().int(),
  /** Accounts notified now (in-app; e-mail too when configured). */
  notified: z.number().int(),
  /** Late units reminded earlier today (skipped: one reminder a day). */
  alreadyReminded: z.number().int(),
  /** Late units without an officer account to notify. */
  withoutAccount: z.number().int(),
});

export const metricsResponse = z.object({
  items: z.array(z.object({ key: z.string(), label: z.string() })),
});

export const scheduleBody = z.object({
  unitId: z.uuid().optional(),
  title: text(300).min(3),
  recurrence: z.enum(recurrences),
  startsOn: isoDate,
  dueDays: z.number().int().min(-90).max(90).default(10),
  leadDays: z.number().int().min(0).max(180).default(30),
  ...requestTemplate,
  active: z.boolean().default(true),
});
/** The creation defaults taken off a field: in an update, a field not sent stays as it is. */
const noDefault = <T extends z.ZodType>(field: z.ZodDefault<T>) => field.unwrap().optional();
/**
 * A schedule's changes: only the fields sent change (with the creation defaults left in, a save
 * of one field reset the others to them).
 */
export const updateScheduleBody = scheduleBody
  .omit({ unitId: true })
  .partial()
  .extend({
    dueDays: noDefault(scheduleBody.shape.dueDays),
    leadDays: noDefault(scheduleBody.shape.leadDays),
    metrics: noDefault(scheduleBody.shape.metrics),
    manualMetrics: noDefault(scheduleBody.shape.manualMetrics),
    instructions: noDefault(scheduleBody.shape.instructions),
    active: noDefault(scheduleBody.shape.active),
    version: z.number().int(),
  });

export const scheduleItem = z.object({
  id: z.string(),
  unit: named,
  title: z.string(),
  recurrence: z.enum(recurrences),
  startsOn: isoDate,
  dueDays: z.number().int(),
  leadDays: z.number().int(),
  targets,
  sections: z.array(section),
  metrics: z.array(z.string()),
  manualMetrics: z.array(manualMetric),
  instructions: z.string(),
  active: z.boolean(),
  /** The next period it will request, with the day the request is created. */
  next: z.object({ periodStart: isoDate, periodEnd: isoDate, createdOn: isoDate, dueOn: isoDate }).nullable(),
  allowedActions: z.array(z.enum(["update"])),
  version: z.number().int(),
});
export const scheduleResponse = z.object({ schedule: scheduleItem });
export const scheduleListResponse = listOf(scheduleItem);
export const scheduleListQuery = pageQuery.extend({ unitId: z.uuid().optional() });
