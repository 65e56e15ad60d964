import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { AppError, type Lang } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { filesOf } from "../files/index.ts";
import { queueCount as practiceQueueCount } from "../practices/index.ts";
import {
  mayKeep,
  presentSteps,
  reviewHistory,
  reviewListRoutes,
  reviewStepRoutes,
} from "../recognition/index.ts";
import { actingUnit } from "../units/index.ts";
import {
  createExemplar,
  linkExemplarPractices,
  PHOTO_OWNER,
  publishExemplar,
  reviewExemplar,
  submitExemplar,
  updateExemplar,
} from "./commands.ts";
import {
  createExemplarBody,
  exemplarIdParams,
  exemplarListQuery,
  exemplarListResponse,
  exemplarResponse,
  linkPracticesBody,
  queueCounts,
  updateExemplarBody,
} from "./contracts.ts";
import { exemplarPolicy } from "./policy.ts";
import { exemplarObject, presentExemplarItem } from "./presenter.ts";
import {
  type ExemplarListRow,
  exemplarQueue,
  findExemplar,
  linkedPractices,
  listExemplars,
  queueCount,
} from "./queries.ts";

const tags = ["exemplars"];

/** An exemplar the actor may read, or 404 (absent and out of sight look the same). */
export async function loadExemplar(db: Executor, actor: Actor, id: string) {
  const row = await findExemplar(db, actor, id);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/** An exemplar the actor may edit (404 out of sight, 403 when not allowed). */
export async function editableExemplar(db: Executor, actor: Actor, id: string) {
  const row = await loadExemplar(db, actor, id);
  authorize(actor, exemplarPolicy, "update", exemplarObject(row));
  return row;
}

/** The photos of a page of exemplars, in one query. */
export async function photosOf(db: Executor, rows: ExemplarListRow[]) {
  const files = await filesOf(
    db,
    PHOTO_OWNER,
    rows.map((r) => r.exemplar.id),
  );
  return new Map(files.filter((f) => f.kind === "image").map((f) => [f.ownerId, f]));
}

/** An exemplar's page: the item, its story and achievements, its linked models and its review history. */
export async function exemplarDetail(db: Executor, actor: Actor, id: string, lang: Lang) {
  const row = await loadExemplar(db, actor, id);
  const e = row.exemplar;
  const [photos, steps, practices] = await Promise.all([
    photosOf(db, [row]),
    reviewHistory(db, "exemplar", e.id),
    linkedPractices(db, e.id, actor),
  ]);
  return {
    exemplar: {
      ...presentExemplarItem(actor, row, lang, photos.get(e.id)),
      story: e.story,
      achievements: e.achievements,
      practices,
      steps: presentSteps(steps),
    },
  };
}

export function exemplarRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;

  route.get("/review-queue", "own-subtree", {
    tags: ["practices", "exemplars"],
    description: "How many models and exemplars wait for the caller's unit (the navigation's badge).",
    response: queueCounts,
    handler: async (actor) => {
      const [practices, exemplarCount] = await Promise.all([
        practiceQueueCount(db(), actor.unitId),
        queueCount(db(), actor.unitId),
      ]);
      return { practices, exemplars: exemplarCount };
    },
  });

  reviewListRoutes(app, {
    path: "/exemplars",
    tags,
    response: exemplarListResponse,
    list: {
      description:
        "Exemplars the caller may read (its subtree's in any state, every recognised one), filtered; `q` searches names, stories, achievements and unit names without diacritics (ranked with `sort=relevance`).",
      query: exemplarListQuery,
      read: (reads, actor, query) => listExemplars(reads, actor, query),
    },
    queue: {
      description: "The exemplars waiting for the caller's unit to review, oldest first.",
      read: (reads, actor, query) => exemplarQueue(reads, actor, query),
    },
    present: async (actor, rows, lang) => {
      const photos = await photosOf(db(), rows);
      return rows.map((r) => presentExemplarItem(actor, r, lang, photos.get(r.exemplar.id)));
    },
  });

  route.get("/exemplars/:id", "shared", {
    params: exemplarIdParams,
    response: exemplarResponse,
    handler: async (actor, req) => exemplarDetail(db(), actor, req.params.id, req.lang),
  });

  route.post("/exemplars", "own-subtree", {
    description:
      "A unit nominates an exemplar (a draft): a collective (`subjectUnitId`: the unit itself or one below it) or an individual (`personId` of its subtree, or `personName` with `personUnitName`, their unit or address).",
    body: createExemplarBody,
    response: { 201: exemplarResponse },
    handler: async (actor, req, reply) => {
      const unit = await actingUnit(db(), actor, req.body.unitId, mayKeep);
      const created = await db().transaction((tx) => createExemplar(tx, ctxOf(req), { ...req.body, unit }));
      return reply.status(201).send(await exemplarDetail(db(), actor, created.id, req.lang));
    },
  });

  route.patch("/exemplars/:id", "shared", {
    description: "Edits a draft or returned exemplar (with the version read; 409 when stale).",
    params: exemplarIdParams,
    body: updateExemplarBody,
    response: exemplarResponse,
    handler: async (actor, req) => {
      const row = await editableExemplar(db(), actor, req.params.id);
      await db().transaction((tx) => updateExemplar(tx, ctxOf(req), row, req.body));
      return exemplarDetail(db(), actor, row.exemplar.id, req.lang);
    },
  });

  reviewStepRoutes(app, {
    path: "/exemplars",
    tags,
    response: exemplarResponse,
    descriptions: {
      submit: "Sends a draft (or a returned exemplar) to the unit above the nominating unit.",
      review:
        "The reviewing unit returns the exemplar with comments, recognises it at its level (optionally `public`), or forwards it to the unit above. 409 when it no longer waits at the caller's unit.",
      publication: "Shows a recognised exemplar on the public showcase, or withdraws it.",
    },
    policy: exemplarPolicy,
    load: (actor, id) => loadExemplar(db(), actor, id),
    objectOf: exemplarObject,
    itemOf: (row) => row.exemplar,
    commands: { submit: submitExemplar, review: reviewExemplar, publish: publishExemplar },
    respond: (actor, id, lang) => exemplarDetail(db(), actor, id, lang),
  });

  route.put("/exemplars/:id/practices", "shared", {
    description:
      "Replaces the models linked to the exemplar (recognised models only), with the version read (409 when stale).",
    params: exemplarIdParams,
    body: linkPracticesBody,
    response: exemplarResponse,
    handler: async (actor, req) => {
      const row = await editableExemplar(db(), actor, req.params.id);
      await db().transaction((tx) => linkExemplarPractices(tx, ctxOf(req), row.exemplar, req.body));
      return exemplarDetail(db(), actor, row.exemplar.id, req.lang);
    },
  });
}
