import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";

/** Tập mô hình: recognised models a unit compiles, orders and exports as Word and PDF. */

export const BOOKLETS_PAGE_SIZE = 20;
export const PICKER_PAGE_SIZE = 10;
/** As many models as the server takes in one booklet. */
export const MAX_BOOKLET_MODELS = 100;

export type Booklet = ItemOf<"/api/booklets", "get">;
export type BookletAction = Booklet["allowedActions"][number];
export type BookletDetail = ResponseOf<"/api/booklets/{id}", "get">["booklet"];
export type BookletModel = BookletDetail["items"][number];
export type BookletExport = BookletDetail["exports"][number];
export type BookletFormat = BookletExport["format"];

/** What a finished export job gives (its `result`). */
export interface BookletExportResult {
  url: string;
  fileId: string;
  fileName: string;
  format: BookletFormat;
  size: number;
}

/** A recognised model as the picker lists it (GET /api/practices?status=recognised). */
export type PickableModel = ItemOf<"/api/practices", "get">;

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
      api<ResponseOf<"/api/booklets", "get">>("/booklets", {
        query: { page, pageSize: BOOKLETS_PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useBooklet(id: string | undefined) {
  return useQuery({
    queryKey: bookletKey(id ?? ""),
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/booklets/{id}", "get">>(`/booklets/${encodeURIComponent(id ?? "")}`, {
        signal,
      }).then((r) => r.booklet),
    enabled: Boolean(id),
  });
}

export type BookletInput = BodyOf<"/api/booklets", "post">;

export function useCreateBooklet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BookletInput) =>
      api<ResponseOf<"/api/booklets", "post", 201>>("/booklets", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: bookletsKey }),
  });
}

export function useUpdateBooklet(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BookletInput & { version: number }) =>
      api<ResponseOf<"/api/booklets/{id}", "put">>(`/booklets/${encodeURIComponent(id)}`, {
        method: "PUT",
        body: input,
      }),
    onSuccess: (result) => {
      queryClient.setQueryData(bookletKey(id), result.booklet);
      return queryClient.invalidateQueries({ queryKey: bookletsKey });
    },
  });
}

export function useStartExport(id: string) {
  return useMutation({
    mutationFn: (format: BookletFormat) =>
      api<ResponseOf<"/api/booklets/{id}/exports", "post", 202>>(
        `/booklets/${encodeURIComponent(id)}/exports`,
        {
          method: "POST",
          body: { format },
        },
      ),
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
      api<ResponseOf<"/api/practices", "get">>("/practices", {
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
    queryFn: ({ signal }) => api<ResponseOf<"/api/fields", "get">>("/fields", { signal }),
    staleTime: 10 * 60_000,
  });
}

/** The unit kinds: the levels a model can be recognised at. */
export function useLevels() {
  return useQuery({
    queryKey: ["booklets", "levels"],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/unit-kinds", "get">>("/unit-kinds", {
        signal,
      }),
    staleTime: 10 * 60_000,
  });
}
