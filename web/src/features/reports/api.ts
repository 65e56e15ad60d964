import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, downloadFile, type Page } from "../../lib/api";
import type { Role } from "../../lib/session";

/** Periodic review reports (server/src/features/reports/contracts.ts). */
export const REQUEST_KINDS = ["quarterly", "six_month", "annual", "review", "ad_hoc"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REPORT_STATUSES = ["not_started", "draft", "submitted", "returned", "accepted"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type Timeliness = "on_time" | "late";
export const TIMELINESS_FILTERS = ["on_time", "late", "overdue", "pending"] as const;
export type TimelinessFilter = (typeof TIMELINESS_FILTERS)[number];
export type RequestScope = "issued" | "received";
/** How often a schedule requests a report (lịch báo cáo định kỳ). */
export const RECURRENCES = ["quarterly", "six_month", "annual"] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** Who issues and writes reports (the server decides; the UI only offers it to them). */
export const REPORT_ROLES: readonly Role[] = ["admin", "officer", "leader", "secretary"];
/** Who issues requests and schedules: officers, committee leaders, admins (not cell secretaries). */
export const REPORT_ISSUER_ROLES: readonly Role[] = ["admin", "officer", "leader"];
export const PAGE_SIZE = 20;

interface Named {
  id: string;
  name: string;
}

export interface OwnReport {
  id: string;
  unitId: string;
  status: ReportStatus;
  timeliness: Timeliness | null;
}

export interface ReportRequest {
  id: string;
  title: string;
  kind: RequestKind;
  reviewYears: number | null;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  status: "open" | "cancelled";
  unit: Named;
  targets: { levels: number[] | null; picked: boolean };
  targetCount: number;
  pastDue: boolean;
  fromAbove: boolean;
  myReport: OwnReport | null;
  createdAt: string;
  allowedActions: ("cancel" | "remind" | "edit")[];
  version: number;
}

export interface RequestDetail extends ReportRequest {
  sections: { key: string; title: string }[];
  metrics: { key: string; label: string }[];
  manualMetrics: { key: string; label: string; unit: string | null }[];
  instructions: string;
  consolidationId: string | null;
  cancelledAt: string | null;
}

export interface CompletenessGroup {
  total: number;
  byStatus: { notStarted: number; draft: number; submitted: number; returned: number; accepted: number };
  onTime: number;
  late: number;
  overdue: number;
  reportedRate: number;
  onTimeRate: number;
}

export interface Completeness extends CompletenessGroup {
  requestId: string;
  unit: { id: string; name: string; depth: number };
  dueOn: string;
  byLevel: (CompletenessGroup & { level: number; depth: number })[];
  byChild: (CompletenessGroup & { unitId: string; name: string; code: string | null })[];
  own: OwnReport | null;
}

export interface ReportItem {
  id: string;
  requestId: string;
  unit: { id: string; name: string; code: string | null };
  parentName: string | null;
  status: ReportStatus;
  timeliness: Timeliness | null;
  overdue: boolean;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  manualValues: Record<string, number>;
  frozen: Record<string, number> | null;
}

export interface ReportDetail {
  id: string;
  role: "target" | "consolidation";
  request: {
    id: string;
    title: string;
    kind: RequestKind;
    periodStart: string;
    periodEnd: string;
    dueOn: string;
    status: "open" | "cancelled";
    unit: Named;
  };
  unit: { id: string; name: string; code: string | null };
  originalUnit: Named | null;
  status: ReportStatus;
  timeliness: Timeliness | null;
  overdue: boolean;
  counted: boolean;
  closedReason: "merged" | "dissolved" | null;
  foldedInto: { reportId: string; unit: Named } | null;
  number: string | null;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  sections: { key: string; title: string; text: string }[];
  signer: { authority: string; title: string; name: string };
  figures: {
    frozen: boolean;
    at: string;
    computed: { key: string; label: string; value: number }[];
    manual: {
      key: string;
      label: string;
      unit: string | null;
      own: number | null;
      subordinates: number;
      total: number;
    }[];
  };
  differences: {
    key: string;
    label: string;
    source: "computed" | "subordinates";
    frozen: number;
    current: number;
  }[];
  consolidation: {
    completeness: CompletenessGroup;
    manualTotals: Record<string, number>;
    units: (CompletenessGroup & {
      unit: { id: string; name: string; code: string | null };
      report: (OwnReport & { submittedAt: string | null }) | null;
      computed: Record<string, number>;
      manual: Record<string, number>;
    })[];
  } | null;
  allowedActions: ("update" | "submit" | "review")[];
  docxUrl: string;
  xlsxUrl: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ReportVersion {
  version: number;
  event: string;
  status: ReportStatus;
  at: string;
  actor: Named | null;
  comment: string | null;
}

/** What a request and a schedule ask for: targets, sections, figures, instructions. */
export interface RequestTemplateInput {
  targets: { levels: number[] } | { unitIds: string[] };
  sections?: { key?: string; title: string }[];
  metrics: string[];
  manualMetrics: { key: string; label: string; unit?: string | null }[];
  instructions?: string;
}

export interface CreateRequestInput extends RequestTemplateInput {
  title: string;
  kind: RequestKind;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
}

/** A recurring request: the daily run creates each period's request `leadDays` before it is due. */
export interface ReportSchedule {
  id: string;
  unit: Named;
  title: string;
  recurrence: Recurrence;
  startsOn: string;
  /** Days after the period's end the request is due (may be negative). */
  dueDays: number;
  /** Days before the due date the request is created. */
  leadDays: number;
  targets: { levels: number[] | null; picked: boolean };
  sections: { key: string; title: string }[];
  metrics: string[];
  manualMetrics: { key: string; label: string; unit: string | null }[];
  instructions: string;
  active: boolean;
  /** The next period it will request (null once stopped). */
  next: { periodStart: string; periodEnd: string; createdOn: string; dueOn: string } | null;
  allowedActions: "update"[];
  version: number;
}

export interface CreateScheduleInput extends RequestTemplateInput {
  title: string;
  recurrence: Recurrence;
  startsOn: string;
  dueDays: number;
  leadDays: number;
}

export interface RemindResult {
  lateUnits: number;
  notified: number;
  alreadyReminded: number;
  withoutAccount: number;
}

const root = ["reports"] as const;
const requestPath = (id: string) => `/report-requests/${encodeURIComponent(id)}`;
const schedulePath = (id: string) => `/report-schedules/${encodeURIComponent(id)}`;
const reportPath = (id: string) => `/reports/${encodeURIComponent(id)}`;

export function useRequests(scope: RequestScope, page: number) {
  return useQuery({
    queryKey: [...root, "requests", scope, page],
    queryFn: ({ signal }) =>
      api<Page<ReportRequest>>("/report-requests", { query: { scope, page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: string | undefined) {
  return useQuery({
    queryKey: [...root, "request", id ?? ""],
    queryFn: ({ signal }) =>
      api<{ request: RequestDetail }>(requestPath(id ?? ""), { signal }).then((r) => r.request),
    enabled: Boolean(id),
  });
}

export function useSchedules(page: number) {
  return useQuery({
    queryKey: [...root, "schedules", page],
    queryFn: ({ signal }) =>
      api<Page<ReportSchedule>>("/report-schedules", { query: { page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCompleteness(id: string, unitId: string | null) {
  return useQuery({
    queryKey: [...root, "completeness", id, unitId],
    queryFn: ({ signal }) =>
      api<Completeness>(`${requestPath(id)}/completeness`, {
        query: { unitId: unitId ?? undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useRequestReports(
  id: string,
  filters: { unitId: string | null; status: ReportStatus | ""; timeliness: TimelinessFilter | "" },
  page: number,
) {
  return useQuery({
    queryKey: [...root, "request-reports", id, filters, page],
    queryFn: ({ signal }) =>
      api<Page<ReportItem>>(`${requestPath(id)}/reports`, {
        query: {
          unitId: filters.unitId ?? undefined,
          status: filters.status || undefined,
          timeliness: filters.timeliness || undefined,
          page,
          pageSize: 50,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useMetrics() {
  return useQuery({
    queryKey: [...root, "metrics"],
    queryFn: ({ signal }) =>
      api<{ items: { key: string; label: string }[] }>("/report-metrics", { signal }).then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: [...root, "report", id ?? ""],
    queryFn: ({ signal }) =>
      api<{ report: ReportDetail }>(reportPath(id ?? ""), { signal }).then((r) => r.report),
    enabled: Boolean(id),
  });
}

export function useVersions(id: string) {
  return useQuery({
    queryKey: [...root, "report", id, "versions"],
    queryFn: ({ signal }) =>
      api<{ items: ReportVersion[] }>(`${reportPath(id)}/versions`, { signal }).then((r) => r.items),
  });
}

function useSettle() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: root });
}

export function useCreateRequest() {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: CreateRequestInput) =>
      api<{ request: RequestDetail }>("/report-requests", { method: "POST", body: input }).then(
        (r) => r.request,
      ),
    onSuccess: () => settle(),
  });
}

export function useRemind(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: { unitId?: string }) =>
      api<RemindResult>(`${requestPath(id)}/remind`, { method: "POST", body: input }),
    onSuccess: () => settle(),
  });
}

export function useCancelRequest(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: () =>
      api<{ request: RequestDetail }>(`${requestPath(id)}/cancel`, { method: "POST" }).then((r) => r.request),
    onSuccess: () => settle(),
  });
}

/** Moves an open request's due date, with the version read (409 when someone changed it meanwhile). */
export function useMoveDueDate(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: { version: number; dueOn: string }) =>
      api<{ request: RequestDetail }>(requestPath(id), { method: "PATCH", body: input }).then(
        (r) => r.request,
      ),
    onSuccess: () => settle(),
  });
}

export function useCreateSchedule() {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: CreateScheduleInput) =>
      api<{ schedule: ReportSchedule }>("/report-schedules", { method: "POST", body: input }).then(
        (r) => r.schedule,
      ),
    onSuccess: () => settle(),
  });
}

/**
 * Stops a schedule (no more requests; those created stay) or starts it again, with the version
 * read (only the fields sent change).
 */
export function useSetScheduleActive() {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: { schedule: ReportSchedule; active: boolean }) => {
      const { schedule } = input;
      return api<{ schedule: ReportSchedule }>(schedulePath(schedule.id), {
        method: "PUT",
        body: { version: schedule.version, active: input.active },
      }).then((r) => r.schedule);
    },
    onSettled: () => settle(),
  });
}

function useReportMutation<I>(id: string, send: (input: I) => Promise<{ report: ReportDetail }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => send(input).then((r) => r.report),
    onSuccess: (report) => {
      queryClient.setQueryData([...root, "report", id], report);
      return queryClient.invalidateQueries({ queryKey: root });
    },
  });
}

export function useSaveReport(id: string) {
  return useReportMutation(
    id,
    (input: {
      version: number;
      sections: Record<string, string>;
      manualValues: Record<string, number | null>;
    }) => api(reportPath(id), { method: "PUT", body: input }),
  );
}

export function useSubmitReport(id: string) {
  return useReportMutation(id, (_: undefined) => api(`${reportPath(id)}/submit`, { method: "POST" }));
}

export function useReviewReport(id: string) {
  return useReportMutation(id, (input: { decision: "accept" | "return"; comment: string }) =>
    api(`${reportPath(id)}/review`, { method: "POST", body: input }),
  );
}

export const downloadReport = (report: { id: string }, ext: "docx" | "xlsx") =>
  downloadFile(`${reportPath(report.id)}.${ext}`, undefined, `bao-cao.${ext}`);
