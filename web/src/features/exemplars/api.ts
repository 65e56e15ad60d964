import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Page, uploadWithProgress } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";
import { type ReviewDecision, type ReviewStatus, type ReviewStep, reviewQueueKey } from "../practices/api";
import { unitsKey } from "../units/api";

/** Điển hình tiên tiến: an exemplary collective (a unit) or individual, nominated by a unit and reviewed up the chain. */
export const EXEMPLAR_KINDS = ["collective", "individual"] as const;
export type ExemplarKind = (typeof EXEMPLAR_KINDS)[number];
export const EXEMPLAR_SORTS = ["relevance", "recent", "title"] as const;
export type ExemplarSort = (typeof EXEMPLAR_SORTS)[number];
export type ExemplarScope = "all" | "mine";
export type { ReviewDecision, ReviewStatus, ReviewStep };

export const EXEMPLARS_PAGE_SIZE = 20;

interface Named {
  id: string;
  name: string;
}

/** `title`: the name shown (the unit's, the person's, or the given one); `unit`: the nominating unit. */
export type Exemplar = ItemOf<"/api/exemplars", "get">;
export type ExemplarAction = Exemplar["allowedActions"][number];
export type ExemplarPhoto = NonNullable<Exemplar["photo"]>;
export type ExemplarDetail = ResponseOf<"/api/exemplars/{id}", "get">["exemplar"];
export type LinkedPractice = ExemplarDetail["practices"][number];

/** The list's filters; empty strings mean "any". `unitId` means that unit's whole subtree. */
export interface ExemplarFilters {
  q: string;
  kind: ExemplarKind | "";
  status: ReviewStatus | "";
  field: string;
  year: string;
  unitId: string;
  scope: ExemplarScope;
  sort: ExemplarSort;
}

export const exemplarsKey = ["exemplars"] as const;
const publicKey = ["public-exemplars"] as const;
const path = (id: string) => `/exemplars/${encodeURIComponent(id)}`;

/** The query string of a list: only what is set, relevance when searching unless another order is chosen. */
export function exemplarQuery(filters: ExemplarFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value) query[key] = value;
  if (query.scope === "all") delete query.scope;
  return query;
}

