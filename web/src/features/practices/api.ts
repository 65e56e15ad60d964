import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, buildUrl, type Page, uploadWithProgress } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";
import { unitsKey } from "../units/api";

/** Mô hình hay, cách làm sáng tạo: a good-practice model, registered by a unit and reviewed up the chain. */
export const REVIEW_STATUSES = ["draft", "submitted", "returned", "recognised"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** Tập thể (a unit's model) or cá nhân (a member's way of working). */
export const PRACTICE_KINDS = ["collective", "individual"] as const;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];
export const PRACTICE_SORTS = ["relevance", "recent", "title"] as const;
export type PracticeSort = (typeof PRACTICE_SORTS)[number];
export type PracticeScope = "all" | "mine";

export const PRACTICES_PAGE_SIZE = 20;
export const ADOPTIONS_PAGE_SIZE = 10;

export type Practice = ItemOf<"/api/practices", "get">;
export type PracticeAction = Practice["allowedActions"][number];
export type PracticeDetail = ResponseOf<"/api/practices/{id}", "get">["practice"];
export type PracticeFile = PracticeDetail["files"][number];
export type ReviewStep = PracticeDetail["steps"][number];
export type ReviewStepAction = ReviewStep["action"];
export type ReviewDecision = BodyOf<"/api/practices/{id}/review", "post">["decision"];
export type Adoption = ItemOf<"/api/adoptions", "get">;
export type Spread = ResponseOf<"/api/practices/{id}/spread", "get">;
export type CampaignField = ItemOf<"/api/fields", "get">;

/** The list's filters, as kept in the address; empty strings mean "any". */
export interface PracticeFilters {
  q: string;
  field: string;
  status: ReviewStatus | "";
  /** The recognising unit's kind code. */
  level: string;
  year: string;
  /** That unit's subtree. */
  unitId: string;
  scope: PracticeScope;
  sort: PracticeSort;
}

export const practicesKey = ["practices"] as const;
export const reviewQueueKey = ["review-queue"] as const;
const adoptionsKey = ["adoptions"] as const;
const path = (id: string) => `/practices/${encodeURIComponent(id)}`;

/** The query of the list (and of its export): what is set, nothing else. */
export function practiceQuery(filters: PracticeFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value) query[key] = String(value);
  return query;
}

/** "Xuất Excel": the whole list under the filters on screen (a plain link: the session cookie goes along). */
export function exportUrl(filters: PracticeFilters): string {
  return buildUrl("/practices/export", practiceQuery(filters));
}

