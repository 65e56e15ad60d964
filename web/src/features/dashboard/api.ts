import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { ResponseOf } from "../../lib/api-shapes";

/** GET /api/dashboard: a unit's figures for a year, trend, breakdowns and the map's values. */
export type Dashboard = ResponseOf<"/api/dashboard", "get">;
export type DashboardChild = Dashboard["children"]["items"][number];

export function useDashboard(unitId: string, year: number) {
  return useQuery({
    queryKey: ["dashboard", unitId, year],
    queryFn: ({ signal }) => api<Dashboard>("/dashboard", { query: { unitId, year }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Shares (percent) are not summed across units. */
export const isShare = (key: string) => /(share|Share)$/.test(key);
