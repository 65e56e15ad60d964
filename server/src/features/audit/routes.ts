import { AppError } from "../../lib/errors.ts";
import { type App, actorOf } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope } from "../../lib/pagination.ts";
import { auditListQuery, auditListResponse } from "./contracts.ts";
import { auditPolicy } from "./policy.ts";
import { listAudit } from "./queries.ts";

export function auditRoutes(app: App) {
  app.get(
    "/audit",
    {
      schema: {
        tags: ["audit"],
        querystring: auditListQuery,
        response: { 200: auditListResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!auditPolicy.read(actor, { unitPath: actor.unitPath })) throw new AppError("FORBIDDEN");
      const { rows, ...total } = await listAudit(app.deps.db, actor, req.query);
      return envelope(
        req.query,
        rows.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          actorId: e.actorId,
          actorUsername: e.actorUsername,
          ip: e.ip,
          unitId: e.unitId,
          entity: e.entity,
          entityId: e.entityId,
          action: e.action,
          changes: e.changes,
        })),
        total,
      );
    },
  );
}
