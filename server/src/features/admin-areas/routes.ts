import type { App } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope, offsetOf } from "../../lib/pagination.ts";
import { searchAdminAreas } from "./areas.ts";
import { adminAreaListQuery, adminAreaListResponse } from "./contracts.ts";

/** The administrative map, for pickers: the same for every signed-in user. */
export function adminAreaRoutes(app: App) {
  app.get(
    "/admin-areas",
    {
      schema: {
        tags: ["admin-areas"],
        querystring: adminAreaListQuery,
        response: { 200: adminAreaListResponse, ...errorResponses },
      },
      config: { visibility: "shared" },
    },
    async (req) => {
      const matches = searchAdminAreas(req.query);
      const start = offsetOf(req.query);
      return envelope(req.query, matches.slice(start, start + req.query.pageSize), matches.length);
    },
  );
}