export function usePractices(filters: PracticeFilters, page: number, pageSize = PRACTICES_PAGE_SIZE) {
  return useQuery({
    queryKey: [...practicesKey, "list", filters, page, pageSize],
    queryFn: ({ signal }) =>
      api<Page<Practice>>("/practices", {
        query: { ...practiceQuery(filters), page, pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function usePractice(id: string | undefined) {
  return useQuery({
    queryKey: [...practicesKey, "detail", id],
    queryFn: ({ signal }) => api<{ practice: PracticeDetail }>(path(id ?? ""), { signal }),
    enabled: Boolean(id),
  });
}

/** What waits for the caller's unit to review, oldest first. */
export function usePracticeQueue(page: number) {
  return useQuery({
    queryKey: [...practicesKey, "queue", page],
    queryFn: ({ signal }) =>
      api<Page<Practice>>("/practices/queue", {
        query: { page, pageSize: PRACTICES_PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Lĩnh vực: the configurable list of fields. */
export function useFields() {
  return useQuery({
    queryKey: ["fields"],
    queryFn: ({ signal }) => api<{ items: CampaignField[] }>("/fields", { signal }),
    staleTime: 10 * 60_000,
  });
}

/**
 * A field's name in the UI language from its code (the names in a list were given in the language
 * of the moment it loaded); `fallback` until the list of fields is there.
 */
export function useFieldNames(): (field: { code: string; name: string }) => string {
  const fields = useFields();
  const { i18n } = useTranslation();
  const english = i18n.resolvedLanguage === "en";
  return (field) => {
    const found = fields.data?.items.find((f) => f.code === field.code);
    return found ? (english ? found.nameEn : found.name) : field.name;
  };
}

/** The navigation's badge: how many models and exemplars wait for the caller's unit. */
export const REVIEW_QUEUE_REFRESH_MS = 60_000;
export function useReviewQueueCounts(enabled = true) {
  return useQuery({
    queryKey: reviewQueueKey,
    queryFn: ({ signal }) => api<{ practices: number; exemplars: number }>("/review-queue", { signal }),
    enabled,
    refetchInterval: REVIEW_QUEUE_REFRESH_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

/** A model's state moves the lists, the queue and its badge, the unit figures and the showcase. */
function useInvalidatePractices() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: practicesKey }),
      queryClient.invalidateQueries({ queryKey: reviewQueueKey }),
      queryClient.invalidateQueries({ queryKey: adoptionsKey }),
      queryClient.invalidateQueries({ queryKey: [...unitsKey, "stats"] }),
      queryClient.invalidateQueries({ queryKey: ["public-practices"] }),
    ]);
}

/** The fields the form edits (the kind, unit and person are set apart). */
export type PracticeInput = Pick<
  BodyOf<"/api/practices", "post">,
  "title" | "summary" | "description" | "results" | "fieldCode" | "startedOn"
>;

export function useCreatePractice() {
  const invalidate = useInvalidatePractices();
  return useMutation({
    mutationFn: (input: PracticeInput & { kind: PracticeKind; unitId: string; personId: string | null }) =>
      api<{ practice: PracticeDetail }>("/practices", { method: "POST", body: input }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdatePractice() {
  const invalidate = useInvalidatePractices();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: Partial<PracticeInput> & { id: string; version: number; personId?: string | null }) =>
      api<{ practice: PracticeDetail }>(path(id), { method: "PATCH", body }),
    onSuccess: () => invalidate(),
  });
}

export function useSubmitPractice() {
  const invalidate = useInvalidatePractices();
  return useMutation({
    mutationFn: ({ id, comment }: { id: string; comment: string | null }) =>
      api<{ practice: PracticeDetail }>(`${path(id)}/submit`, { method: "POST", body: { comment } }),
    onSuccess: () => invalidate(),
  });
}

export function useReviewPractice() {
  const invalidate = useInvalidatePractices();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      decision: ReviewDecision;
      comment: string | null;
      public?: boolean;
    }) => api<{ practice: PracticeDetail }>(`${path(id)}/review`, { method: "POST", body }),
    onSuccess: () => invalidate(),
  });
}

export function usePublishPractice() {
  const invalidate = useInvalidatePractices();
  return useMutation({
    mutationFn: ({ id, isPublic }: { id: string; isPublic: boolean }) =>
      api<{ practice: PracticeDetail }>(`${path(id)}/publication`, {
        method: "POST",
        body: { public: isPublic },
      }),
    onSuccess: () => invalidate(),
  });
}

/** One evidence file, with the share sent reported while it uploads. */
export function uploadPracticeFile(
  practiceId: string,
  file: File,
  onProgress?: (sent: number) => void,
  signal?: AbortSignal,
) {
  const form = new FormData();
  form.append("file", file);
  return uploadWithProgress<{ file: PracticeFile }>(`${path(practiceId)}/files`, form, onProgress, signal);
}

export function useReloadPractice() {
  const queryClient = useQueryClient();
  return (id?: string) =>
    queryClient.invalidateQueries({ queryKey: id ? [...practicesKey, "detail", id] : practicesKey });
}

export function useDeletePracticeFile() {
  const invalidate = useInvalidatePractices();
  return useMutation({
    mutationFn: ({ practiceId, fileId }: { practiceId: string; fileId: string }) =>
      api<void>(`${path(practiceId)}/files/${encodeURIComponent(fileId)}`, { method: "DELETE" }),
    onSuccess: () => invalidate(),
  });
}

/** The units that adopted a model, latest first. */
export function usePracticeAdoptions(id: string, page: number) {
  return useQuery({
    queryKey: [...adoptionsKey, "practice", id, page],
    queryFn: ({ signal }) =>
      api<Page<Adoption>>(`${path(id)}/adoptions`, {
        query: { page, pageSize: ADOPTIONS_PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled: Boolean(id),
  });
}

/** The models a unit's subtree adopted. */
export function useUnitAdoptions(unitId: string, page: number) {
  return useQuery({
    queryKey: [...adoptionsKey, "unit", unitId, page],
    queryFn: ({ signal }) =>
      api<Page<Adoption>>("/adoptions", {
        query: { unitId, page, pageSize: ADOPTIONS_PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled: Boolean(unitId),
  });
}

export function useSpread(id: string) {
  return useQuery({
    queryKey: [...adoptionsKey, "spread", id],
    queryFn: ({ signal }) => api<Spread>(`${path(id)}/spread`, { signal }),
  });
}

export function useAdoptPractice() {
  const invalidate = useInvalidatePractices();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; unitId?: string; startedOn: string; notes: string }) =>
      api<{ adoption: Adoption }>(`${path(id)}/adoptions`, { method: "POST", body }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateAdoption() {
  const invalidate = useInvalidatePractices();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      version: number;
      startedOn?: string;
      notes?: string;
      results?: string;
    }) => api<{ adoption: Adoption }>(`/adoptions/${encodeURIComponent(id)}`, { method: "PATCH", body }),
    onSuccess: () => invalidate(),
  });
}

export function useReloadAdoptions() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: adoptionsKey });
}

/* The public showcase: no account, only recognised models marked public. */

export type PublicPractice = ItemOf<"/api/public/practices", "get">;
export type PublicPracticeDetail = ResponseOf<"/api/public/practices/{id}", "get">;

export const PUBLIC_PAGE_SIZE = 12;

/**
 * `lang`: the server names fields in the caller's language (Accept-Language) and lets browsers
 * cache public answers for a minute without `Vary: Accept-Language`; the language in the address
 * keeps one language's cached answer from showing in the other. (The server ignores `lang`.)
 */
export function usePublicPractices(filters: { q: string; field: string }, page: number, lang: string) {
  return useQuery({
    queryKey: ["public-practices", "list", lang, filters, page],
    queryFn: ({ signal }) =>
      api<Page<PublicPractice>>("/public/practices", {
        query: { ...filters, page, pageSize: PUBLIC_PAGE_SIZE, lang },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/**
 * The fields a visitor can filter by: those of the public models (the fields list itself needs an
 * account), gathered from the first 200 of them.
 */
export function usePublicFields(lang: string) {
  return useQuery({
    queryKey: ["public-practices", "fields", lang],
    queryFn: async ({ signal }) => {
      const list = await api<{ items: { code: string; name: string; nameEn: string }[] }>("/public/fields", {
        query: { lang },
        signal,
      });
      return list.items.map((f) => ({ code: f.code, name: lang === "en" ? f.nameEn : f.name }));
    },
    staleTime: 5 * 60_000,
  });
}

export function usePublicPractice(id: string | undefined, lang: string) {
  return useQuery({
    queryKey: ["public-practices", "detail", lang, id],
    queryFn: ({ signal }) =>
      api<PublicPracticeDetail>(`/public/practices/${encodeURIComponent(id ?? "")}`, {
        query: { lang },
        signal,
      }),
    enabled: Boolean(id),
  });
}
