import { z } from "zod";
import { roles } from "../../lib/auth/roles.ts";
import { pageQuery } from "../../lib/pagination.ts";

export const userActions = z.enum(["update", "disable", "enable", "resetPassword", "allowApiTokens"]);

export const userItem = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  unitId: z.string(),
  unitName: z.string(),
  personId: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  /** A member may create API tokens (an administrator allows it; other roles always may). */
  apiTokensAllowed: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  allowedActions: z.array(userActions),
});
export type UserItem = z.infer<typeof userItem>;

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  unitId: z.uuid().optional(),
});

export const userListResponse = z.object({
  items: z.array(userItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  allowedActions: z.array(z.enum(["create"])),
});

/** Usernames: lower-case ASCII letters, digits, dot, dash, underscore (typed on phones). */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,47}$/, {
    error:
      "Tên đăng nhập gồm 3–48 chữ cái không dấu, chữ số, dấu chấm, gạch ngang / 3–48 letters without diacritics, digits, dot, dash",
  });
export const displayName = z.string().trim().min(1).max(120);

export const createUserBody = z.object({
  username,
  displayName,
  role: z.enum(roles),
  unitId: z.uuid(),
  personId: z.uuid().nullable().optional(),
});
export const createUserResponse = z.object({ user: userItem, oneTimePassword: z.string() });

export const updateUserBody = z.object({
  displayName: displayName.optional(),
  role: z.enum(roles).optional(),
  unitId: z.uuid().optional(),
  active: z.boolean().optional(),
  /** Administrators only; turning it off revokes the member's tokens. */
  apiTokensAllowed: z.boolean().optional(),
  version: z.number().int().min(1),
});
export const userResponse = z.object({ user: userItem });
export const userIdParams = z.object({ id: z.uuid() });
export const resetPasswordResponse = z.object({ oneTimePassword: z.string() });

/** The most accounts one bulk creation makes: each password hash takes ~30 ms of a core. */
export const MAX_BULK_ACCOUNTS = 500;

/** Accounts for the active people of a unit's subtree who have none (optionally only these people). */
export const bulkAccountsBody = z.object({
  unitId: z.uuid(),
  personIds: z.array(z.uuid()).min(1).max(MAX_BULK_ACCOUNTS).optional(),
  dryRun: z.boolean().default(false),
});
export const bulkAccountsPreview = z.object({
  /** How many people would get an account now. */
  count: z.number().int(),
  /** The most one call creates. */
  max: z.number().int(),
});
/** Given once: the one-time passwords are stored only hashed and cannot be read again. */
export const bulkAccountsResponse = z.object({
  items: z.array(
    z.object({
      personId: z.string(),
      fullName: z.string(),
      unitName: z.string(),
      username: z.string(),
      oneTimePassword: z.string(),
    }),
  ),
});
