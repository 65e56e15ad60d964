import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, uploadWithProgress } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";

/** Thư viện văn bản: what a unit issues to its subtree, each file a version; bulletins keep read receipts. */
export const DOCUMENT_KINDS = ["directive", "conclusion", "guidance", "material", "bulletin"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const LIBRARY_PAGE_SIZE = 20;

export type LibraryDocument = ItemOf<"/api/library", "get">;
export type LibraryDocumentDetail = ResponseOf<"/api/library/{id}", "get">["document"];
export type DocumentVersion = LibraryDocumentDetail["versions"][number];
export type ReadReport = ResponseOf<"/api/library/{id}/reads", "get">;

export interface LibraryFilters {
  q?: string;
  kind?: DocumentKind | null;
  year?: number | null;
  unitId?: string | null;
  unread?: boolean;
  page?: number;
  pageSize?: number;
}

const libraryKey = ["library"] as const;

export function useDocuments(filters: LibraryFilters) {
  return useQuery({
    queryKey: [...libraryKey, "list", filters],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/library", "get">>("/library", {
        query: {
          q: filters.q?.trim() || undefined,
          kind: filters.kind,
          year: filters.year,
          unitId: filters.unitId,
          unread: filters.unread || undefined,
          page: filters.page,
          pageSize: filters.pageSize ?? LIBRARY_PAGE_SIZE,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useIssuers() {
  return useQuery({
    queryKey: [...libraryKey, "issuers"],
    queryFn: ({ signal }) => api<ResponseOf<"/api/library/issuers", "get">>("/library/issuers", { signal }),
    staleTime: 60_000,
  });
}

export function useDocument(id: string | undefined) {
  return useQuery({
    queryKey: [...libraryKey, "detail", id],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/library/{id}", "get">>(`/library/${encodeURIComponent(id ?? "")}`, {
        signal,
      }).then((r) => r.document),
    enabled: Boolean(id),
  });
}

export type DocumentInput = BodyOf<"/api/library", "post">;

export function useSaveDocument(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DocumentInput & { version?: number }) =>
      id
        ? api<ResponseOf<"/api/library/{id}", "patch">>(`/library/${encodeURIComponent(id)}`, {
            method: "PATCH",
            body: input,
          })
        : api<ResponseOf<"/api/library", "post", 201>>("/library", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: libraryKey }),
  });
}

/** Uploads a file as the document's next version (`note`: what changed). */
export function uploadVersion(
  documentId: string,
  file: File,
  note: string,
  onProgress?: (sent: number) => void,
) {
  const form = new FormData();
  form.append("file", file);
  const query = note.trim() ? `?note=${encodeURIComponent(note.trim())}` : "";
  return uploadWithProgress<ResponseOf<"/api/library/{id}/versions", "post", 201>>(
    `/library/${encodeURIComponent(documentId)}/versions${query}`,
    form,
    onProgress,
  );
}

export function useReloadLibrary() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: libraryKey });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<ResponseOf<"/api/library/{id}/read", "post">>(`/library/${encodeURIComponent(id)}/read`, {
        method: "POST",
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: libraryKey }),
  });
}

export function useReadReport(id: string, unitId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...libraryKey, "reads", id, unitId],
    queryFn: ({ signal }) =>
      api<ReadReport>(`/library/${encodeURIComponent(id)}/reads`, {
        query: { unitId: unitId ?? undefined },
        signal,
      }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
