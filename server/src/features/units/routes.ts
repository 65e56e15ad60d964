import { type App, actorOf } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope } from "../../lib/pagination.ts";
import { unitListQuery, unitListResponse } from "./contracts.ts";
import { listUnits } from "./queries.ts";

export function unitRoutes(app: App) {
  app.get(
    "/units",
    {
      schema: {
        tags: ["units"],
        querystring: unitListQuery,
        response: { 200: unitListResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      const { rows, total } = await listUnits(app.deps.db, actor, req.query);
      const rootDepth = actor.unitPath.split("/").filter(Boolean).length - 1;
      return envelope(
        req.query,
        rows.map(({ unit, parentName }) => ({
          id: unit.id,
          name: unit.name,
          parentId: unit.parentId,
          parentName,
          depth: unit.depth - rootDepth,
        })),
        total,
      );
    },
  );
}
