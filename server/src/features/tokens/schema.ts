import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, id, ref, stamped } from "../../db/columns.ts";
import { users } from "../users/schema.ts";

/** `read`: GET and HEAD only; `read-write`: whatever its user may do (but never manage tokens). */
export const tokenScopes = ["read", "read-write"] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** API tokens for integrations: shown once, stored as SHA-256, acting as their user within a scope, until they expire. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    userId: ref("user_id", () => users.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    scope: text("scope", { enum: tokenScopes }).notNull(),
    createdAt: stamped("created_at"),
    lastUsedAt: at("last_used_at"),
    expiresAt: at("expires_at").notNull(),
    revokedAt: at("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_key").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId),
    check("api_tokens_scope_check", sql`${t.scope} in ('read','read-write')`),
  ],
);
export type TokenRow = typeof apiTokens.$inferSelect;
