import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf, readDb } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { computeMetrics, labelOf } from "../figures/index.ts";
import { createUnit } from "./commands/create-unit.ts";
import { dissolveUnit } from "./commands/dissolve-unit.ts";
import { mergeUnits } from "./commands/merge-units.ts";
import { moveUnit } from "./commands/move-unit.ts";
import { checkMove, subtreeSize } from "./commands/shared.ts";
import { planSplit, splitUnit } from "./commands/split-unit.ts";
import { updateUnit } from "./commands/update-unit.ts";
import {
  childrenQuery,
  createUnitBody,
  dissolveUnitBody,
  historyResponse,
  mergeUnitsBody,
  moveUnitBody,
  reorganisationResponse,
  splitUnitBody,
  splitUnitResponse,
  statsQuery,
  statsResponse,
  unitIdParams,
  unitKindsResponse,
  unitListQuery,
  unitListResponse,
  unitResponse,
  updateUnitBody,
} from "./contracts.ts";
import { unitPolicy } from "./policy.ts";
import { presentUnit, presentUnitItem } from "./presenter.ts";
import { findUnit, listChildren, listKinds, listUnits, unitDetails, unitHistory } from "./queries.ts";
import type { UnitRow } from "./schema.ts";

const tags = ["units"];
const object = (u: UnitRow) => ({ unitPath: u.path, status: u.status });

