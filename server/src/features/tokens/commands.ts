import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit, recordAuditMany } from "../../lib/audit.ts";
import type { Actor, Ctx } from "../../lib/auth/actor.ts";
import type { Role } from "../../lib/auth/roles.ts";
import { randomToken, sha256 } from "../../lib/auth/secrets.ts";
import { AppError } from "../../lib/errors.ts";
import { type PageQuery, pageOf } from "../../lib/pagination.ts";
import { users } from "../users/schema.ts";
import { apiTokens, type TokenScope } from "./schema.ts";

type TokenRow = typeof apiTokens.$inferSelect;

export function presentToken(t: TokenRow) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: t.scope,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/** Members hold tokens only when an administrator allows it; every other role may. */
export const mayHoldTokens = (user: { role: Role; apiTokensAllowed: boolean }) =>
  user.role !== "member" || user.apiTokensAllowed;

/** May the actor create a token now? Never through a token; a member only when allowed. */
export async function mayCreateTokens(db: Executor, actor: Actor) {
  if (actor.via === "token") return false;
  const [user] = await db
    .select({ role: users.role, apiTokensAllowed: users.apiTokensAllowed })
    .from(users)
    .where(eq(users.id, actor.userId));
  return Boolean(user && mayHoldTokens(user));
}

const throughToken = new AppError("FORBIDDEN", {
  message: {
    vi: "Không thể dùng mã API để tạo hay thu hồi mã API: hãy đăng nhập.",
    en: "An API token cannot create or revoke API tokens: sign in.",
  },
});
const memberNotAllowed = new AppError("FORBIDDEN", {
  message: {
    vi: "Đảng viên chỉ tạo được mã API khi quản trị viên cho phép.",
    en: "A member may create API tokens only when an administrator allows it.",
  },
});

/** The actor's own tokens (visibility "self"). */
export async function listTokens(db: Db, actor: Actor, query: PageQuery) {
  const where = eq(apiTokens.userId, actor.userId);
  return pageOf(
    db,
    query,
    (limit, offset) =>
      db.select().from(apiTokens).where(where).orderBy(desc(apiTokens.createdAt)).limit(limit).offset(offset),
    () => db.select({ one: sql`1` }).from(apiTokens).where(where),
  );
}

/** Creates a token acting as the actor within a scope; the secret is returned once and stored only hashed. */
export async function createToken(input: {
  db: Db;
  ctx: Ctx;
  actor: Actor;
  name: string;
  scope: TokenScope;
  expiresInDays: number;
}) {
  const { db, ctx, actor } = input;
  if (actor.via === "token") throw throughToken;
  if (!(await mayCreateTokens(db, actor))) throw memberNotAllowed;
  const token = `tg_${randomToken(32)}`;
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({
        userId: actor.userId,
        name: input.name,
        prefix: token.slice(0, 10),
        tokenHash: sha256(token),
        scope: input.scope,
        expiresAt,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    const { tokenHash: _h, ...visible } = created;
    await recordAudit(tx, ctx, { event: "token.create", entityId: created.id, before: null, after: visible });
    return created;
  });
  return { token, row };
}

export async function revokeToken(input: { db: Db; ctx: Ctx; actor: Actor; id: string }) {
  const { db, ctx, actor } = input;
  if (actor.via === "token") throw throughToken;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, input.id), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw new AppError("NOT_FOUND");
    await recordAudit(tx, ctx, {
      event: "token.revoke",
      entityId: row.id,
      before: { revokedAt: null },
      after: { revokedAt: row.revokedAt },
    });
  });
}

/**
 * Revokes every live token of a user, inside the caller's transaction (a password change or
 * reset, disabling the account, withdrawing a member's leave), each with its audit row.
 */
export async function revokeUserTokens(
  tx: Executor,
  ctx: Ctx,
  input: { userId: string; unitId: string; now: Date },
) {
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: input.now })
    .where(and(eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  await recordAuditMany(
    tx,
    ctx,
    revoked.map((t) => ({
      event: "token.revoke" as const,
      entityId: t.id,
      unitId: input.unitId,
      before: { revokedAt: null },
      after: { revokedAt: input.now },
    })),
  );
  return revoked.length;
}
