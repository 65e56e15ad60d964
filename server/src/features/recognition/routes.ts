import { z } from "zod";
import type { Db, Executor } from "../../db/client.ts";
import type { Actor, Ctx } from "../../lib/auth/actor.ts";
import type { Lang } from "../../lib/errors.ts";
import { type App, actorOf, ctxOf, readDb } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope, type PageQuery, pageQuery, type Total } from "../../lib/pagination.ts";
import { authorize, type Policy } from "../../lib/policy.ts";
import { publishBody, reviewBody, submitBody } from "./contracts.ts";
import type { ReviewObject } from "./policy.ts";
import type { reviewCommands } from "./workflow.ts";

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
    /** `reads`: the request's read executor (a replica when usable: lib/http.ts `readDb`). */
    list: {
      description: string;
      query: Q;
      read: (reads: Db, actor: Actor, query: z.output<Q>) => Promise<Listed<Row>>;
    };
    queue: { description: string; read: (reads: Db, actor: Actor, query: PageQuery) => Promise<Listed<Row>> };
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
        const { rows, ...total } = await route.read(readDb(req), actor, query);
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
  /** One step's route: load the item, check `action`, run the step in a transaction, answer. */
  const step = <B extends z.ZodType>(
    name: keyof typeof spec.descriptions,
    action: "submit" | "review" | "publish",
    body: B,
    run: (
      tx: Executor,
      ctx: Ctx,
      item: { id: string; unitId: string },
      body: z.output<B>,
      actor: Actor,
    ) => Promise<unknown>,
  ) =>
    app.post(
      `${spec.path}/:id/${name}`,
      {
        schema: {
          tags: spec.tags,
          description: spec.descriptions[name],
          params: idParams,
          body,
          response: { 200: spec.response, ...errorResponses },
        },
        config: { visibility: "shared" },
      },
      async (req) => {
        const actor = actorOf(req);
        const row = await spec.load(actor, req.params.id);
        authorize(actor, spec.policy, action, spec.objectOf(row));
        const item = spec.itemOf(row);
        await db().transaction((tx) => run(tx, ctxOf(req), item, req.body as z.output<B>, actor));
        return spec.respond(actor, item.id, req.lang);
      },
    );

  step("submit", "submit", submitBody, (tx, ctx, item, body) =>
    spec.commands.submit(tx, ctx, item, body.comment ?? null),
  );
  step("review", "review", reviewBody, (tx, ctx, item, body, actor) =>
    spec.commands.review(tx, ctx, item, {
      reviewUnitId: actor.unitId,
      decision: body.decision,
      comment: body.comment ?? null,
      ...(body.public !== undefined ? { makePublic: body.public } : {}),
    }),
  );
  step("publication", "publish", publishBody, (tx, ctx, item, body) =>
    spec.commands.publish(tx, ctx, item, body.public),
  );
}
