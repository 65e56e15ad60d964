import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Page } from "../../lib/api";
import type { Role } from "../../lib/session";

/** Tập mô hình: recognised models a unit compiles, orders and exports as Word and PDF. */
export type BookletFormat = "docx" | "pdf";
export type BookletAction = "update" | "export";

/** Who may compile booklets (the server decides; the UI only offers it to them). */
export const COMPILER_ROLES: readonly Role[] = ["admin", "officer", "leader"];
export const BOOKLETS_PAGE_SIZE = 20;
export const PICKER_PAGE_SIZE = 10;
/** As many models as the server takes in one booklet. */
export const MAX_BOOKLET_MODELS = 100;

interface Named {
  id: string;
  name: string;
}

export interface Booklet {
  id: string;
  title: string;
  subtitle: string;
  unit: Named;
  modelCount: number;
  mine: boolean;
  updatedAt: string;
  allowedActions: BookletAction[];
  version: number;
}

export interface BookletModel {
  position: number;
  id: string;
  kind: "collective" | "individual";
  title: string;
  summary: string;
  field: { code: string; name: string };
  unit: Named;
  person: { id: string; fullName: string } | null;
  recognisedBy: (Named & { kindCode: string | null; kindName: string | null }) | null;
  recognisedOn: string | null;
  thumbUrl: string | null;
}

export interface BookletExport {
  id: string;
  format: BookletFormat;
  fileName: string;
  size: number;
  createdAt: string;
  url: string;
}

export interface BookletDetail extends Booklet {
  items: BookletModel[];
  exports: BookletExport[];
  createdAt: string;
}

export interface BookletExportResult {
  url: string;
  fileId: string;
  fileName: string;
  format: BookletFormat;
  size: number;
}

/** A recognised model as the picker lists it (GET /api/practices?status=recognised). */
export interface PickableModel {
  id: string;
  title: string;
  summary: string;
  field: { code: string; name: string };
  unit: Named;
  recognisedBy: (Named & { kindCode: string | null; kindName: string | null }) | null;
  recognisedOn: string | null;
  registeredOn: string;
  cover: { thumbUrl: string | null } | null;
}

export interface ModelFilters {
  q: string;
  field: string | null;
  level: string | null;
  year: string | null;
  page: number;
}

const bookletsKey = ["booklets"] as const;
const bookletKey = (id: string) => ["booklets", "detail", id] as const;

export function useBooklets(page: number) {
  return useQuery({
    queryKey: [...bookletsKey, "list", page],
    queryFn: ({ signal }) =>
      api<Page<Booklet>>("/booklets", { query: { page, pageSize: BOOKLETS_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useBooklet(id: string | undefined) {
  return useQuery({
    queryKey: bookletKey(id ?? ""),
    queryFn: ({ signal }) =>
      api<{ booklet: BookletDetail }>(`/booklets/${encodeURIComponent(id ?? "")}`, { signal }).then(
        (r) => r.booklet,
      ),
    enabled: Boolean(id),
  });
}

export interface BookletInput {
  title: string;
  subtitle: string;
  practiceIds: string[];
}

export function useCreateBooklet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BookletInput) => api<{ id: string }>("/booklets", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: bookletsKey }),
  });
}

export function useUpdateBooklet(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BookletInput & { version: number }) =>
      api<{ booklet: BookletDetail }>(`/booklets/${encodeURIComponent(id)}`, { method: "PUT", body: input }),
    onSuccess: (result) => {
      queryClient.setQueryData(bookletKey(id), result.booklet);
      return queryClient.invalidateQueries({ queryKey: bookletsKey });
    },
  });
}

export function useStartExport(id: string) {
  return useMutation({
    mutationFn: (format: BookletFormat) =>
      api<{ jobId: string }>(`/booklets/${encodeURIComponent(id)}/exports`, {
        method: "POST",
        body: { format },
      }),
  });
}

/** A finished export shows in the booklet's list of files. */
export function useRefreshBooklet(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: bookletKey(id) });
}

export function useRecognisedModels(filters: ModelFilters) {
  return useQuery({
    queryKey: ["booklets", "picker", filters],
    queryFn: ({ signal }) =>
      api<Page<PickableModel>>("/practices", {
        query: {
          status: "recognised",
          q: filters.q.trim() || undefined,
          field: filters.field,
          level: filters.level,
          year: filters.year,
          sort: filters.q.trim() ? "relevance" : "recent",
          page: filters.page,
          pageSize: PICKER_PAGE_SIZE,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCampaignFields() {
  return useQuery({
    queryKey: ["booklets", "fields"],
    queryFn: ({ signal }) =>
      api<{ items: { code: string; name: string; nameEn: string }[] }>("/fields", { signal }),
    staleTime: 10 * 60_000,
  });
}

/** The unit kinds: the levels a model can be recognised at. */
export function useLevels() {
  return useQuery({
    queryKey: ["booklets", "levels"],
    queryFn: ({ signal }) =>
      api<{ items: { code: string; name: string; nameEn: string; level: number }[] }>("/unit-kinds", {
        signal,
      }),
    staleTime: 10 * 60_000,
  });
}
