import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, downloadFile } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";

/** Kế hoạch toàn khóa / hằng năm of a unit, made "upper level first, lower level after". */
export const PLAN_KINDS = ["annual", "whole_term"] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const TASK_STATUSES = ["not_started", "in_progress", "done"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** What the list shows from a unit: everything, its own, what came from above, its subordinates'. */
export const PLAN_SCOPES = ["all", "unit", "above", "below"] as const;
export type PlanScope = (typeof PLAN_SCOPES)[number];

export const PLANS_PAGE_SIZE = 20;
/** The server's limits (contracts.ts). */
export const LIMITS = {
  title: 300,
  summary: 500,
  preamble: 5000,
  purpose: 20_000,
  implementation: 20_000,
  recipients: 2000,
  item: 2000,
  signer: 200,
  objectives: 50,
  tasks: 200,
} as const;

export type Plan = ItemOf<"/api/plans", "get">;
export type PlanStatus = Plan["status"];
export type PlanAction = Plan["allowedActions"][number];
export type PlanDetail = ResponseOf<"/api/plans/{id}", "get">["plan"];
export type PlanObjective = PlanDetail["objectives"][number];
export type PlanTask = PlanDetail["tasks"][number];
export type Signer = PlanDetail["signer"];
export type PlanCascade = ResponseOf<"/api/plans/{id}/cascade", "get">;
export type TaskProgressSummary = PlanCascade["units"][number]["tasks"];

export interface PlanFilters {
  year: string;
  kind: PlanKind | "";
  scope: PlanScope;
}

export type PlanInput = Omit<CreatePlanInput, "unitId" | "kind" | "term" | "year">;

export type CreatePlanInput = BodyOf<"/api/plans", "post">;

const plansKey = ["plans"] as const;
const planKey = (id: string) => ["plans", "detail", id] as const;
const path = (id: string) => `/plans/${encodeURIComponent(id)}`;

export function usePlans(filters: PlanFilters, page: number) {
  return useQuery({
    queryKey: [...plansKey, "list", filters, page],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/plans", "get">>("/plans", {
        query: {
          year: filters.year || undefined,
          kind: filters.kind || undefined,
          scope: filters.scope,
          page,
          pageSize: PLANS_PAGE_SIZE,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: planKey(id ?? ""),
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/plans/{id}", "get">>(path(id ?? ""), { signal }).then((r) => r.plan),
    enabled: Boolean(id),
  });
}

export function usePlanCascade(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...planKey(id), "cascade"],
    queryFn: ({ signal }) => api<PlanCascade>(`${path(id)}/cascade`, { signal }),
    enabled,
  });
}

/** A change to one plan shows in its page and every list. */
function useSettle() {
  const queryClient = useQueryClient();
  return (plan?: PlanDetail) => {
    if (plan) queryClient.setQueryData(planKey(plan.id), plan);
    return queryClient.invalidateQueries({ queryKey: plansKey });
  };
}

export function useCreatePlan() {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: CreatePlanInput) =>
      api<ResponseOf<"/api/plans", "post", 201>>("/plans", { method: "POST", body: input }).then(
        (r) => r.plan,
      ),
    onSuccess: (plan) => settle(plan),
  });
}

export function useUpdatePlan(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: PlanInput & { version: number; term?: string; year?: number }) =>
      api<ResponseOf<"/api/plans/{id}", "patch">>(path(id), { method: "PATCH", body: input }).then(
        (r) => r.plan,
      ),
    onSuccess: (plan) => settle(plan),
  });
}

export function useDeletePlan(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(path(id), { method: "DELETE" }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: planKey(id) });
      return queryClient.invalidateQueries({ queryKey: plansKey });
    },
  });
}

export function useIssuePlan(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: { issuedOn?: string; place?: string }) =>
      api<ResponseOf<"/api/plans/{id}/issue", "post">>(`${path(id)}/issue`, {
        method: "POST",
        body: input,
      }).then((r) => r.plan),
    onSuccess: (plan) => settle(plan),
  });
}

export function useDerivePlan(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: { unitId?: string }) =>
      api<ResponseOf<"/api/plans/{id}/derive", "post", 201>>(`${path(id)}/derive`, {
        method: "POST",
        body: input,
      }).then((r) => r.plan),
    onSuccess: (plan) => settle(plan),
  });
}

export function useUpdateTask(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      taskId: string;
      version: number;
      status?: TaskStatus;
      progress?: number;
      note?: string;
    }) => {
      const { taskId, ...body } = input;
      return api<ResponseOf<"/api/plans/{id}/tasks/{taskId}", "patch">>(
        `${path(planId)}/tasks/${encodeURIComponent(taskId)}`,
        {
          method: "PATCH",
          body,
        },
      ).then((r) => r.task);
    },
    onSuccess: (task) => {
      queryClient.setQueryData<PlanDetail>(planKey(planId), (plan) =>
        plan ? { ...plan, tasks: plan.tasks.map((t) => (t.id === task.id ? task : t)) } : plan,
      );
      return queryClient.invalidateQueries({ queryKey: plansKey });
    },
  });
}

/** Downloads the plan as a Word document in the official format. */
export const downloadPlanDocx = (plan: { id: string; title: string }) =>
  downloadFile(`${path(plan.id)}/docx`, undefined, `${plan.title}.docx`);

/** The committee term a year falls in (congresses every five years: 2020–2025, 2025–2030…). */
export function termOf(year: number): string {
  const start = 2020 + Math.floor((year - 2020) / 5) * 5;
  return `${start}–${start + 5}`;
}
