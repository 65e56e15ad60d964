import { z } from "zod";
import { type App, actorOf, ctxOf } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { changePassword, logout, updatePreferences } from "./commands/account.ts";
import { login } from "./commands/login.ts";
import {
  changePasswordBody,
  loginBody,
  preferencesBody,
  preferencesResponse,
  sessionResponse,
} from "./contracts.ts";
import { SESSION_COOKIE } from "./gate.ts";
import { presentMe } from "./presenter.ts";

const tags = ["auth"];

export function authRoutes(app: App) {
  const { config } = app.deps;
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: config.COOKIE_SECURE,
  };

  app.post(
    "/auth/login",
    {
      schema: { tags, body: loginBody, response: { 200: sessionResponse, ...errorResponses } },
      config: {
        visibility: "public",
        rateLimit: { max: config.RATE_LIMIT ? 30 : 1_000_000, timeWindow: "1 minute" },
      },
    },
    async (req, reply) => {
      const result = await login({
        db: app.deps.db,
        ctx: ctxOf(req),
        config,
        username: req.body.username,
        password: req.body.password,
        userAgent: req.headers["user-agent"],
      });
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: result.expiresAt });
      return { user: presentMe(result.actor), csrfToken: result.actor.csrfToken };
    },
  );

  app.get(
    "/auth/me",
    {
      schema: { tags, response: { 200: sessionResponse, ...errorResponses } },
      config: { visibility: "self", allowDuringPasswordChange: true },
    },
    async (req) => {
      const actor = actorOf(req);
      return { user: presentMe(actor), csrfToken: actor.csrfToken };
    },
  );

  app.post(
    "/auth/logout",
    {
      schema: { tags, response: { 204: z.null(), ...errorResponses } },
      config: { visibility: "self", allowDuringPasswordChange: true },
    },
    async (req, reply) => {
      await logout({ db: app.deps.db, ctx: ctxOf(req), actor: actorOf(req) });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/password",
    {
      schema: { tags, body: changePasswordBody, response: { 200: sessionResponse, ...errorResponses } },
      config: { visibility: "self", allowDuringPasswordChange: true },
    },
    async (req) => {
      const actor = await changePassword({
        db: app.deps.db,
        ctx: ctxOf(req),
        actor: actorOf(req),
        ...req.body,
      });
      return { user: presentMe(actor), csrfToken: actor.csrfToken };
    },
  );

  app.put(
    "/auth/preferences",
    {
      schema: { tags, body: preferencesBody, response: { 200: preferencesResponse, ...errorResponses } },
      config: { visibility: "self", allowDuringPasswordChange: true },
    },
    async (req) => {
      const actor = await updatePreferences({
        db: app.deps.db,
        ctx: ctxOf(req),
        actor: actorOf(req),
        ...req.body,
      });
      return { user: presentMe(actor) };
    },
  );
}
