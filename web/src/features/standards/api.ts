import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, downloadFile } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";

/** Chuẩn mực đạo đức: a unit's short list of ethics standards, versioned, posted, confirmed by its members. */

export const CONFIRMATIONS_PAGE_SIZE = 50;
/** As many standards as a list holds: short, to be remembered. */
export const MAX_ITEMS = 20;

export type Standard = ItemOf<"/api/standards", "get">;
export type StandardDetail = ResponseOf<"/api/standards/{id}", "get">["standard"];
export type StandardVersion = StandardDetail["versions"][number];
export type Confirmations = ResponseOf<"/api/standards/{id}/confirmations", "get">;

const standardsKey = ["standards"] as const;

export function useStandards(query: { chain?: boolean; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...standardsKey, "list", query],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/standards", "get">>("/standards", {
        query: { chain: query.chain, page: query.page, pageSize: query.pageSize ?? 50 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useStandard(id: string | undefined) {
  return useQuery({
    queryKey: [...standardsKey, "detail", id],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/standards/{id}", "get">>(`/standards/${encodeURIComponent(id ?? "")}`, {
        signal,
      }).then((r) => r.standard),
    enabled: Boolean(id),
  });
}

export type StandardInput = BodyOf<"/api/standards", "post">;

/** Sets up the caller's unit's standards, or (with `id`) revises them as a new version. */
export function useSaveStandard(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StandardInput & { version?: number }) =>
      id
        ? api<ResponseOf<"/api/standards/{id}", "put">>(`/standards/${encodeURIComponent(id)}`, {
            method: "PUT",
            body: input,
          })
        : api<ResponseOf<"/api/standards", "post", 201>>("/standards", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: standardsKey }),
  });
}

export function useConfirmStandard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api<ResponseOf<"/api/standards/{id}/confirm", "post">>(`/standards/${encodeURIComponent(id)}/confirm`, {
        method: "POST",
        body: { version },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: standardsKey }),
  });
}

export function useConfirmations(id: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: [...standardsKey, "confirmations", id, page],
    queryFn: ({ signal }) =>
      api<Confirmations>(`/standards/${encodeURIComponent(id)}/confirmations`, {
        query: { page, pageSize: CONFIRMATIONS_PAGE_SIZE },
        signal,
      }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function downloadPoster(id: string, size: "A4" | "A3") {
  return downloadFile(`/standards/${encodeURIComponent(id)}/poster`, { size }, `chuan-muc-${size}.pdf`);
}
