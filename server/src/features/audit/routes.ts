import { AppError } from "../../lib/errors.ts";
import type { App } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { routes } from "../../lib/routes.ts";
import { auditListQuery, auditListResponse } from "./contracts.ts";
import { auditPolicy } from "./policy.ts";
import { listAudit } from "./queries.ts";

export function auditRoutes(app: App) {
  const route = routes(app, { tags: ["audit"] });
  route.get("/audit", "own-subtree", {
    querystring: auditListQuery,
    response: auditListResponse,
    handler: async (actor, req) => {
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
  });
}
