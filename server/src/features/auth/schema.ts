import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id } from "../../db/columns.ts";
import { users } from "../users/schema.ts";

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
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
    lastFailedAt: timestamp("last_failed_at", { withTimezone: true }).notNull(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.key] }),
    index("login_throttles_last_failed_idx").on(t.lastFailedAt),
  ],
);
