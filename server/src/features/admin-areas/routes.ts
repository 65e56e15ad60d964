import type { App } from "../../lib/http.ts";
import { envelope, offsetOf } from "../../lib/pagination.ts";
import { routes } from "../../lib/routes.ts";
import { searchAdminAreas } from "./areas.ts";
import { adminAreaListQuery, adminAreaListResponse } from "./contracts.ts";

/** The administrative map, for pickers: the same for every signed-in user. */
export function adminAreaRoutes(app: App) {
  const route = routes(app, { tags: ["admin-areas"] });
  route.get("/admin-areas", "shared", {
    querystring: adminAreaListQuery,
    response: adminAreaListResponse,
    handler: async (_actor, req) => {
      const matches = searchAdminAreas(req.query);
      const start = offsetOf(req.query);
      return envelope(req.query, matches.slice(start, start + req.query.pageSize), matches.length);
    },
  });
}
