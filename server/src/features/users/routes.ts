import { AppError } from "../../lib/errors.ts";
import { type App, actorOf, ctxOf } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
import { createAccountsForPeople, previewAccountsForPeople } from "./commands/create-accounts-for-people.ts";
import { createUser } from "./commands/create-user.ts";
import { resetUserPassword } from "./commands/reset-user-password.ts";
import { updateUser } from "./commands/update-user.ts";
import {
  bulkAccountsBody,
  bulkAccountsPreview,
  bulkAccountsResponse,
  createUserBody,
  createUserResponse,
  resetPasswordResponse,
  updateUserBody,
  userIdParams,
  userListQuery,
  userListResponse,
  userResponse,
} from "./contracts.ts";
import { mayCreateUsers, userPolicy } from "./policy.ts";
import { presentUser } from "./presenter.ts";
import { findUser, listUsers } from "./queries.ts";

const tags = ["users"];

export function userRoutes(app: App) {
  const db = () => app.deps.db;

  app.get(
    "/users",
    {
      schema: { tags, querystring: userListQuery, response: { 200: userListResponse, ...errorResponses } },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      const { rows, ...total } = await listUsers(db(), actor, req.query);
      return {
        ...envelope(
          req.query,
          rows.map((row) => presentUser(actor, row)),
          total,
        ),
        allowedActions: mayCreateUsers(actor) ? ["create" as const] : [],
      };
    },
  );

  app.get(
    "/users/:id",
    {
      schema: { tags, params: userIdParams, response: { 200: userResponse, ...errorResponses } },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      const row = await findUser(db(), actor, req.params.id);
      if (!row) throw new AppError("NOT_FOUND");
      authorize(actor, userPolicy, "read", { ...row.user, unitPath: row.unitPath });
      return { user: presentUser(actor, row) };
    },
  );

  app.post(
    "/users",
    {
      schema: { tags, body: createUserBody, response: { 201: createUserResponse, ...errorResponses } },
      config: { visibility: "own-subtree" },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!mayCreateUsers(actor)) throw new AppError("FORBIDDEN");
      const result = await createUser({ db: db(), ctx: ctxOf(req), actor, ...req.body });
      return reply
        .status(201)
        .send({ user: presentUser(actor, result.row), oneTimePassword: result.oneTimePassword });
    },
  );

  app.post(
    "/users/bulk",
    {
      schema: {
        tags,
        description:
          "Member accounts for the active people of a unit's subtree who have none. `dryRun`: only count them (200). Otherwise 201 with each one-time password, given this once.",
        body: bulkAccountsBody,
        response: { 200: bulkAccountsPreview, 201: bulkAccountsResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!mayCreateUsers(actor)) throw new AppError("FORBIDDEN");
      const { dryRun, ...input } = req.body;
      if (dryRun) return previewAccountsForPeople({ db: db(), actor, ...input });
      const result = await createAccountsForPeople({ db: db(), ctx: ctxOf(req), actor, ...input });
      return reply.status(201).header("cache-control", "no-store").send(result);
    },
  );

  app.patch(
    "/users/:id",
    {
      schema: {
        tags,
        params: userIdParams,
        body: updateUserBody,
        response: { 200: userResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      const row = await updateUser({ db: db(), ctx: ctxOf(req), actor, id: req.params.id, ...req.body });
      return { user: presentUser(actor, row) };
    },
  );

  app.post(
    "/users/:id/reset-password",
    {
      schema: { tags, params: userIdParams, response: { 200: resetPasswordResponse, ...errorResponses } },
      config: { visibility: "own-subtree" },
    },
    async (req) => resetUserPassword({ db: db(), ctx: ctxOf(req), actor: actorOf(req), id: req.params.id }),
  );
}
