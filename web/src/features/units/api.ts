import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../../lib/api";
import type { BodyOf, ItemOf, ResponseOf } from "../../lib/api-shapes";

/** Đơn vị: any node of the party tree. Closed units stay, dimmed, with their history. */

export const UNITS_PAGE_SIZE = 50;
/** Children of one tree node fetched at a time; "Xem thêm" fetches the next batch. */
export const TREE_BATCH_SIZE = 50;

/** A row of a unit list (search results, a unit's children). `depth` counts from the caller's unit. */
export type UnitItem = ItemOf<"/api/units", "get">;
export type UnitStatus = UnitItem["status"];

/** `adminArea`: the area of `adminAreaCode`, named by the server; `breadcrumb`: from the caller's own unit down to this one. */
export type UnitDetail = ResponseOf<"/api/units/{id}", "get">["unit"];
export type UnitAction = UnitDetail["allowedActions"][number];
export type UnitTerm = NonNullable<UnitDetail["terms"]>[number];
export type UnitContact = NonNullable<UnitDetail["contact"]>;
/** `provinceName`: the province of a commune; null for a province. */
export type AdminAreaName = NonNullable<UnitDetail["adminArea"]>;

/** Địa bàn hành chính: one of the 34 provinces or 3,321 communes. */
export type AdminArea = ItemOf<"/api/admin-areas", "get">;

export type UnitKind = ItemOf<"/api/unit-kinds", "get">;
export type UnitStats = ResponseOf<"/api/units/{id}/stats", "get">;

export type UnitEventKind = "created" | "renamed" | "moved" | "merged" | "split" | "dissolved";

export type UnitEvent = ItemOf<"/api/units/{id}/history", "get">;

/** What a move or merge touches; `unit` is null on a dry run. */
export type Reorganisation = ResponseOf<"/api/units/{id}/move", "post">;

/** A split answers like a merge, with the new units (none on a dry run). */
export type SplitResult = ResponseOf<"/api/units/{id}/split", "post">;

export type SplitPartInput = BodyOf<"/api/units/{id}/split", "post">["parts"][number];

/** A member of a unit itself (not of its sub-units), as the split wizard lists them. */
export interface UnitMember {
  id: string;
  fullName: string;
  birthDate: string | null;
  position: string | null;
}

export const unitsKey = ["units"] as const;
const path = (id: string) => `/units/${encodeURIComponent(id)}`;

export function useUnitKinds() {
  return useQuery({
    queryKey: ["unit-kinds"],
    queryFn: ({ signal }) => api<{ items: UnitKind[] }>("/unit-kinds", { signal }),
    staleTime: 10 * 60_000,
  });
}

