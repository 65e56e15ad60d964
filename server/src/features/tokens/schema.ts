import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id } from "../../db/columns.ts";
import { users } from "../users/schema.ts";

/** `read`: GET and HEAD only; `read-write`: whatever its user may do (but never manage tokens). */
export const tokenScopes = ["read", "read-write"] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** API tokens for integrations: shown once, stored as SHA-256, acting as their user within a scope, until they expire. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    scope: text("scope", { enum: tokenScopes }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_key").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId),
    check("api_tokens_scope_check", sql`${t.scope} in ('read','read-write')`),
  ],
);
