import type { Locale, Role } from "./roles.ts";

/** Who is acting: resolved once per request from the session cookie or the bearer token. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitName: string;
  /** Materialised path of the actor's unit: its subtree is every path with this prefix. */
  unitPath: string;
  personId: string | null;
  mustChangePassword: boolean;
  locale: Locale;
  via: "session" | "token";
  sessionId: string | null;
  csrfToken: string | null;
}

/** What a command needs besides its arguments: who acts, and where from (for the audit log). */
export interface Ctx {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
}

export function systemCtx(): Ctx {
  return { actor: null, ip: null, requestId: null };
}
