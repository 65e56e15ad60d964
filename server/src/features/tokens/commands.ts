import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Actor, Ctx } from "../../lib/auth/actor.ts";
import { randomToken, sha256 } from "../../lib/auth/secrets.ts";
import { AppError } from "../../lib/errors.ts";
import { type PageQuery, pageOf } from "../../lib/pagination.ts";
import { apiTokens } from "./schema.ts";

type TokenRow = typeof apiTokens.$inferSelect;

export function presentToken(t: TokenRow) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/** The actor's own tokens (visibility "self"). */
export async function listTokens(db: Db, actor: Actor, query: PageQuery) {
  const where = eq(apiTokens.userId, actor.userId);
  return pageOf(
    query,
    (limit, offset) =>
      db.select().from(apiTokens).where(where).orderBy(desc(apiTokens.createdAt)).limit(limit).offset(offset),
    () => db.select({ total: count() }).from(apiTokens).where(where),
  );
}

/** Creates a token acting as the actor; the secret is returned once and stored only hashed. */
export async function createToken(input: {
  db: Db;
  ctx: Ctx;
  actor: Actor;
  name: string;
  expiresInDays?: number | undefined;
}) {
  const { db, ctx, actor } = input;
  const token = `tg_${randomToken(32)}`;
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({
        userId: actor.userId,
        name: input.name,
        prefix: token.slice(0, 10),
        tokenHash: sha256(token),
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
