import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";

export const tokenItem = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const tokenListQuery = pageQuery;
export const tokenListResponse = listOf(tokenItem);
export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const createTokenResponse = z.object({ token: z.string(), item: tokenItem });
export const tokenIdParams = z.object({ id: z.uuid() });
