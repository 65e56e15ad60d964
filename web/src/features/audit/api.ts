import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { ItemOf, ResponseOf } from "../../lib/api-shapes";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEntry = ItemOf<"/api/audit", "get">;

export interface AuditFilters {
  entity: string;
  actor: string;
  from: string;
  to: string;
}

export function useAudit(filters: AuditFilters, page: number) {
  return useQuery({
    queryKey: ["audit", filters, page],
    queryFn: ({ signal }) =>
      api<ResponseOf<"/api/audit", "get">>("/audit", {
        query: { ...filters, page, pageSize: AUDIT_PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
