import type { Actor } from "../../../lib/auth/actor.ts";
import { AppError } from "../../../lib/errors.ts";
import { type App, ctxOf } from "../../../lib/http.ts";
import { envelope } from "../../../lib/pagination.ts";
import { authorize } from "../../../lib/policy.ts";
import { routes } from "../../../lib/routes.ts";
import { foldForSearch } from "../../../lib/vietnamese.ts";
import { pathIds } from "../../figures/index.ts";
import { findUnit } from "../../units/index.ts";
import { createForm } from "../commands/create-form.ts";
import { updateForm } from "../commands/update-form.ts";
import {
  createFormBody,
  formListQuery,
  formListResponse,
  formResponse,
  idParams,
  queueCounts,
  resolveBody,
  resolveResponse,
  updateFormBody,
} from "../contracts.ts";
import {
  effectiveForms,
  entitled,
  type FormWithOwner,
  findForm,
  issuersAbove,
  unitKindCode,
  visibleForms,
} from "../forms.ts";
import { formPolicy, mayDefineForms, mayPropose } from "../policy.ts";
import { formObject, presentForm } from "../presenter.ts";
import { queueCounts as countQueues, resolveNames } from "../queries.ts";

const tags = ["commendations"];

/** Hình thức khen thưởng: the catalogue and who may issue what; the navigation's counts; name lookups. */
export function commendationFormRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  /** Whether a unit (the caller's by default) may issue each form (under the definitions that apply to it). */
  const entitlement = async (
    actor: Actor,
    unit: { id: string; path: string } = {
      id: actor.unitId,
      path: actor.unitPath,
    },
  ) => {
    const [effective, kind] = await Promise.all([
      effectiveForms(db(), unit.path, { includeInactive: true }),
      unitKindCode(db(), unit.id),
    ]);
    const applies = new Map(effective.map((r) => [r.form.code, r.form.id]));
    return {
      effective,
      may: (row: FormWithOwner) => applies.get(row.form.code) === row.form.id && entitled(row.form, kind),
    };
  };

  route.get("/commendations/forms", "published-down", {
    description:
      "The forms of commendation (biểu dương, giấy khen, bằng khen, cờ thi đua, huy hiệu Đảng, …) by rank: `view=effective` (default) those that apply to the caller's unit (or to `unitId`, a proposing unit of its subtree), each definition replaced by the nearest ancestor's of the same code; `view=all` every definition in sight (national, the chain's, the subtree's). `entitled` tells whether that unit may issue the form, `issuer` which unit above would decide a proposal of it.",
    querystring: formListQuery,
    response: formListResponse,
    handler: async (actor, req) => {
      let target = { id: actor.unitId, path: actor.unitPath };
      if (req.query.unitId) {
        const unit = await findUnit(db(), actor, req.query.unitId);
        if (!unit) throw new AppError("NOT_FOUND");
        target = { id: unit.id, path: unit.path };
      }
      const [{ effective, may }, issuers] = await Promise.all([
        entitlement(actor, target),
        issuersAbove(db(), target.path),
      ]);
      const rows =
        req.query.view === "all" ? await visibleForms(db(), actor) : effective.filter((r) => r.form.active);
      const page = rows.slice((req.query.page - 1) * req.query.pageSize, req.query.page * req.query.pageSize);
      return envelope(
        req.query,
        page.map((r) => presentForm(actor, r, req.lang, may(r), issuers.get(r.form.code) ?? null)),
        rows.length,
      );
    },
  });

  route.post("/commendations/forms", "published-down", {
    description:
      "Administrators: adds a form to the catalogue of their unit's subtree (at the root: the national catalogue), or redefines there a form of the same code (who issues it, its rank, whether it is used).",
    body: createFormBody,
    response: { 201: formResponse },
    handler: async (actor, req, reply) => {
      if (!mayDefineForms(actor)) throw new AppError("FORBIDDEN");
      const atRoot = pathIds(actor.unitPath).length === 1;
      const created = await db().transaction((tx) =>
        createForm({ tx, ctx: ctxOf(req), ...req.body, unitId: atRoot ? null : actor.unitId }),
      );
      const row = await findForm(db(), actor, created.id);
      if (!row) throw new AppError("NOT_FOUND");
      const { may } = await entitlement(actor);
      return reply.status(201).send({ form: presentForm(actor, row, req.lang, may(row)) });
    },
  });

  route.patch("/commendations/forms/:id", "published-down", {
    description:
      "Administrators edit a definition of their subtree (a root administrator the national ones), with the `version` read; 409 when stale.",
    params: idParams,
    body: updateFormBody,
    response: formResponse,
    handler: async (actor, req) => {
      const row = await findForm(db(), actor, req.params.id);
      if (!row) throw new AppError("NOT_FOUND");
      authorize(actor, formPolicy, "update", formObject(actor, row));
      await db().transaction((tx) => updateForm({ tx, ctx: ctxOf(req), current: row.form, ...req.body }));
      const after = await findForm(db(), actor, row.form.id);
      if (!after) throw new AppError("NOT_FOUND");
      const { may } = await entitlement(actor);
      return { form: presentForm(actor, after, req.lang, may(after)) };
    },
  });

  route.get("/commendations/queue-count", "own-subtree", {
    description:
      "How many proposals wait for the caller's unit, and how many of its draft decisions wait to be issued (the navigation's badge).",
    response: queueCounts,
    handler: async (actor) => countQueues(db(), actor.unitId),
  });

  route.post("/commendations/recipients/resolve", "own-subtree", {
    description:
      "Finds, for names pasted one a line, the units (collectives) or active people (individuals) of the proposing unit's subtree with that exact name, compared without diacritics. Reads only.",
    body: resolveBody,
    response: resolveResponse,
    handler: async (actor, req) => {
      const unit = await findUnit(db(), actor, req.body.unitId);
      if (!unit)
        throw new AppError("RULE_VIOLATION", { details: [{ path: "body.unitId", message: "out_of_scope" }] });
      if (!mayPropose(actor, unit.path)) throw new AppError("FORBIDDEN");
      const found = await resolveNames(db(), { path: unit.path, kind: req.body.kind, lines: req.body.lines });
      return {
        items: req.body.lines.map((line) => ({ line, matches: found.get(foldForSearch(line)) ?? [] })),
      };
    },
  });
}
