import { z } from "zod";
import type { Actor } from "../../lib/auth/actor.ts";
import type { Lang } from "../../lib/errors.ts";
import { type App, actorOf, ctxOf } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope, type PageQuery, pageQuery, type Total } from "../../lib/pagination.ts";
import { authorize, type Policy } from "../../lib/policy.ts";
import type { reviewCommands } from "./commands.ts";
import { publishBody, reviewBody, submitBody } from "./contracts.ts";
import type { ReviewObject } from "./policy.ts";

const idParams = z.object({ id: z.uuid() });

/** A page of items as a list returns it (the rows and the total). */
type Listed<Row> = { rows: Row[] } & Total;

/**
 * The list routes of an item type under review: `path` (the caller's readable items, filtered by
 * `query`) and `path/queue` (what waits for the caller's unit, oldest first).
 */
export function reviewListRoutes<Q extends z.ZodType<PageQuery>, Row>(
  app: App,
  spec: {
    path: string;
    tags: string[];
    response: z.ZodType;
    list: { description: string; query: Q; read: (actor: Actor, query: z.output<Q>) => Promise<Listed<Row>> };
    queue: { description: string; read: (actor: Actor, query: PageQuery) => Promise<Listed<Row>> };
    /** The page's items, as the list shows them. */
    present: (actor: Actor, rows: Row[], lang: Lang) => Promise<unknown[]>;
  },
) {
  const routes = [
    { url: spec.path, ...spec.list, visibility: "shared" as const },
    { url: `${spec.path}/queue`, ...spec.queue, query: pageQuery, visibility: "own-subtree" as const },
  ];
  for (const route of routes)
    app.get(
      route.url,
      {
        schema: {
          tags: spec.tags,
          description: route.description,
          querystring: route.query,
          response: { 200: spec.response, ...errorResponses },
        },
        config: { visibility: route.visibility },
      },
      async (req) => {
        const actor = actorOf(req);
        const query = req.query as z.output<Q>;
        const { rows, ...total } = await route.read(actor, query);
        return envelope(query, await spec.present(actor, rows, req.lang), total);
      },
    );
}

/**
 * The review steps of an item type as routes: `path/:id/submit`, `/review` and `/publication`,
 * each loading the item the caller may read, checking the policy, taking the step in one
 * transaction and answering with the item's page (`respond`).
 */
export function reviewStepRoutes<Row>(
  app: App,
  spec: {
    path: string;
    tags: string[];
    response: z.ZodType;
    descriptions: { submit: string; review: string; publication: string };
    policy: Policy<ReviewObject, "update" | "submit" | "review" | "publish">;
    load: (actor: Actor, id: string) => Promise<Row>;
    objectOf: (row: Row) => ReviewObject;
    itemOf: (row: Row) => { id: string; unitId: string };
    commands: ReturnType<typeof reviewCommands>;
    respond: (actor: Actor, id: string, lang: Lang) => Promise<unknown>;
  },
) {
  const db = () => app.deps.db;
  const schema = <B extends z.ZodType>(description: string, body: B) => ({
    tags: spec.tags,
    description,
    params: idParams,
    body,
    response: { 200: spec.response, ...errorResponses },
  });
  const config = { visibility: "shared" as const };
  /** Loads the item, checks `action`, and gives the row and its item to the step. */
  const loaded = async (actor: Actor, id: string, action: "submit" | "review" | "publish") => {
    const row = await spec.load(actor, id);
    authorize(actor, spec.policy, action, spec.objectOf(row));
    return spec.itemOf(row);
  };

  app.post(
    `${spec.path}/:id/submit`,
    { schema: schema(spec.descriptions.submit, submitBody), config },
    async (req) => {
      const actor = actorOf(req);
      const item = await loaded(actor, req.params.id, "submit");
      await db().transaction((tx) => spec.commands.submit(tx, ctxOf(req), item, req.body.comment ?? null));
      return spec.respond(actor, item.id, req.lang);
    },
  );

  app.post(
    `${spec.path}/:id/review`,
    { schema: schema(spec.descriptions.review, reviewBody), config },
    async (req) => {
      const actor = actorOf(req);
      const item = await loaded(actor, req.params.id, "review");
      await db().transaction((tx) =>
        spec.commands.review(tx, ctxOf(req), item, {
          reviewUnitId: actor.unitId,
          decision: req.body.decision,
          comment: req.body.comment ?? null,
          ...(req.body.public !== undefined ? { makePublic: req.body.public } : {}),
        }),
      );
      return spec.respond(actor, item.id, req.lang);
    },
  );

  app.post(
    `${spec.path}/:id/publication`,
    { schema: schema(spec.descriptions.publication, publishBody), config },
    async (req) => {
      const actor = actorOf(req);
      const item = await loaded(actor, req.params.id, "publish");
      await db().transaction((tx) => spec.commands.publish(tx, ctxOf(req), item, req.body.public));
      return spec.respond(actor, item.id, req.lang);
    },
  );
}
