import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, downloadFile, type Page } from "../../lib/api";
import type { Role } from "../../lib/session";

/** Chuẩn mực đạo đức: a unit's short list of ethics standards, versioned, posted, confirmed by its members. */

/** Who keeps a unit's standards (the server decides; the UI only offers it to them). */
export const KEEPER_ROLES: readonly Role[] = ["admin", "officer", "secretary"];
export const CONFIRMATIONS_PAGE_SIZE = 50;
/** As many standards as a list holds: short, to be remembered. */
export const MAX_ITEMS = 20;

interface Named {
  id: string;
  name: string;
}

export interface Standard {
  id: string;
  unit: Named;
  mine: boolean;
  title: string;
  items: string[];
  currentNumber: number;
  effectiveOn: string;
  confirmedAt: string | null;
  allowedActions: ("update" | "confirmations")[];
  version: number;
}

export interface StandardVersion {
  id: string;
  number: number;
  title: string;
  items: string[];
  note: string;
  effectiveOn: string;
  createdAt: string;
  createdByName: string | null;
}

export interface StandardDetail extends Standard {
  versions: StandardVersion[];
}

export interface Confirmations
  extends Page<{
    userName: string;
    personName: string | null;
    unit: Named;
    confirmedAt: string;
  }> {
  number: number;
  confirmedMembers: number;
  members: number;
  notConfirmed: { id: string; fullName: string; unitName: string }[] | null;
}

const standardsKey = ["standards"] as const;

export function useStandards(query: { chain?: boolean; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...standardsKey, "list", query],
    queryFn: ({ signal }) =>
      api<Page<Standard>>("/standards", {
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
      api<{ standard: StandardDetail }>(`/standards/${encodeURIComponent(id ?? "")}`, { signal }).then(
        (r) => r.standard,
      ),
    enabled: Boolean(id),
  });
}

export interface StandardInput {
  title: string;
  items: string[];
  effectiveOn?: string;
  note: string;
}

/** Sets up the caller's unit's standards, or (with `id`) revises them as a new version. */
export function useSaveStandard(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StandardInput & { version?: number }) =>
      id
        ? api<{ standard: StandardDetail }>(`/standards/${encodeURIComponent(id)}`, {
            method: "PUT",
            body: input,
          })
        : api<{ standard: StandardDetail }>("/standards", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: standardsKey }),
  });
}

export function useConfirmStandard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api<{ confirmedAt: string; number: number }>(`/standards/${encodeURIComponent(id)}/confirm`, {
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
