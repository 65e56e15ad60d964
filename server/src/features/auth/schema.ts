import { index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, ref, stamped } from "../../db/columns.ts";
import { users } from "../users/schema.ts";

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    tokenHash: text("token_hash").notNull(),
    userId: ref("user_id", () => users.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: stamped("created_at"),
    lastSeenAt: stamped("last_seen_at"),
    expiresAt: at("expires_at").notNull(),
    revokedAt: at("revoked_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [uniqueIndex("sessions_token_hash_key").on(t.tokenHash), index("sessions_user_idx").on(t.userId)],
);

export const throttleKinds = ["account", "address", "pair"] as const;
export type ThrottleKind = (typeof throttleKinds)[number];

/**
 * Failed sign-ins, counted per typed username (`account`, whether or not it exists), per address
 * (`address`) and per username and address (`pair`); a row holds its lock or delay until a time.
 */
export const loginThrottles = pgTable(
  "login_throttles",
  {
    kind: text("kind", { enum: throttleKinds }).notNull(),
    key: text("key").notNull(),
    failures: integer("failures").notNull().default(0),
    lastFailedAt: at("last_failed_at").notNull(),
    lockedUntil: at("locked_until"),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.key] }),
    index("login_throttles_last_failed_idx").on(t.lastFailedAt),
  ],
);
