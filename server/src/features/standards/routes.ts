import type { Actor } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { issuingUnit, upperBodyOf } from "../documents/index.ts";
import { sendFile } from "../files/index.ts";
import { actingUnit } from "../units/index.ts";
import { confirmStandard, createStandard, reviseStandard } from "./commands.ts";
import {
  confirmationsQuery,
  confirmationsResponse,
  confirmBody,
  confirmResponse,
  createStandardBody,
  posterQuery,
  reviseStandardBody,
  standardIdParams,
  standardListQuery,
  standardListResponse,
  standardResponse,
} from "./contracts.ts";
import { mayKeepStandards, standardPolicy } from "./policy.ts";
import { standardsPoster } from "./poster.ts";
import { presentStandard, presentVersion, standardObject } from "./presenter.ts";
import {
  confirmations,
  findStandard,
  listStandards,
  type StandardListRow,
  versionHistory,
} from "./queries.ts";

const tags = ["standards"];

/** Chuẩn mực đạo đức: a unit's short list of ethics standards, its versions, poster and confirmations. */
export function standardRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findStandard(db(), actor, id);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };
  const detail = async (actor: Actor, row: StandardListRow) => ({
    ...presentStandard(actor, row),
    versions: (await versionHistory(db(), row.standard.id)).map(presentVersion),
  });

  route.get("/standards", "published-down", {
    description:
      "The standards the caller sees (its subtree's units' and those of the units above it); `chain=true`: only its own unit's and those above it, the nearest first.",
    querystring: standardListQuery,
    response: standardListResponse,
    handler: async (actor, req) => {
      const { rows, ...total } = await listStandards(db(), actor, req.query);
      return envelope(
        req.query,
        rows.map((r) => presentStandard(actor, r)),
        total,
      );
    },
  });

  route.get("/standards/:id", "published-down", {
    params: standardIdParams,
    response: standardResponse,
    handler: async (actor, req) => {
      return { standard: await detail(actor, await load(actor, req.params.id)) };
    },
  });

  route.post("/standards", "published-down", {
    description: "Sets up a unit's standards (the caller's unit by default; one list per unit): version 1.",
    body: createStandardBody,
    response: { 201: standardResponse },
    handler: async (actor, req, reply) => {
      const unit = await actingUnit(db(), actor, req.body.unitId ?? actor.unitId, mayKeepStandards);
      const created = await db().transaction((tx) => createStandard(tx, ctxOf(req), { ...req.body, unit }));
      return reply.status(201).send({ standard: await detail(actor, await load(actor, created.id)) });
    },
  });

  route.put("/standards/:id", "published-down", {
    description:
      "Revises the standards as a new version, which supersedes the one in force (kept in the history); 409 on a stale version.",
    params: standardIdParams,
    body: reviseStandardBody,
    response: standardResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, standardPolicy, "update", standardObject(row));
      await db().transaction((tx) => reviseStandard(tx, ctxOf(req), row.standard, req.body));
      return { standard: await detail(actor, await load(actor, row.standard.id)) };
    },
  });

  route.get("/standards/:id/poster", "published-down", {
    description:
      "The version in force as a poster to post publicly: PDF, A4 (default) or A3 portrait, one page, font embedded.",
    params: standardIdParams,
    querystring: posterQuery,
    config: { timeout: "export" },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      // The upper line of the unit's plans and reports, by the same rule (none under the Central Committee).
      const unit = await issuingUnit(db(), row.standard.unitId);
      const data = await standardsPoster(
        {
          unitName: row.unitName,
          parentName: unit ? upperBodyOf(unit) : null,
          title: row.current.title,
          items: row.current.items,
          number: row.current.number,
          effectiveOn: row.current.effectiveOn,
        },
        req.query.size,
      );
      return sendFile(
        reply,
        {
          data,
          contentType: "application/pdf",
          fileName: `Chuẩn mực đạo đức - ${row.unitName} (${req.query.size}).pdf`,
        },
        "private, no-cache",
      );
    },
  });

  route.post("/standards/:id/confirm", "published-down", {
    description:
      "“Tôi đã đọc”: the caller confirms reading the version in force (`version` as read: 409 when revised since). A second call answers the first time.",
    params: standardIdParams,
    body: confirmBody,
    response: confirmResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      const confirmedAt = await db().transaction((tx) =>
        confirmStandard(
          tx,
          ctxOf(req),
          actor,
          { ...row.standard, versionId: row.current.id },
          req.body.version,
        ),
      );
      return { confirmedAt: confirmedAt.toISOString(), number: row.current.number };
    },
  });

  route.get("/standards/:id/confirmations", "published-down", {
    description:
      "Who confirmed the version in force, latest first; how many members of the unit's subtree did, of its active members; and, for a subtree of a few hundred people, who has not yet.",
    params: standardIdParams,
    querystring: confirmationsQuery,
    response: confirmationsResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, standardPolicy, "confirmations", standardObject(row));
      const result = await confirmations(
        db(),
        { versionId: row.current.id, unitId: row.standard.unitId, unitPath: row.unitPath, today: vnToday() },
        req.query,
      );
      return {
        ...envelope(
          req.query,
          result.rows.map((c) => ({
            userName: c.userName,
            personName: c.personName,
            unit: { id: c.unitId, name: c.unitName },
            confirmedAt: c.confirmedAt.toISOString(),
          })),
          result.total,
        ),
        number: row.current.number,
        confirmedMembers: result.confirmedMembers,
        members: result.members,
        notConfirmed: result.notConfirmed,
      };
    },
  });
}
