import type { Db } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Actor, Ctx } from "../../../lib/auth/actor.ts";
import { randomToken, sha256 } from "../../../lib/auth/secrets.ts";
import { mayCreateTokens } from "../policy.ts";
import { apiTokens, type TokenScope } from "../schema.ts";
import { memberNotAllowed, throughToken } from "./refusals.ts";

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
