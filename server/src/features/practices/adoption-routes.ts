import { z } from "zod";
import type { Actor } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, actorOf, ctxOf } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize, inSubtree } from "../../lib/policy.ts";
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
  const db = () => app.deps.db;
  const mayEdit = (actor: Actor, unitPath: string) =>
    inSubtree(actor, unitPath) && adoptionPolicy.actions.update(actor, { unitPath });

  app.get(
    "/practices/:id/adoptions",
    {
      schema: {
        tags,
        description: "The units that adopted a model, latest first.",
        params: practiceIdParams,
        querystring: adoptionListQuery,
        response: { 200: adoptionListResponse, ...errorResponses },
      },
      config: { visibility: "shared" },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!(await findPractice(db(), actor, req.params.id))) throw new AppError("NOT_FOUND");
      const { rows, ...total } = await listAdoptions(db(), adoptionsOfPractice(req.params.id), req.query);
      return envelope(
        req.query,
        rows.map((r) => presentAdoption(r, mayEdit(actor, r.unitPath))),
        total,
      );
    },
  );

  app.get(
    "/practices/:id/spread",
    {
      schema: {
        tags,
        description:
          "How a model spread: adoptions per year, and per area below the caller's unit (for the central board: per province).",
        params: practiceIdParams,
        response: { 200: spreadResponse, ...errorResponses },
      },
      config: { visibility: "shared" },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!(await findPractice(db(), actor, req.params.id))) throw new AppError("NOT_FOUND");
      return practiceSpread(db(), actor, req.params.id);
    },
  );

  app.get(
    "/adoptions",
    {
      schema: {
        tags,
        description: "The models a unit's subtree adopted (`unitId`, default the caller's unit).",
        querystring: adoptionListQuery.extend({ unitId: z.uuid().optional() }),
        response: { 200: adoptionListResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await findUnit(db(), actor, req.query.unitId ?? actor.unitId);
      if (!unit) throw new AppError("NOT_FOUND");
      const { rows, ...total } = await listAdoptions(db(), adoptionsInSubtree(unit.path), req.query);
      return envelope(
        req.query,
        rows.map((r) => presentAdoption(r, mayEdit(actor, r.unitPath))),
        total,
      );
    },
  );

  app.patch(
    "/adoptions/:id",
    {
      schema: {
        tags,
        description: "Records an adoption's later results (with the version read).",
        params: adoptionIdParams,
        body: updateAdoptionBody,
        response: { 200: adoptionResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      const found = await findAdoption(db(), req.params.id);
      // Adoptions are read across the tree, but written only within the adopting unit's subtree.
      if (!found || !inSubtree(actor, found.unitPath)) throw new AppError("NOT_FOUND");
      authorize(actor, adoptionPolicy, "update", { unitPath: found.unitPath });
      await db().transaction((tx) => updateAdoption(tx, ctxOf(req), found.adoption, req.body));
      const after = await findAdoption(db(), req.params.id);
      if (!after) throw new AppError("NOT_FOUND");
      return { adoption: presentAdoption(after, true) };
    },
  );
}
