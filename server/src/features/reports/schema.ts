import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { at, id, optionalRef, ref, stamped, timestamps, version } from "../../db/columns.ts";
import { units } from "../units/schema.ts";

/** Báo cáo quý, sáu tháng, năm, sơ kết / tổng kết n năm, đột xuất. */
export const requestKinds = ["quarterly", "six_month", "annual", "review", "ad_hoc"] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestStatuses = ["open", "cancelled"] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/**
 * One status per target unit's report (completeness): not started (nothing written yet), draft,
 * submitted (awaiting review), returned (to correct and resubmit), accepted.
 */
export const reportStatuses = ["not_started", "draft", "submitted", "returned", "accepted"] as const;
export type ReportStatus = (typeof reportStatuses)[number];
/** Decided once, at the first submission, against the due date (Asia/Ho_Chi_Minh). */
export const timelinessValues = ["on_time", "late"] as const;
export type Timeliness = (typeof timelinessValues)[number];
/** A target unit's report, or the requester's own consolidated report. */
export const reportRoles = ["target", "consolidation"] as const;
export type ReportRole = (typeof reportRoles)[number];
/** Why a target's report stopped counting (the period rule): its unit merged, or closed. */
export const closedReasons = ["merged", "dissolved"] as const;
export type ClosedReason = (typeof closedReasons)[number];
export const recurrences = ["quarterly", "six_month", "annual"] as const;
export type Recurrence = (typeof recurrences)[number];

/** A narrative section of the report template ("Kết quả đạt được", …). */
export interface ReportSection {
  key: string;
  title: string;
}
/** A figure entered by hand (not computed from the system's records). */
export interface ManualMetric {
  key: string;
  label: string;
  unit: string | null;
}
/** What a submission freezes: the computed figures and the sums of the subordinates' submitted figures. */
export interface ReportSnapshot {
  computedAt: string;
  computed: Record<string, number>;
  subordinates: Record<string, number>;
}
/** How a request chose its targets: units at some depths below the requester, or hand-picked ones. */
export type TargetSpec = { levels: number[] } | { unitIds: string[] };

/** Lịch báo cáo định kỳ — a recurring request (every quarter, half-year or year), created by the daily run. */
export const reportSchedules = pgTable(
  "report_schedules",
  {
    id: id(),
    unitId: ref("unit_id", () => units.id),
    title: text("title").notNull(),
    recurrence: text("recurrence", { enum: recurrences }).notNull(),
    /** Periods starting before this day are never requested. */
    startsOn: date("starts_on").notNull(),
    /** The due date: this many days after the period's end (negative: before it). */
    dueDays: integer("due_days").notNull().default(10),
    /** The request is created this many days before its due date. */
    leadDays: integer("lead_days").notNull().default(30),
    targets: jsonb("targets").$type<TargetSpec>().notNull(),
    sections: jsonb("sections").$type<ReportSection[]>().notNull(),
    metrics: jsonb("metrics").$type<string[]>().notNull().default([]),
    manualMetrics: jsonb("manual_metrics").$type<ManualMetric[]>().notNull().default([]),
    instructions: text("instructions").notNull().default(""),
    active: boolean("active").notNull().default(true),
    ...timestamps,
    ...version,
  },
  (t) => [index("report_schedules_unit_idx").on(t.unitId)],
);
export type ReportScheduleRow = typeof reportSchedules.$inferSelect;

/**
 * Yêu cầu báo cáo — what an upper unit asks of the units below it: a title, the kind, the period,
 * the due date, the target units (one report each), the narrative sections and the figures
 * (metrics of the registry, computed; and figures entered by hand). Published down its subtree.
 */
export const reportRequests = pgTable(
  "report_requests",
  {
    id: id(),
    unitId: ref("unit_id", () => units.id),
    scheduleId: optionalRef("schedule_id", () => reportSchedules.id),
    title: text("title").notNull(),
    kind: text("kind", { enum: requestKinds }).notNull(),
    /** Sơ kết / tổng kết: how many years the review covers. */
    reviewYears: integer("review_years"),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    dueOn: date("due_on").notNull(),
    targets: jsonb("targets").$type<TargetSpec>().notNull(),
    targetCount: integer("target_count").notNull().default(0),
    sections: jsonb("sections").$type<ReportSection[]>().notNull(),
    metrics: jsonb("metrics").$type<string[]>().notNull().default([]),
    manualMetrics: jsonb("manual_metrics").$type<ManualMetric[]>().notNull().default([]),
    instructions: text("instructions").notNull().default(""),
    status: text("status", { enum: requestStatuses }).notNull().default("open"),
    cancelledAt: at("cancelled_at"),
    ...timestamps,
    ...version,
  },
  (t) => [
    index("report_requests_unit_idx").on(t.unitId, t.periodEnd),
    // The most recent period first (the list's order): a page walks it and stops.
    index("report_requests_period_idx").on(t.periodEnd, t.id),
    // The daily run creates a schedule's request for a period once.
    uniqueIndex("report_requests_schedule_key").on(t.scheduleId, t.periodStart),
    check("report_requests_period_check", sql`${t.periodStart} <= ${t.periodEnd}`),
    check("report_requests_status_check", sql`${t.status} in ('open','cancelled')`),
  ],
);
export type ReportRequestRow = typeof reportRequests.$inferSelect;

