import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import { tokenScopes } from "./schema.ts";

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

export const tokenItem = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(tokenScopes),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const tokenListQuery = pageQuery;
export const tokenListResponse = listOf(tokenItem).extend({
  /** `create` when the caller may create tokens now (a member needs an administrator's leave). */
  allowedActions: z.array(z.enum(["create"])),
});
export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** `read`: GET and HEAD only. */
  scope: z.enum(tokenScopes).default("read"),
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(DEFAULT_TOKEN_DAYS),
});
export const createTokenResponse = z.object({ token: z.string(), item: tokenItem });
export const tokenIdParams = z.object({ id: z.uuid() });
