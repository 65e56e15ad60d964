import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, downloadFile, type Page } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";

/** Periodic review reports (server/src/features/reports/contracts.ts). */
export const REQUEST_KINDS = ["quarterly", "six_month", "annual", "review", "ad_hoc"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REPORT_STATUSES = ["not_started", "draft", "submitted", "returned", "accepted"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const TIMELINESS_FILTERS = ["on_time", "late", "overdue", "pending"] as const;
export type TimelinessFilter = (typeof TIMELINESS_FILTERS)[number];
export type RequestScope = "issued" | "received";
/** How often a schedule requests a report (lịch báo cáo định kỳ). */
export const RECURRENCES = ["quarterly", "six_month", "annual"] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const PAGE_SIZE = 20;

export type ReportRequest = ItemOf<"/api/report-requests", "get">;
export type OwnReport = NonNullable<ReportRequest["myReport"]>;
export type Timeliness = NonNullable<OwnReport["timeliness"]>;
export type RequestDetail = ResponseOf<"/api/report-requests/{id}", "get">["request"];
export type Completeness = ResponseOf<"/api/report-requests/{id}/completeness", "get">;
export type CompletenessGroup = Omit<Completeness["byLevel"][number], "level" | "depth">;
export type ReportItem = ItemOf<"/api/report-requests/{id}/reports", "get">;
export type ReportDetail = ResponseOf<"/api/reports/{id}", "get">["report"];
export type ReportVersion = ResponseOf<"/api/reports/{id}/versions", "get">["items"][number];
export type CreateRequestInput = BodyOf<"/api/report-requests", "post">;
/** What a request and a schedule ask for: targets, sections, figures, instructions. */
export type RequestTemplateInput = Pick<
  CreateRequestInput,
  "targets" | "sections" | "metrics" | "manualMetrics" | "instructions"
>;
/** A recurring request: the daily run creates each period's request `leadDays` before it is due. */
export type ReportSchedule = ItemOf<"/api/report-schedules", "get">;
export type CreateScheduleInput = BodyOf<"/api/report-schedules", "post">;
export type RemindResult = ResponseOf<"/api/report-requests/{id}/remind", "post">;

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
