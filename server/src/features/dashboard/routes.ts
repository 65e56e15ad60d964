import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, readDb } from "../../lib/http.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import {
  DASHBOARD_FIRST_YEAR,
  dashboardQuery,
  dashboardResponse,
  MAX_CHILDREN,
  TREND_YEARS,
} from "./contracts.ts";
import { dashboardPolicy } from "./policy.ts";
import { presentDashboard } from "./presenter.ts";
import { dashboardData } from "./queries.ts";

const tags = ["dashboard"];

export function dashboardRoutes(app: App) {
  const route = routes(app, { tags });
  /**
   * A unit's dashboard for a year: every registered metric of its subtree (the figures of the unit
   * statistics and of a report draft for the same period), the trend over the last years, the
   * breakdown by child unit and by field, and the values per province for the map.
   */
  route.get("/dashboard", "own-subtree", {
    querystring: dashboardQuery,
    response: dashboardResponse,
    handler: async (actor, req) => {
      const today = vnToday();
      const year = req.query.year ?? Number(today.slice(0, 4));
      if (year > Number(today.slice(0, 4)))
        throw new AppError("VALIDATION_FAILED", {
          details: [{ path: "querystring.year", message: "future_year" }],
        });
      // Two statements side by side, each finding the unit within the caller's subtree: the
      // unit with its children and their figures, and the unit's figures over the trend's years.
      const data = await dashboardData(readDb(req), {
        unitId: req.query.unitId ?? actor.unitId,
        scopePrefix: actor.unitPath,
        year,
        today,
        trendYears: TREND_YEARS,
        firstYear: DASHBOARD_FIRST_YEAR,
        maxChildren: MAX_CHILDREN,
      });
      if (!data) throw new AppError("NOT_FOUND");
      authorize(actor, dashboardPolicy, "view", { unitPath: data.unit.path });
      return presentDashboard({ year, lang: req.lang }, data);
    },
  });
}