export function useExemplars(filters: ExemplarFilters, page: number, pageSize = EXEMPLARS_PAGE_SIZE) {
  return useQuery({
    queryKey: [...exemplarsKey, "list", filters, page, pageSize],
    queryFn: ({ signal }) =>
      api<Page<Exemplar>>("/exemplars", {
        query: { ...exemplarQuery(filters), page, pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useExemplar(id: string | undefined) {
  return useQuery({
    queryKey: [...exemplarsKey, "detail", id],
    queryFn: ({ signal }) => api<{ exemplar: ExemplarDetail }>(path(id ?? ""), { signal }),
    enabled: Boolean(id),
  });
}

/** What waits for the caller's unit to review, oldest first. */
export function useExemplarQueue(page: number) {
  return useQuery({
    queryKey: [...exemplarsKey, "queue", page],
    queryFn: ({ signal }) =>
      api<Page<Exemplar>>("/exemplars/queue", { query: { page, pageSize: EXEMPLARS_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** An exemplar's state moves the lists, the queue and its badge, the unit figures and the showcase. */
function useInvalidateExemplars() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: exemplarsKey }),
      queryClient.invalidateQueries({ queryKey: reviewQueueKey }),
      queryClient.invalidateQueries({ queryKey: [...unitsKey, "stats"] }),
      queryClient.invalidateQueries({ queryKey: publicKey }),
    ]);
}

/** Who is honoured: a unit (collective), a person of the registry, or a name with a unit or address. */
export type SubjectInput = Pick<
  ExemplarInput,
  "subjectUnitId" | "personId" | "personName" | "personUnitName"
>;

export type ExemplarInput = Partial<Omit<BodyOf<"/api/exemplars", "post">, "kind" | "unitId">>;

export function useCreateExemplar() {
  const invalidate = useInvalidateExemplars();
  return useMutation({
    mutationFn: (input: ExemplarInput & { kind: ExemplarKind; unitId: string; fieldCode: string }) =>
      api<{ exemplar: ExemplarDetail }>("/exemplars", { method: "POST", body: input }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateExemplar() {
  const invalidate = useInvalidateExemplars();
  return useMutation({
    mutationFn: ({ id, ...body }: ExemplarInput & { id: string; version: number }) =>
      api<{ exemplar: ExemplarDetail }>(path(id), { method: "PATCH", body }),
    onSuccess: () => invalidate(),
  });
}

export function useSubmitExemplar() {
  const invalidate = useInvalidateExemplars();
  return useMutation({
    mutationFn: ({ id, comment }: { id: string; comment: string | null }) =>
      api<{ exemplar: ExemplarDetail }>(`${path(id)}/submit`, { method: "POST", body: { comment } }),
    onSuccess: () => invalidate(),
  });
}

export function useReviewExemplar() {
  const invalidate = useInvalidateExemplars();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      decision: ReviewDecision;
      comment: string | null;
      public?: boolean;
    }) => api<{ exemplar: ExemplarDetail }>(`${path(id)}/review`, { method: "POST", body }),
    onSuccess: () => invalidate(),
  });
}

export function usePublishExemplar() {
  const invalidate = useInvalidateExemplars();
  return useMutation({
    mutationFn: ({ id, isPublic }: { id: string; isPublic: boolean }) =>
      api<{ exemplar: ExemplarDetail }>(`${path(id)}/publication`, {
        method: "POST",
        body: { public: isPublic },
      }),
    onSuccess: () => invalidate(),
  });
}

/** The one photo (a new one replaces the old), with the share sent reported while it uploads. */
export function useUploadExemplarPhoto() {
  const invalidate = useInvalidateExemplars();
  return useMutation({
    mutationFn: ({
      id,
      file,
      onProgress,
    }: {
      id: string;
      file: File;
      onProgress?: (sent: number) => void;
    }) => {
      const form = new FormData();
      form.append("file", file);
      return uploadWithProgress<{ exemplar: ExemplarDetail }>(`${path(id)}/photo`, form, onProgress);
    },
    onSuccess: () => invalidate(),
  });
}

/** Replaces the linked models (recognised ones), with the version read. */
export function useLinkPractices() {
  const invalidate = useInvalidateExemplars();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; practiceIds: string[]; version: number }) =>
      api<{ exemplar: ExemplarDetail }>(`${path(id)}/practices`, { method: "PUT", body }),
    onSuccess: () => invalidate(),
  });
}

export function useReloadExemplar() {
  const queryClient = useQueryClient();
  return (id?: string) =>
    queryClient.invalidateQueries({ queryKey: id ? [...exemplarsKey, "detail", id] : exemplarsKey });
}

/** Recognised models to link, searched on the server (accent-insensitive, by relevance). */
export function useRecognisedPractices(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ["practices", "linkable", q],
    queryFn: ({ signal }) =>
      api<Page<{ id: string; title: string; unit: Named }>>("/practices", {
        query: { status: "recognised", q, sort: q ? "relevance" : "recent", pageSize: 20 },
        signal,
      }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/* The public showcase: no account, only recognised exemplars marked public. */

/** `subtitle`: the person's unit or address, or the nominating unit. */
export type PublicExemplar = ItemOf<"/api/public/exemplars", "get">;
export type PublicExemplarDetail = ResponseOf<"/api/public/exemplars/{id}", "get">;

export const PUBLIC_PAGE_SIZE = 12;

/** `lang`: the server names fields in the caller's language, so each language is cached apart. */
export function usePublicExemplars(
  filters: { q: string; kind: ExemplarKind | "" },
  page: number,
  lang: string,
) {
  return useQuery({
    queryKey: [...publicKey, "list", lang, filters, page],
    queryFn: ({ signal }) =>
      api<Page<PublicExemplar>>("/public/exemplars", {
        query: { ...filters, page, pageSize: PUBLIC_PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function usePublicExemplar(id: string | undefined, lang: string) {
  return useQuery({
    queryKey: [...publicKey, "detail", lang, id],
    queryFn: ({ signal }) =>
      api<PublicExemplarDetail>(`/public/exemplars/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: Boolean(id),
  });
}
