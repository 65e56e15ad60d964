import { z } from "zod";
import { unitStatuses } from "../units/schema.ts";

/** The years a dashboard may show: the campaign's data start long before 2016 (joining dates). */
export const DASHBOARD_FIRST_YEAR = 1950;
/** How many years the trend covers, the chosen year included. */
export const TREND_YEARS = 5;
/** At most this many child units are listed one by one; the rest are summed in `rest`. */
export const MAX_CHILDREN = 300;

export const dashboardQuery = z.object({
  /** Default: the caller's own unit. */
  unitId: z.uuid().optional(),
  /** Default: this year (in Asia/Ho_Chi_Minh); a later year is refused (400). */
  year: z.coerce.number().int().min(DASHBOARD_FIRST_YEAR).max(9999).optional(),
});
export type DashboardQuery = z.output<typeof dashboardQuery>;

const values = z.record(z.string(), z.number());

/** One registered metric: its key (a value of its own when `metrics` has it) and its breakdown parts' keys. */
const metricItem = z.object({ key: z.string(), parts: z.array(z.string()) });

const childItem = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  status: z.enum(unitStatuses),
  adminAreaCode: z.string().nullable(),
  values,
});

export const dashboardResponse = z.object({
  unit: z.object({
    id: z.string(),
    name: z.string(),
    code: z.string().nullable(),
    depth: z.number().int(),
    status: z.enum(unitStatuses),
    adminAreaCode: z.string().nullable(),
    /** Whether the map of the 34 provinces applies: the national level, a province, or neither. */
    level: z.enum(["national", "province", "other"]),
  }),
  year: z.number().int(),
  /** The period of the key figures: the year, up to today while it runs. */
  from: z.string(),
  to: z.string(),
  /** Every registered metric for the unit's subtree and the period (the unit statistics' figures). */
  metrics: values,
  labels: z.record(z.string(), z.string()),
  /** The same figures' keys, grouped by module (the key's first segment), in the registry's order. */
  groups: z.array(z.object({ module: z.string(), metrics: z.array(metricItem) })),
  /**
   * The last TREND_YEARS years, oldest first (up to `to` in the chosen year): each year's value of
   * every metric that has one of its own key (the parts of breakdowns are left out).
   */
  trend: z.array(z.object({ year: z.number().int(), from: z.string(), to: z.string(), metrics: values })),
  /**
   * The chosen metrics for each child unit over the same period; `rest` holds what is in no
   * listed child (the unit's own records, units closed before the period, children past
   * MAX_CHILDREN), so that the children and the rest sum to the unit's figures.
   */
  children: z.object({
    metrics: z.array(z.string()),
    items: z.array(childItem),
    total: z.number().int(),
    truncated: z.boolean(),
    rest: values,
  }),
  /** Models and exemplars by field (lĩnh vực): registered to the period's end, and recognised. */
  fields: z.array(
    z.object({
      code: z.string(),
      practices: z.number(),
      practicesRecognised: z.number(),
      exemplars: z.number(),
      exemplarsRecognised: z.number(),
    }),
  ),
  /** Values per province (its admin-area code) for the map, at the national or a provincial level. */
  map: z
    .object({
      level: z.enum(["national", "province"]),
      items: z.array(z.object({ code: z.string(), name: z.string(), unitId: z.string(), values })),
    })
    .nullable(),
});
export type DashboardResponse = z.infer<typeof dashboardResponse>;