/** The caller's subtree in tree order, or with `q` the accent-insensitive matches. */
export function useUnitList(params: { q: string; page: number; pageSize?: number }) {
  const pageSize = params.pageSize ?? UNITS_PAGE_SIZE;
  return useQuery({
    queryKey: [...unitsKey, "list", { q: params.q, page: params.page, pageSize }],
    queryFn: ({ signal }) =>
      api<Page<UnitItem>>("/units", { query: { q: params.q, page: params.page, pageSize }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** Options of a unit picker: the first 100 units of the subtree, or of the search. */
export function useUnitOptions(q: string) {
  return useUnitList({ q, page: 1, pageSize: 100 });
}

export function useUnit(id: string | null | undefined) {
  return useQuery({
    queryKey: [...unitsKey, "detail", id],
    queryFn: ({ signal }) => api<{ unit: UnitDetail }>(path(id ?? ""), { signal }),
    enabled: Boolean(id),
  });
}

export function useUnitChildren(id: string, params: { q: string; page: number }) {
  return useQuery({
    queryKey: [...unitsKey, "children", id, params],
    queryFn: ({ signal }) =>
      api<Page<UnitItem>>(`${path(id)}/children`, {
        query: { q: params.q, page: params.page, pageSize: UNITS_PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** The children of a tree node, loaded when it is opened, a batch at a time. */
export function useTreeChildren(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...unitsKey, "tree", id],
    queryFn: ({ pageParam, signal }) =>
      api<Page<UnitItem>>(`${path(id)}/children`, {
        query: { page: pageParam, pageSize: TREE_BATCH_SIZE },
        signal,
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    enabled,
    staleTime: 60_000,
  });
}

export function useUnitStats(id: string, period: { from: string; to: string }, enabled = true) {
  return useQuery({
    queryKey: [...unitsKey, "stats", id, period],
    queryFn: ({ signal }) => api<UnitStats>(`${path(id)}/stats`, { query: period, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnitHistory(id: string) {
  return useQuery({
    queryKey: [...unitsKey, "history", id],
    queryFn: ({ signal }) => api<{ items: UnitEvent[] }>(`${path(id)}/history`, { signal }),
  });
}

/** After a change to the tree, every unit view and people list may be out of date. */
function useInvalidateOrganisation() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: unitsKey }),
      queryClient.invalidateQueries({ queryKey: ["people"] }),
    ]);
}

export type UnitFields = Partial<Omit<BodyOf<"/api/units", "post">, "parentId">>;

export function useCreateUnit() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: (input: UnitFields & { parentId: string; name: string }) =>
      api<{ unit: UnitDetail }>("/units", { method: "POST", body: input }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateUnit() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: ({ id, ...body }: UnitFields & { id: string; version: number }) =>
      api<{ unit: UnitDetail }>(path(id), { method: "PATCH", body }),
    onSuccess: () => invalidate(),
  });
}

export function useReloadUnits() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: unitsKey });
}

export function useMoveUnit() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; parentId: string; on: string; dryRun: boolean }) =>
      api<Reorganisation>(`${path(id)}/move`, { method: "POST", body }),
    onSuccess: (result) => {
      if (!result.dryRun) void invalidate();
    },
  });
}

export function useMergeUnits() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: (body: { sourceIds: string[]; targetId: string; on: string; dryRun: boolean }) =>
      api<Reorganisation>("/units/merge", { method: "POST", body }),
    onSuccess: (result) => {
      if (!result.dryRun) void invalidate();
    },
  });
}

export function useSplitUnit() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      on: string;
      parts: SplitPartInput[];
      closeSource: boolean;
      dryRun: boolean;
    }) => api<SplitResult>(`${path(id)}/split`, { method: "POST", body }),
    onSuccess: (result) => {
      if (!result.dryRun) void invalidate();
    },
  });
}

/** The active members of the unit itself, searchable, a page at a time. */
export function useUnitMembers(unitId: string, params: { q: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ["people", "direct", unitId, params],
    queryFn: ({ signal }) =>
      api<Page<UnitMember>>("/people", {
        query: { unitId, direct: "true", status: "active", ...params },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Every id of a list, page after page (to assign all that is left of a large unit at once). */
export async function fetchAllIds(path: string, query: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const batch = await api<Page<{ id: string }>>(path, { query: { ...query, page, pageSize: 200 } });
    ids.push(...batch.items.map((item) => item.id));
    if (page * batch.pageSize >= batch.total || batch.items.length === 0) return ids;
  }
}

/** Provinces and communes matching a search (accent-insensitive), for the area picker. */
export function useAdminAreas(q: string) {
  return useQuery({
    queryKey: ["admin-areas", q],
    queryFn: ({ signal }) => api<Page<AdminArea>>("/admin-areas", { query: { q, pageSize: 50 }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60 * 60_000,
  });
}

export function useDissolveUnit() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: ({ id, on }: { id: string; on: string }) =>
      api<{ unit: UnitDetail }>(`${path(id)}/dissolve`, { method: "POST", body: { on } }),
    onSuccess: () => invalidate(),
  });
}

/** The name of a unit kind in the UI language, from its code (`units.kind.<code>` of the figures too). */
export function useKindNames(): (code: string | null | undefined) => string {
  const kinds = useUnitKinds();
  const { i18n } = useTranslation();
  const english = i18n.resolvedLanguage === "en";
  return (code) => {
    if (!code) return "";
    const kind = kinds.data?.items.find((k) => k.code === code);
    return kind ? (english ? kind.nameEn : kind.name) : code;
  };
}
