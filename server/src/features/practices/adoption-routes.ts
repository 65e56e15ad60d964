import { z } from "zod";
import type { Actor } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize, inSubtree } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { findUnit } from "../units/index.ts";
import { updateAdoption } from "./commands.ts";
import {
  adoptionIdParams,
  adoptionListQuery,
  adoptionListResponse,
  adoptionResponse,
  practiceIdParams,
  spreadResponse,
  updateAdoptionBody,
} from "./contracts.ts";
import { adoptionPolicy } from "./policy.ts";
import { presentAdoption } from "./presenter.ts";
import {
  adoptionsInSubtree,
  adoptionsOfPractice,
  findAdoption,
  findPractice,
  listAdoptions,
  practiceSpread,
} from "./queries.ts";

const tags = ["practices"];

/** Replication (nhân rộng): who adopted a model, how it spread, and what a unit adopted. */
export function adoptionRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const mayEdit = (actor: Actor, unitPath: string) =>
    inSubtree(actor, unitPath) && adoptionPolicy.actions.update(actor, { unitPath });

  route.get("/practices/:id/adoptions", "shared", {
    description: "The units that adopted a model, latest first.",
    params: practiceIdParams,
    querystring: adoptionListQuery,
    response: adoptionListResponse,
    handler: async (actor, req) => {
      if (!(await findPractice(db(), actor, req.params.id))) throw new AppError("NOT_FOUND");
      const { rows, ...total } = await listAdoptions(db(), adoptionsOfPractice(req.params.id), req.query);
      return envelope(
        req.query,
        rows.map((r) => presentAdoption(r, mayEdit(actor, r.unitPath))),
        total,
      );
    },
  });

  route.get("/practices/:id/spread", "shared", {
    description:
      "How a model spread: adoptions per year, and per area below the caller's unit (for the central board: per province).",
    params: practiceIdParams,
    response: spreadResponse,
    handler: async (actor, req) => {
      if (!(await findPractice(db(), actor, req.params.id))) throw new AppError("NOT_FOUND");
      return practiceSpread(db(), actor, req.params.id);
    },
  });

  route.get("/adoptions", "own-subtree", {
    description: "The models a unit's subtree adopted (`unitId`, default the caller's unit).",
    querystring: adoptionListQuery.extend({ unitId: z.uuid().optional() }),
    response: adoptionListResponse,
    handler: async (actor, req) => {
      const unit = await findUnit(db(), actor, req.query.unitId ?? actor.unitId);
      if (!unit) throw new AppError("NOT_FOUND");
      const { rows, ...total } = await listAdoptions(db(), adoptionsInSubtree(unit.path), req.query);
      return envelope(
        req.query,
        rows.map((r) => presentAdoption(r, mayEdit(actor, r.unitPath))),
        total,
      );
    },
  });

  route.patch("/adoptions/:id", "own-subtree", {
    description: "Records an adoption's later results (with the version read).",
    params: adoptionIdParams,
    body: updateAdoptionBody,
    response: adoptionResponse,
    handler: async (actor, req) => {
      const found = await findAdoption(db(), req.params.id);
      // Adoptions are read across the tree, but written only within the adopting unit's subtree.
      if (!found || !inSubtree(actor, found.unitPath)) throw new AppError("NOT_FOUND");
      authorize(actor, adoptionPolicy, "update", { unitPath: found.unitPath });
      await db().transaction((tx) => updateAdoption(tx, ctxOf(req), found.adoption, req.body));
      const after = await findAdoption(db(), req.params.id);
      if (!after) throw new AppError("NOT_FOUND");
      return { adoption: presentAdoption(after, true) };
    },
  });
}
