import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, downloadFile, type Page } from "../../lib/api";
import type { Role } from "../../lib/session";

/** Kế hoạch toàn khóa / hằng năm of a unit, made "upper level first, lower level after". */
export const PLAN_KINDS = ["annual", "whole_term"] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export type PlanStatus = "draft" | "issued";
export const TASK_STATUSES = ["not_started", "in_progress", "done"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type PlanAction = "update" | "issue" | "delete" | "cascade";
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

/** Who writes a unit's plans (the server decides; the UI only offers it to them). */
export const PLANNER_ROLES: readonly Role[] = ["admin", "officer", "leader", "secretary"];

interface Named {
  id: string;
  name: string;
}

export interface Plan {
  id: string;
  kind: PlanKind;
  term: string | null;
  year: number | null;
  startYear: number;
  endYear: number;
  title: string;
  summary: string;
  unit: Named;
  status: PlanStatus;
  number: string | null;
  issuedOn: string | null;
  parentPlan: { id: string; title: string; unitName: string } | null;
  fromAbove: boolean;
  taskCount: number;
  progress: number;
  allowedActions: PlanAction[];
  version: number;
}

export interface PlanObjective {
  id: string;
  content: string;
  inheritedFromId: string | null;
}

export interface PlanTask {
  id: string;
  content: string;
  ownerUnit: Named;
  deadline: string | null;
  status: TaskStatus;
  overdue: boolean;
  progress: number;
  note: string;
  inheritedFromId: string | null;
  mayUpdate: boolean;
  version: number;
}

export interface Signer {
  authority: string;
  title: string;
  name: string;
}

export interface PlanDetail extends Plan {
  preamble: string;
  purpose: string;
  implementation: string;
  recipients: string;
  signer: Signer;
  place: string | null;
  numberTerm: string | null;
  objectives: PlanObjective[];
  tasks: PlanTask[];
  derivation: { mayDerive: boolean; derivedPlan: { id: string; status: PlanStatus } | null };
  docxUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface TaskProgressSummary {
  total: number;
  done: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
  progress: number;
}

export interface PlanCascade {
  planId: string;
  issued: number;
  total: number;
  units: {
    unit: Named;
    plan: { id: string; status: PlanStatus; number: string | null; issuedOn: string | null } | null;
    tasks: TaskProgressSummary;
    items: {
      taskId: string;
      inheritedFromId: string;
      status: TaskStatus;
      progress: number;
      overdue: boolean;
    }[];
  }[];
  byTask: { taskId: string; units: number; done: number; progress: number }[];
}

export interface PlanFilters {
  year: string;
  kind: PlanKind | "";
  scope: PlanScope;
}

export interface PlanInput {
  title: string;
  summary: string;
  preamble: string;
  purpose: string;
  implementation: string;
  recipients?: string;
  signer: Partial<Signer>;
  objectives: { id?: string; content: string }[];
  tasks: { id?: string; content: string; ownerUnitId?: string; deadline: string | null }[];
}

export interface CreatePlanInput extends PlanInput {
  unitId: string;
  kind: PlanKind;
  term?: string;
  year?: number;
}

const plansKey = ["plans"] as const;
const planKey = (id: string) => ["plans", "detail", id] as const;
const path = (id: string) => `/plans/${encodeURIComponent(id)}`;

export function usePlans(filters: PlanFilters, page: number) {
  return useQuery({
    queryKey: [...plansKey, "list", filters, page],
    queryFn: ({ signal }) =>
      api<Page<Plan>>("/plans", {
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
    queryFn: ({ signal }) => api<{ plan: PlanDetail }>(path(id ?? ""), { signal }).then((r) => r.plan),
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
      api<{ plan: PlanDetail }>("/plans", { method: "POST", body: input }).then((r) => r.plan),
    onSuccess: (plan) => settle(plan),
  });
}

export function useUpdatePlan(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: PlanInput & { version: number; term?: string; year?: number }) =>
      api<{ plan: PlanDetail }>(path(id), { method: "PATCH", body: input }).then((r) => r.plan),
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
      api<{ plan: PlanDetail }>(`${path(id)}/issue`, { method: "POST", body: input }).then((r) => r.plan),
    onSuccess: (plan) => settle(plan),
  });
}

export function useDerivePlan(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (input: { unitId?: string }) =>
      api<{ plan: PlanDetail }>(`${path(id)}/derive`, { method: "POST", body: input }).then((r) => r.plan),
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
      return api<{ task: PlanTask }>(`${path(planId)}/tasks/${encodeURIComponent(taskId)}`, {
        method: "PATCH",
        body,
      }).then((r) => r.task);
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