/**
 * Báo cáo — one target unit's report for a request (or the requester's own consolidated report):
 * its narrative, its hand-entered figures, its status and timeliness; what its last submission
 * froze (`snapshot`). A target merged into another during the period folds into its successor's
 * report (`counted` false, `foldedIntoId`) or passes its report to it (`unitId` becomes the
 * successor's, `originalUnitId` stays); a target closed without successor stops counting.
 */
export const reports = pgTable(
  "reports",
  {
    id: id(),
    // No foreign keys on the references of a report: a national request inserts 300,000 reports in
    // one statement, and checking each reference took ~40% of it (measured); requests and units are
    // never deleted, and the insert takes them from the units table and the request it just made.
    requestId: uuid("request_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    /** The unit first asked (the successor's id goes in `unitId` when a merge passes the report on). */
    originalUnitId: uuid("original_unit_id").notNull(),
    role: text("role", { enum: reportRoles }).notNull().default("target"),
    status: text("status", { enum: reportStatuses }).notNull().default("not_started"),
    /** Whether it counts in the request's completeness (targets only; not after a fold or a closing). */
    counted: boolean("counted").notNull().default(true),
    closedReason: text("closed_reason", { enum: closedReasons }),
    /** The successor's report this one folded into (a report of the same request). */
    foldedIntoId: uuid("folded_into_id"),
    /** The narrative, by section key. */
    sections: jsonb("sections").$type<Record<string, string>>().notNull().default({}),
    /** The unit's own hand-entered figures, by metric key. */
    manualValues: jsonb("manual_values").$type<Record<string, number>>().notNull().default({}),
    signerAuthority: text("signer_authority").notNull().default(""),
    signerTitle: text("signer_title").notNull().default(""),
    signerName: text("signer_name").notNull().default(""),
    /** The document number (BC), taken at the first submission when the unit has a document code. */
    number: integer("number"),
    numberTerm: text("number_term"),
    issuerCode: text("issuer_code"),
    firstSubmittedAt: at("first_submitted_at"),
    submittedAt: at("submitted_at"),
    timeliness: text("timeliness", { enum: timelinessValues }),
    reviewedAt: at("reviewed_at"),
    reviewedBy: uuid("reviewed_by"),
    reviewComment: text("review_comment"),
    snapshot: jsonb("snapshot").$type<ReportSnapshot>(),
    /** The last day (Vietnam) its officers were reminded: one reminder a day at most. */
    lastRemindedOn: date("last_reminded_on"),
    ...timestamps,
    ...version,
  },
  (t) => [
    uniqueIndex("reports_request_unit_key").on(t.requestId, t.unitId),
    index("reports_unit_idx").on(t.unitId),
    check("reports_role_check", sql`${t.role} in ('target','consolidation')`),
    check(
      "reports_status_check",
      sql`${t.status} in ('not_started','draft','submitted','returned','accepted')`,
    ),
  ],
);
export type ReportRow = typeof reports.$inferSelect;

/** Every version of a report: its state after each edit, submission, review or fold. */
export const reportVersions = pgTable(
  "report_versions",
  {
    id: id(),
    reportId: ref("report_id", () => reports.id),
    version: integer("version").notNull(),
    event: text("event").notNull(),
    status: text("status", { enum: reportStatuses }).notNull(),
    sections: jsonb("sections").$type<Record<string, string>>().notNull(),
    manualValues: jsonb("manual_values").$type<Record<string, number>>().notNull(),
    snapshot: jsonb("snapshot").$type<ReportSnapshot>(),
    comment: text("comment"),
    actorId: uuid("actor_id"),
    at: stamped("at"),
  },
  (t) => [index("report_versions_report_idx").on(t.reportId, t.version)],
);
export type ReportVersionRow = typeof reportVersions.$inferSelect;

/**
 * Completeness counters of a request, folded at the upper levels (depths below FOLD_DEPTH, from
 * the requester down): for one unit's subtree, how many counted target reports at `targetDepth`
 * are in each status, and how many were first submitted on time or late. Derived from `reports`
 * (rebuilt by `rebuildReportCounts`); updated by each status change in its transaction, on a shard
 * chosen per write so that the root of a national request has no hot row.
 */
export const reportCounts = pgTable(
  "report_counts",
  {
    requestId: uuid("request_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    targetDepth: smallint("target_depth").notNull(),
    shard: smallint("shard").notNull(),
    notStarted: bigint("not_started", { mode: "number" }).notNull().default(0),
    draft: bigint("draft", { mode: "number" }).notNull().default(0),
    submitted: bigint("submitted", { mode: "number" }).notNull().default(0),
    returned: bigint("returned", { mode: "number" }).notNull().default(0),
    accepted: bigint("accepted", { mode: "number" }).notNull().default(0),
    onTime: bigint("on_time", { mode: "number" }).notNull().default(0),
    late: bigint("late", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.unitId, t.targetDepth, t.shard] })],
);

/**
 * Sums of the hand-entered figures of the submitted (or accepted) target reports of a request,
 * folded like `report_counts`: for one unit's subtree, by metric key.
 */
export const reportSums = pgTable(
  "report_sums",
  {
    requestId: uuid("request_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    metric: text("metric").notNull(),
    shard: smallint("shard").notNull(),
    value: doublePrecision("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.unitId, t.metric, t.shard] })],
);
