import { z } from "zod";
import { type App, actorOf, ctxOf } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope } from "../../lib/pagination.ts";
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
  app.get(
    "/tokens",
    {
      schema: { tags, querystring: tokenListQuery, response: { 200: tokenListResponse, ...errorResponses } },
      config: { visibility: "self" },
    },
    async (req) => {
      const actor = actorOf(req);
      const { rows, ...total } = await listTokens(app.deps.db, actor, req.query);
      const mayCreate = await mayCreateTokens(app.deps.db, actor);
      return {
        ...envelope(req.query, rows.map(presentToken), total),
        allowedActions: mayCreate ? ["create" as const] : [],
      };
    },
  );

  app.post(
    "/tokens",
    {
      schema: {
        tags,
        description:
          "A token acting as the caller: `read` (GET and HEAD only) or `read-write`, expiring after `expiresInDays` (default 90, at most 365). Not through a token (403); a member only when an administrator allows it (403).",
        body: createTokenBody,
        response: { 201: createTokenResponse, ...errorResponses },
      },
      config: { visibility: "self" },
    },
    async (req, reply) => {
      const { token, row } = await createToken({
        db: app.deps.db,
        ctx: ctxOf(req),
        actor: actorOf(req),
        ...req.body,
      });
      return reply.status(201).send({ token, item: presentToken(row) });
    },
  );

  app.delete(
    "/tokens/:id",
    {
      schema: { tags, params: tokenIdParams, response: { 204: z.null(), ...errorResponses } },
      config: { visibility: "self" },
    },
    async (req, reply) => {
      await revokeToken({ db: app.deps.db, ctx: ctxOf(req), actor: actorOf(req), id: req.params.id });
      return reply.status(204).send(null);
    },
  );
}