export function unitRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Parameters<typeof findUnit>[1], id: string) => {
    const unit = await findUnit(db(), actor, id);
    if (!unit) throw new AppError("NOT_FOUND");
    return unit;
  };
  const detail = async (actor: Parameters<typeof findUnit>[1], id: string) => {
    const d = await unitDetails(db(), actor, id);
    if (!d) throw new AppError("NOT_FOUND");
    return presentUnit(actor, d);
  };

  route.get("/unit-kinds", "shared", {
    response: unitKindsResponse,
    handler: async (_actor) => ({
      items: (await listKinds(db())).map((k) => ({
        id: k.id,
        code: k.code,
        name: k.name,
        nameEn: k.nameEn,
        level: k.level,
      })),
    }),
  });

  route.get("/units", "own-subtree", {
    querystring: unitListQuery,
    response: unitListResponse,
    handler: async (actor, req) => {
      const { rows, ...total } = await listUnits(readDb(req), actor, req.query);
      return envelope(
        req.query,
        rows.map((r) => presentUnitItem(actor, r)),
        total,
      );
    },
  });

  route.get("/units/:id", "own-subtree", {
    params: unitIdParams,
    response: unitResponse,
    handler: async (actor, req) => ({ unit: await detail(actor, req.params.id) }),
  });

  route.get("/units/:id/children", "own-subtree", {
    params: unitIdParams,
    querystring: childrenQuery,
    response: unitListResponse,
    handler: async (actor, req) => {
      const page = await listChildren(db(), actor, req.params.id, req.query);
      if (!page) throw new AppError("NOT_FOUND");
      const { rows, ...total } = page;
      return envelope(
        req.query,
        rows.map((r) => presentUnitItem(actor, r)),
        total,
      );
    },
  });

  route.get("/units/:id/history", "own-subtree", {
    params: unitIdParams,
    response: historyResponse,
    handler: async (actor, req) => {
      await load(actor, req.params.id);
      const events = await unitHistory(db(), req.params.id);
      return {
        items: events.map((e) => ({
          id: e.id,
          kind: e.kind,
          on: e.on,
          at: e.at.toISOString(),
          details: e.details,
        })),
      };
    },
  });

  route.get("/units/:id/stats", "own-subtree", {
    params: unitIdParams,
    querystring: statsQuery,
    response: statsResponse,
    handler: async (actor, req) => {
      const to = req.query.to ?? vnToday();
      const from = req.query.from ?? `${to.slice(0, 4)}-01-01`;
      if (from > to)
        throw new AppError("VALIDATION_FAILED", {
          details: [{ path: "querystring.from", message: "from > to" }],
        });
      // One query finds the unit within the caller's subtree and reads its figures.
      const metrics = await computeMetrics(
        readDb(req),
        { id: req.params.id, scopePrefix: actor.unitPath },
        from,
        to,
      );
      if (!metrics) throw new AppError("NOT_FOUND");
      const labels: Record<string, string> = {};
      for (const key of Object.keys(metrics)) labels[key] = labelOf(key, req.lang) ?? key;
      return { unitId: req.params.id, from, to, metrics, labels };
    },
  });

  route.post("/units", "own-subtree", {
    body: createUnitBody,
    response: { 201: unitResponse },
    handler: async (actor, req, reply) => {
      const { parentId, ...fields } = req.body;
      const parent = await findUnit(db(), actor, parentId);
      if (!parent)
        throw new AppError("RULE_VIOLATION", {
          details: [{ path: "body.parentId", message: "out_of_scope" }],
        });
      authorize(actor, unitPolicy, "createChild", object(parent));
      const created = await db().transaction((tx) => createUnit({ tx, ctx: ctxOf(req), ...fields, parent }));
      return reply.status(201).send({ unit: await detail(actor, created.id) });
    },
  });

  route.patch("/units/:id", "own-subtree", {
    params: unitIdParams,
    body: updateUnitBody,
    response: unitResponse,
    handler: async (actor, req) => {
      const unit = await load(actor, req.params.id);
      authorize(actor, unitPolicy, "update", object(unit));
      await db().transaction((tx) => updateUnit({ tx, ctx: ctxOf(req), current: unit, changes: req.body }));
      return { unit: await detail(actor, unit.id) };
    },
  });

  route.post("/units/:id/move", "own-subtree", {
    params: unitIdParams,
    body: moveUnitBody,
    response: reorganisationResponse,
    handler: async (actor, req) => {
      const unit = await load(actor, req.params.id);
      authorize(actor, unitPolicy, "move", object(unit));
      const parent = await findUnit(db(), actor, req.body.parentId);
      if (!parent)
        throw new AppError("RULE_VIOLATION", {
          details: [{ path: "body.parentId", message: "out_of_scope" }],
        });
      authorize(actor, unitPolicy, "createChild", object(parent));
      checkMove(unit, parent);
      const size = await subtreeSize(db(), [unit.path]);
      if (req.body.dryRun) return { dryRun: true, ...size, unit: null };
      await db().transaction((tx) => moveUnit({ tx, ctx: ctxOf(req), unit, parent, on: req.body.on }));
      return { dryRun: false, ...size, unit: await detail(actor, unit.id) };
    },
  });

  route.post("/units/merge", "own-subtree", {
    body: mergeUnitsBody,
    response: reorganisationResponse,
    handler: async (actor, req) => {
      const target = await findUnit(db(), actor, req.body.targetId);
      if (!target) throw new AppError("NOT_FOUND");
      authorize(actor, unitPolicy, "createChild", object(target));
      const sources: UnitRow[] = [];
      for (const id of new Set(req.body.sourceIds)) {
        const source = await load(actor, id);
        authorize(actor, unitPolicy, "merge", object(source));
        sources.push(source);
      }
      const size = await subtreeSize(
        db(),
        sources.map((s) => s.path),
      );
      if (req.body.dryRun) return { dryRun: true, ...size, unit: null };
      await db().transaction((tx) => mergeUnits({ tx, ctx: ctxOf(req), sources, target, on: req.body.on }));
      return { dryRun: false, ...size, unit: await detail(actor, target.id) };
    },
  });

  route.post("/units/:id/split", "own-subtree", {
    params: unitIdParams,
    body: splitUnitBody,
    response: splitUnitResponse,
    handler: async (actor, req) => {
      const source = await load(actor, req.params.id);
      authorize(actor, unitPolicy, "split", object(source));
      // The parts go beside the unit split: the caller must be able to add units to its parent.
      const parent = source.parentId ? await findUnit(db(), actor, source.parentId) : null;
      if (!parent) throw new AppError("FORBIDDEN");
      authorize(actor, unitPolicy, "createChild", object(parent));
      const { dryRun, ...input } = req.body;
      if (dryRun) {
        const plan = await planSplit(db(), source, input);
        return { dryRun: true, units: plan.units, people: plan.people, unit: null, parts: [] };
      }
      const result = await db().transaction((tx) =>
        splitUnit({ tx, ctx: ctxOf(req), ...input, source, parent }),
      );
      return {
        dryRun: false,
        units: result.units,
        people: result.people,
        unit: await detail(actor, source.id),
        parts: result.parts.map((p) => ({ id: p.id, name: p.name, code: p.code })),
      };
    },
  });

  route.post("/units/:id/dissolve", "own-subtree", {
    params: unitIdParams,
    body: dissolveUnitBody,
    response: unitResponse,
    handler: async (actor, req) => {
      const unit = await load(actor, req.params.id);
      authorize(actor, unitPolicy, "dissolve", object(unit));
      await db().transaction((tx) => dissolveUnit({ tx, ctx: ctxOf(req), unit, on: req.body.on }));
      return { unit: await detail(actor, unit.id) };
    },
  });
}
