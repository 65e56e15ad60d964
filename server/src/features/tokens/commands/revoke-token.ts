import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Actor, Ctx } from "../../../lib/auth/actor.ts";
import { AppError } from "../../../lib/errors.ts";
import { apiTokens } from "../schema.ts";
import { throughToken } from "./refusals.ts";

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
