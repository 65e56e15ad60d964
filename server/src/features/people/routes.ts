import { recordAudit } from "../../lib/audit.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, actorOf, ctxOf, readDb } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { findUnit } from "../units/index.ts";
import { createPeople } from "./commands/create-people.ts";
import { transferPerson } from "./commands/transfer-person.ts";
import { updatePerson } from "./commands/update-person.ts";
import {
  createPersonBody,
  peopleListQuery,
  peopleListResponse,
  personIdParams,
  personResponse,
  transferPersonBody,
  updatePersonBody,
} from "./contracts.ts";
import { mayAddPeople, personPolicy } from "./policy.ts";
import { presentPerson } from "./presenter.ts";
import { findPerson, listPeople } from "./queries.ts";

const tags = ["people"];
const outOfScopeUnit = (path: string) =>
  new AppError("RULE_VIOLATION", {
    message: {
      vi: "Đơn vị không tồn tại hoặc nằm ngoài phạm vi quản lý của bạn.",
      en: "The unit does not exist or lies outside your scope.",
    },
    details: [{ path, message: "out_of_scope" }],
  });

export function peopleRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (req: Parameters<typeof actorOf>[0], id: string) => {
    const row = await findPerson(db(), actorOf(req), id);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };
  const object = (row: Awaited<ReturnType<typeof load>>) => ({
    id: row.person.id,
    status: row.person.status,
    unitPath: row.unitPath,
  });

  route.get("/people", "own-subtree", {
    querystring: peopleListQuery,
    response: peopleListResponse,
    handler: async (actor, req) => {
      const { rows, ...total } = await listPeople(readDb(req), actor, req.query);
      return {
        ...envelope(
          req.query,
          rows.map((r) => presentPerson(actor, r)),
          total,
        ),
        allowedActions: mayAddPeople(actor) ? ["create" as const] : [],
      };
    },
  });

  route.get("/people/:id", "own-subtree", {
    params: personIdParams,
    response: personResponse,
    handler: async (actor, req) => {
      const row = await load(req, req.params.id);
      authorize(actor, personPolicy, "read", object(row));
      // Personal data: who looked at whom is logged.
      await db().transaction((tx) =>
        recordAudit(tx, ctxOf(req), {
          event: "person.view",
          entityId: row.person.id,
          unitId: row.person.unitId,
        }),
      );
      return { person: presentPerson(actor, row) };
    },
  });

  route.post("/people", "own-subtree", {
    body: createPersonBody,
    response: { 201: personResponse },
    handler: async (actor, req, reply) => {
      if (!mayAddPeople(actor)) throw new AppError("FORBIDDEN");
      const { unitId, ...fields } = req.body;
      const unit = await findUnit(db(), actor, unitId);
      if (unit?.status !== "active") throw outOfScopeUnit("body.unitId");
      const [created] = await db().transaction((tx) =>
        createPeople({ tx, ctx: ctxOf(req), unit, people: [fields] }),
      );
      if (!created) throw new Error("no person created");
      return reply.status(201).send({ person: presentPerson(actor, await load(req, created.id)) });
    },
  });

  route.patch("/people/:id", "own-subtree", {
    params: personIdParams,
    body: updatePersonBody,
    response: personResponse,
    handler: async (actor, req) => {
      const row = await load(req, req.params.id);
      authorize(actor, personPolicy, "update", object(row));
      await db().transaction((tx) =>
        updatePerson({ tx, ctx: ctxOf(req), current: row.person, changes: req.body }),
      );
      return { person: presentPerson(actor, await load(req, row.person.id)) };
    },
  });

  route.post("/people/:id/transfer", "own-subtree", {
    params: personIdParams,
    body: transferPersonBody,
    response: personResponse,
    handler: async (actor, req) => {
      const row = await load(req, req.params.id);
      authorize(actor, personPolicy, "transfer", object(row));
      const to = await findUnit(db(), actor, req.body.toUnitId);
      if (to?.status !== "active") throw outOfScopeUnit("body.toUnitId");
      await db().transaction((tx) =>
        transferPerson({
          tx,
          ctx: ctxOf(req),
          person: row.person,
          to,
          on: req.body.on,
          reason: req.body.reason ?? null,
        }),
      );
      return { person: presentPerson(actor, await load(req, row.person.id)) };
    },
  });
}
