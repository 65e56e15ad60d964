import { z } from "zod";
import { type App, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { routes } from "../../lib/routes.ts";
import { createToken } from "./commands/create-token.ts";
import { revokeToken } from "./commands/revoke-token.ts";
import {
  createTokenBody,
  createTokenResponse,
  tokenIdParams,
  tokenListQuery,
  tokenListResponse,
} from "./contracts.ts";
import { mayCreateTokens } from "./policy.ts";
import { presentToken } from "./presenter.ts";
import { listTokens } from "./queries.ts";

const tags = ["tokens"];

export function tokenRoutes(app: App) {
  const route = routes(app, { tags });
  route.get("/tokens", "self", {
    querystring: tokenListQuery,
    response: tokenListResponse,
    handler: async (actor, req) => {
      const { rows, ...total } = await listTokens(app.deps.db, actor, req.query);
      const mayCreate = await mayCreateTokens(app.deps.db, actor);
      return {
        ...envelope(req.query, rows.map(presentToken), total),
        allowedActions: mayCreate ? ["create" as const] : [],
      };
    },
  });

  route.post("/tokens", "self", {
    description:
      "A token acting as the caller: `read` (GET and HEAD only) or `read-write`, expiring after `expiresInDays` (default 90, at most 365). Not through a token (403); a member only when an administrator allows it (403).",
    body: createTokenBody,
    response: { 201: createTokenResponse },
    handler: async (actor, req, reply) => {
      const { token, row } = await createToken({
        db: app.deps.db,
        ctx: ctxOf(req),
        actor,
        ...req.body,
      });
      return reply.status(201).send({ token, item: presentToken(row) });
    },
  });

  route.delete("/tokens/:id", "self", {
    params: tokenIdParams,
    response: { 204: z.null() },
    handler: async (actor, req, reply) => {
      await revokeToken({ db: app.deps.db, ctx: ctxOf(req), actor, id: req.params.id });
      return reply.status(204).send(null);
    },
  });
}
