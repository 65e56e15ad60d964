import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { UnitStatus } from "../units/api";

export interface DashboardChild {
  id: string;
  name: string;
  code: string | null;
  status: UnitStatus;
  adminAreaCode: string | null;
  values: Record<string, number>;
}

/** GET /api/dashboard: a unit's figures for a year, trend, breakdowns and the map's values. */
export interface Dashboard {
  unit: {
    id: string;
    name: string;
    code: string | null;
    depth: number;
    status: UnitStatus;
    adminAreaCode: string | null;
    level: "national" | "province" | "other";
  };
  year: number;
  from: string;
  to: string;
  metrics: Record<string, number>;
  labels: Record<string, string>;
  groups: { module: string; metrics: { key: string; parts: string[] }[] }[];
  trend: { year: number; from: string; to: string; metrics: Record<string, number> }[];
  children: {
    metrics: string[];
    items: DashboardChild[];
    total: number;
    truncated: boolean;
    rest: Record<string, number>;
  };
  fields: {
    code: string;
    practices: number;
    practicesRecognised: number;
    exemplars: number;
    exemplarsRecognised: number;
  }[];
  map: {
    level: "national" | "province";
    items: { code: string; name: string; unitId: string; values: Record<string, number> }[];
  } | null;
}

export function useDashboard(unitId: string, year: number) {
  return useQuery({
    queryKey: ["dashboard", unitId, year],
    queryFn: ({ signal }) => api<Dashboard>("/dashboard", { query: { unitId, year }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Shares (percent) are not summed across units. */
export const isShare = (key: string) => /(share|Share)$/.test(key);
