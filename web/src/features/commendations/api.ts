import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, downloadFile, type Page } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";

/** Khen thưởng: forms, proposals up the chain (đề nghị), decisions (quyết định) and certificates. */
export const RECIPIENT_KINDS = ["collective", "individual"] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export const PROPOSAL_STATUSES = ["draft", "submitted", "returned", "approved"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const DECISION_STATUSES = ["draft", "issued", "corrected"] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const LINK_TYPES = ["practice", "exemplar", "commitment"] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const PAGE_SIZE = 20;
/** The server's limits (contracts.ts). */
export const LIMITS = {
  recipients: 2000,
  title: 500,
  reason: 5000,
  achievement: 5000,
  comment: 2000,
  trimReason: 1000,
  personName: 200,
  personUnitName: 300,
  links: 20,
  summary: 1000,
  preamble: 10_000,
  recipientsText: 3000,
  place: 100,
  signer: 200,
} as const;
export const MAX_PERIOD_YEARS = 10;

export type CommendationForm = ItemOf<"/api/commendations/forms", "get">;
export type Proposal = ItemOf<"/api/commendations/proposals", "get">;
export type ProposalDetail = ResponseOf<"/api/commendations/proposals/{id}", "get">["proposal"];
export type ProposalRecipient = ProposalDetail["recipients"][number];
export type RecipientLink = ProposalRecipient["links"][number];
export type Warning = ProposalDetail["warnings"][number];
export type Step = ProposalDetail["steps"][number];
export type StepAction = Step["action"];
export type ReviewAction = ProposalDetail["reviewActions"][number];
export type Decision = ItemOf<"/api/commendations/decisions", "get">;
export type DecisionDetail = ResponseOf<"/api/commendations/decisions/{id}", "get">["decision"];
export type Signer = Decision["signer"];
export type HistoryItem = ItemOf<"/api/people/{id}/commendations", "get">;

/** A proposal as the form sends it, and one of its recipients. */
export type ProposalInput = Omit<BodyOf<"/api/commendations/proposals", "post">, "unitId">;
export type RecipientInput = NonNullable<ProposalInput["recipients"]>[number];

export interface ProposalFilters {
  status: ProposalStatus | "";
  form: string;
  year: string;
  q: string;
}

export interface DecisionFilters {
  status: DecisionStatus | "";
  form: string;
  year: string;
  q: string;
}

/** The certificates job's result (its route answers 202 with the job's id). */
export interface CertificatesResult {
  url: string;
  fileId: string;
  fileName: string;
  size: number;
  pages: number;
}

const root = ["commendations"] as const;
const formsKey = [...root, "forms"] as const;
const proposalsKey = [...root, "proposals"] as const;
const decisionsKey = [...root, "decisions"] as const;
const queueCountKey = [...root, "queue-count"] as const;
const proposalKey = (id: string) => [...proposalsKey, "detail", id] as const;
const decisionKey = (id: string) => [...decisionsKey, "detail", id] as const;
const proposalPath = (id: string) => `/commendations/proposals/${encodeURIComponent(id)}`;
const decisionPath = (id: string) => `/commendations/decisions/${encodeURIComponent(id)}`;

const filterQuery = (filters: ProposalFilters | DecisionFilters) => ({
  status: filters.status || undefined,
  form: filters.form || undefined,
  year: filters.year || undefined,
  q: filters.q.trim() || undefined,
});

// Forms ----------------------------------------------------------------------------------------

/** The catalogue that applies to a proposing unit (default: the user's), with who may issue each form. */
export function useForms(options: { unitId?: string | null; view?: "effective" | "all" } = {}) {
  const view = options.view ?? "effective";
  return useQuery({
    queryKey: [...formsKey, view, options.unitId ?? null],
    queryFn: ({ signal }) =>
      api<Page<CommendationForm>>("/commendations/forms", {
        query: { view, unitId: options.unitId ?? undefined, pageSize: 200 },
        signal,
      }),
    staleTime: 5 * 60_000,
  });
}

export type FormFields = Omit<BodyOf<"/api/commendations/forms", "post">, "code">;

export function useCreateForm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FormFields & { code: string }) =>
      api<{ form: CommendationForm }>("/commendations/forms", { method: "POST", body: input }).then(
        (r) => r.form,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: formsKey }),
  });
}

