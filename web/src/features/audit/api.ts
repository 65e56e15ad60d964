import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, type Page } from "../../lib/api";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  ip: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  changes: Record<string, { before: unknown; after: unknown }> | null;
}

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
      api<Page<AuditEntry>>("/audit", {
        query: { ...filters, page, pageSize: AUDIT_PAGE_SIZE },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
