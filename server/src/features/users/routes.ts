import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
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
  const route = routes(app, { tags });
  const db = () => app.deps.db;

  route.get("/users", "own-subtree", {
    querystring: userListQuery,
    response: userListResponse,
    handler: async (actor, req) => {
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
  });

  route.get("/users/:id", "own-subtree", {
    params: userIdParams,
    response: userResponse,
    handler: async (actor, req) => {
      const row = await findUser(db(), actor, req.params.id);
      if (!row) throw new AppError("NOT_FOUND");
      authorize(actor, userPolicy, "read", { ...row.user, unitPath: row.unitPath });
      return { user: presentUser(actor, row) };
    },
  });

  route.post("/users", "own-subtree", {
    body: createUserBody,
    response: { 201: createUserResponse },
    handler: async (actor, req, reply) => {
      if (!mayCreateUsers(actor)) throw new AppError("FORBIDDEN");
      const result = await createUser({ db: db(), ctx: ctxOf(req), actor, ...req.body });
      return reply
        .status(201)
        .send({ user: presentUser(actor, result.row), oneTimePassword: result.oneTimePassword });
    },
  });

  route.post("/users/bulk", "own-subtree", {
    description:
      "Member accounts for the active people of a unit's subtree who have none. `dryRun`: only count them (200). Otherwise 201 with each one-time password, given this once.",
    body: bulkAccountsBody,
    response: { 200: bulkAccountsPreview, 201: bulkAccountsResponse },
    handler: async (actor, req, reply) => {
      if (!mayCreateUsers(actor)) throw new AppError("FORBIDDEN");
      const { dryRun, ...input } = req.body;
      if (dryRun) return previewAccountsForPeople({ db: db(), actor, ...input });
      const result = await createAccountsForPeople({ db: db(), ctx: ctxOf(req), actor, ...input });
      return reply.status(201).header("cache-control", "no-store").send(result);
    },
  });

  route.patch("/users/:id", "own-subtree", {
    params: userIdParams,
    body: updateUserBody,
    response: userResponse,
    handler: async (actor, req) => {
      const row = await updateUser({ db: db(), ctx: ctxOf(req), actor, id: req.params.id, ...req.body });
      return { user: presentUser(actor, row) };
    },
  });

  route.post("/users/:id/reset-password", "own-subtree", {
    params: userIdParams,
    response: resetPasswordResponse,
    handler: async (actor, req) => resetUserPassword({ db: db(), ctx: ctxOf(req), actor, id: req.params.id }),
  });
}