export function useUpdateForm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<FormFields> & { id: string; version: number }) =>
      api<{ form: CommendationForm }>(`/commendations/forms/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body,
      }).then((r) => r.form),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: formsKey }),
  });
}

// Queue ----------------------------------------------------------------------------------------

export const QUEUE_REFRESH_MS = 60_000;

/** Proposals waiting for the user's unit, and its draft decisions waiting to be issued. */
export function useQueueCount(enabled = true) {
  return useQuery({
    queryKey: queueCountKey,
    queryFn: ({ signal }) =>
      api<{ proposals: number; decisions: number }>("/commendations/queue-count", { signal }),
    enabled,
    refetchInterval: QUEUE_REFRESH_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

// Proposals ------------------------------------------------------------------------------------

export function useProposals(filters: ProposalFilters, page: number) {
  return useQuery({
    queryKey: [...proposalsKey, "list", filters, page],
    queryFn: ({ signal }) =>
      api<Page<Proposal>>("/commendations/proposals", {
        query: { ...filterQuery(filters), page, pageSize: PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useProposalQueue(page: number, enabled = true) {
  return useQuery({
    queryKey: [...proposalsKey, "queue", page],
    queryFn: ({ signal }) =>
      api<Page<Proposal>>("/commendations/proposals/queue", {
        query: { page, pageSize: PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProposal(id: string | undefined) {
  return useQuery({
    queryKey: proposalKey(id ?? ""),
    queryFn: ({ signal }) =>
      api<{ proposal: ProposalDetail }>(proposalPath(id ?? ""), { signal }).then((r) => r.proposal),
    enabled: Boolean(id),
  });
}

/** A change to a proposal shows in its page, the lists, the queue count and (approval) the decisions. */
function useSettleProposal() {
  const queryClient = useQueryClient();
  return (proposal?: ProposalDetail) => {
    if (proposal) queryClient.setQueryData(proposalKey(proposal.id), proposal);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: [...proposalsKey, "list"] }),
      queryClient.invalidateQueries({ queryKey: [...proposalsKey, "queue"] }),
      queryClient.invalidateQueries({ queryKey: queueCountKey }),
      queryClient.invalidateQueries({ queryKey: [...decisionsKey, "list"] }),
    ]);
  };
}

export function useCreateProposal() {
  const settle = useSettleProposal();
  return useMutation({
    mutationFn: (input: ProposalInput & { unitId?: string }) =>
      api<{ proposal: ProposalDetail }>("/commendations/proposals", { method: "POST", body: input }).then(
        (r) => r.proposal,
      ),
    onSuccess: (proposal) => settle(proposal),
  });
}

export function useUpdateProposal(id: string) {
  const settle = useSettleProposal();
  return useMutation({
    mutationFn: (input: Partial<ProposalInput> & { version: number }) =>
      api<{ proposal: ProposalDetail }>(proposalPath(id), { method: "PUT", body: input }).then(
        (r) => r.proposal,
      ),
    onSuccess: (proposal) => settle(proposal),
  });
}

export function useSubmitProposal(id: string) {
  const settle = useSettleProposal();
  return useMutation({
    mutationFn: (input: { toUnitId?: string; comment?: string | null }) =>
      api<{ proposal: ProposalDetail }>(`${proposalPath(id)}/submit`, { method: "POST", body: input }).then(
        (r) => r.proposal,
      ),
    onSuccess: (proposal) => settle(proposal),
  });
}

export type ReviewInput = BodyOf<"/api/commendations/proposals/{id}/review", "post">;

export function useReviewProposal(id: string) {
  const settle = useSettleProposal();
  return useMutation({
    mutationFn: (input: ReviewInput) =>
      api<{ proposal: ProposalDetail }>(`${proposalPath(id)}/review`, { method: "POST", body: input }).then(
        (r) => r.proposal,
      ),
    onSuccess: (proposal) => settle(proposal),
  });
}

export type ResolvedLine = ResponseOf<"/api/commendations/recipients/resolve", "post">["items"][number];

/** Names pasted one a line → the units or people of the proposing unit's subtree so named. */
export function useResolveRecipients() {
  return useMutation({
    mutationFn: (input: { unitId: string; kind: RecipientKind; lines: string[] }) =>
      api<{ items: ResolvedLine[] }>("/commendations/recipients/resolve", {
        method: "POST",
        body: input,
      }).then((r) => r.items),
  });
}

export const exportProposals = (filters: ProposalFilters) =>
  downloadFile("/commendations/proposals/export", filterQuery(filters), "Danh sách đề nghị khen thưởng.xlsx");

// Decisions ------------------------------------------------------------------------------------

export function useDecisions(filters: DecisionFilters, page: number) {
  return useQuery({
    queryKey: [...decisionsKey, "list", filters, page],
    queryFn: ({ signal }) =>
      api<Page<Decision>>("/commendations/decisions", {
        query: { ...filterQuery(filters), page, pageSize: PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useDecision(id: string | undefined) {
  return useQuery({
    queryKey: decisionKey(id ?? ""),
    queryFn: ({ signal }) =>
      api<{ decision: DecisionDetail }>(decisionPath(id ?? ""), { signal }).then((r) => r.decision),
    enabled: Boolean(id),
  });
}

function useSettleDecision() {
  const queryClient = useQueryClient();
  return (decision?: DecisionDetail) => {
    if (decision) queryClient.setQueryData(decisionKey(decision.id), decision);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: [...decisionsKey, "list"] }),
      queryClient.invalidateQueries({ queryKey: queueCountKey }),
      queryClient.invalidateQueries({ queryKey: proposalsKey }),
    ]);
  };
}

export type DecisionInput = BodyOf<"/api/commendations/decisions/{id}", "patch">;

export function useUpdateDecision(id: string) {
  const settle = useSettleDecision();
  return useMutation({
    mutationFn: (input: DecisionInput) =>
      api<{ decision: DecisionDetail }>(decisionPath(id), { method: "PATCH", body: input }).then(
        (r) => r.decision,
      ),
    onSuccess: (decision) => settle(decision),
  });
}

/** A draft's annex: the recipients kept, in order, with their printed name, unit and achievement. */
export function useUpdateDecisionRecipients(id: string) {
  const settle = useSettleDecision();
  return useMutation({
    mutationFn: (input: {
      version: number;
      recipients: { id: string; name: string; unitLabel: string; achievement: string }[];
    }) =>
      api<{ decision: DecisionDetail }>(`${decisionPath(id)}/recipients`, {
        method: "PUT",
        body: input,
      }).then((r) => r.decision),
    onSuccess: (decision) => settle(decision),
  });
}

export function useIssueDecision(id: string) {
  const settle = useSettleDecision();
  return useMutation({
    mutationFn: (input: { issuedOn?: string }) =>
      api<{ decision: DecisionDetail }>(`${decisionPath(id)}/issue`, { method: "POST", body: input }).then(
        (r) => r.decision,
      ),
    onSuccess: (decision) => settle(decision),
  });
}

export function useDiscardDecision(id: string) {
  const queryClient = useQueryClient();
  const settle = useSettleDecision();
  return useMutation({
    mutationFn: () => api<void>(decisionPath(id), { method: "DELETE" }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: decisionKey(id) });
      return settle();
    },
  });
}

export function useCorrectDecision(id: string) {
  const settle = useSettleDecision();
  return useMutation({
    mutationFn: (input: { reason: string }) =>
      api<{ decision: DecisionDetail }>(`${decisionPath(id)}/corrections`, {
        method: "POST",
        body: input,
      }).then((r) => r.decision),
    onSuccess: (decision) => settle(decision),
  });
}

export function useStartCertificates(id: string) {
  return useMutation({
    mutationFn: () => api<{ jobId: string }>(`${decisionPath(id)}/certificates`, { method: "POST" }),
  });
}

export function useReloadDecision(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: decisionKey(id) });
}

export const exportDecisions = (filters: DecisionFilters) =>
  downloadFile(
    "/commendations/decisions/export",
    filterQuery(filters),
    "Danh sách quyết định khen thưởng.xlsx",
  );

/** A file the server builds at a URL it gave (`/api/...`): the decision's .docx, its list, a certificate. */
export const downloadServerFile = (url: string, fallbackName: string) =>
  downloadFile(url.replace(/^\/api/, ""), undefined, fallbackName);

export const exportDecisionRecipients = (id: string) =>
  downloadFile(`${decisionPath(id)}/export`, undefined, "Danh sách khen thưởng.xlsx");

// Histories ------------------------------------------------------------------------------------

export function usePersonCommendations(personId: string, page: number) {
  return useQuery({
    queryKey: [...root, "history", "person", personId, page],
    queryFn: ({ signal }) =>
      api<Page<HistoryItem>>(`/people/${encodeURIComponent(personId)}/commendations`, {
        query: { page, pageSize: PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useUnitCommendations(unitId: string, scope: "unit" | "subtree", page: number) {
  return useQuery({
    queryKey: [...root, "history", "unit", unitId, scope, page],
    queryFn: ({ signal }) =>
      api<Page<HistoryItem>>(`/units/${encodeURIComponent(unitId)}/commendations`, {
        query: { scope, page, pageSize: PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** "2025" or "2016–2020". */
export const periodLabel = (start: number, end: number) =>
  start === end ? String(start) : `${start}–${end}`;
