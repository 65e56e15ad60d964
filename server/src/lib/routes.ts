import type { IncomingMessage, ServerResponse } from "node:http";
// The route config @fastify/rate-limit adds (`rateLimit`), so that a route spec may set it.
import type {} from "@fastify/rate-limit";
import type {
  ContextConfigDefault,
  FastifyContextConfig,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "./auth/actor.ts";
import { type App, actorOf } from "./http.ts";
import { errorResponses } from "./openapi.ts";
import type { Visibility } from "./policy.ts";

/** A route's success responses: one schema (status 200), or a map such as `{ 201: x }`, `{ 204: z.null() }`. */
type Responses = z.ZodType | { [status: number]: z.ZodType };
type ResponseMap<R> = (R extends z.ZodType ? { 200: R } : R) & typeof errorResponses;

interface Schema<P, Q, B, R> {
  params: P;
  querystring: Q;
  body: B;
  response: ResponseMap<R>;
}

type Handler<P, Q, B, R> = RouteHandlerMethod<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  RouteGenericInterface,
  ContextConfigDefault,
  Schema<P, Q, B, R>,
  ZodTypeProvider
>;

/** What one route declares: its OpenAPI description, zod schemas, further config and handler. */
export interface RouteSpec<V extends Visibility, P, Q, B, R> {
  /** The OpenAPI tags, when this route's differ from its group's. */
  tags?: string[];
  description?: string;
  params?: P;
  querystring?: Q;
  body?: B;
  /** Without it the route documents only the error responses (a file download). */
  response?: R;
  /** Route config beside the visibility: `allowDuringPasswordChange`, `timeout`, `rateLimit`. */
  config?: Omit<FastifyContextConfig, "visibility">;
  /** `(actor, req, reply)`, the actor being the signed-in caller (`actorOf(req)`); a public route's is `(req, reply)`. */
  handler: V extends "public" ? Handler<P, Q, B, R> : WithActor<Handler<P, Q, B, R>>;
}

type WithActor<H extends (...args: never[]) => unknown> = (
  actor: Actor,
  req: Parameters<H>[0],
  reply: Parameters<H>[1],
) => ReturnType<H>;

type Method = "get" | "post" | "put" | "patch" | "delete";

type Declare = <
  V extends Visibility,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends Responses = { [status: number]: never },
>(
  url: string,
  visibility: V,
  spec: RouteSpec<V, P, Q, B, R>,
) => void;

/**
 * The routes of one OpenAPI tag group: `r.get(url, visibility, { description, params, response, handler })`.
 * Every route gets the group's `tags`, the shared error responses and `config.visibility`; Fastify's
 * zod type provider still types `req.params`, `req.query`, `req.body` and the handler's answer.
 */
export function routes(app: App, group: { tags: string[] }): Record<Method, Declare> {
  const declare =
    (method: Method): Declare =>
    (url, visibility, spec) => {
      const { tags = group.tags, description, params, querystring, body, response, config, handler } = spec;
      const success = response instanceof z.ZodType ? { 200: response } : response;
      const schema = {
        tags,
        ...(description !== undefined && { description }),
        ...(querystring && { querystring }),
        ...(params && { params }),
        ...(body && { body }),
        response: { ...success, ...errorResponses },
      };
      const run = handler as (...args: unknown[]) => unknown;
      app[method](
        url,
        { schema, config: { visibility, ...config } },
        (req, reply) => (visibility === "public" ? run(req, reply) : run(actorOf(req), req, reply)) as never,
      );
    };
  return {
    get: declare("get"),
    post: declare("post"),
    put: declare("put"),
    patch: declare("patch"),
    delete: declare("delete"),
  };
}
