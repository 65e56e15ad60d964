import { z } from "zod";
import { type App, ctxOf } from "../../lib/http.ts";
import { routes } from "../../lib/routes.ts";
import { changePassword, logout, updatePreferences } from "./commands/account.ts";
import { login } from "./commands/login.ts";
import {
  changePasswordBody,
  currentSessionResponse,
  loginBody,
  preferencesBody,
  preferencesResponse,
  sessionResponse,
} from "./contracts.ts";
import { SESSION_COOKIE } from "./gate.ts";
import { presentMe } from "./presenter.ts";

const tags = ["auth"];

export function authRoutes(app: App) {
  const route = routes(app, { tags });
  const { config } = app.deps;
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: config.COOKIE_SECURE,
  };

  route.post("/auth/login", "public", {
    body: loginBody,
    response: sessionResponse,
    config: { rateLimit: { max: config.RATE_LIMIT ? 30 : 1_000_000, timeWindow: "1 minute" } },
    handler: async (req, reply) => {
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
  });

  route.get("/auth/me", "self", {
    response: sessionResponse,
    config: { allowDuringPasswordChange: true },
    handler: async (actor) => {
      return { user: presentMe(actor), csrfToken: actor.csrfToken };
    },
  });

  route.get("/auth/session", "public", {
    description: "The caller's session, or null when not signed in (the web app asks this first).",
    response: currentSessionResponse,
    handler: async (req) => {
      const actor = req.actor;
      return { session: actor ? { user: presentMe(actor), csrfToken: actor.csrfToken } : null };
    },
  });

  route.post("/auth/logout", "self", {
    response: { 204: z.null() },
    config: { allowDuringPasswordChange: true },
    handler: async (actor, req, reply) => {
      await logout({ db: app.deps.db, ctx: ctxOf(req), actor });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  });

  route.post("/auth/password", "self", {
    body: changePasswordBody,
    response: sessionResponse,
    config: { allowDuringPasswordChange: true },
    handler: async (caller, req) => {
      const actor = await changePassword({ db: app.deps.db, ctx: ctxOf(req), actor: caller, ...req.body });
      return { user: presentMe(actor), csrfToken: actor.csrfToken };
    },
  });

  route.put("/auth/preferences", "self", {
    body: preferencesBody,
    response: preferencesResponse,
    config: { allowDuringPasswordChange: true },
    handler: async (caller, req) => {
      const actor = await updatePreferences({ db: app.deps.db, ctx: ctxOf(req), actor: caller, ...req.body });
      return { user: presentMe(actor) };
    },
  });
}
