import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { recordChanges } from "../../../lib/command.ts";
import { apiTokens } from "../schema.ts";

/**
 * Revokes every live token of a user, inside the caller's transaction (a password change or
 * reset, disabling the account, withdrawing a member's leave), each with its audit row.
 */
export async function revokeUserTokens(input: {
  tx: Executor;
  ctx: Ctx;
  userId: string;
  unitId: string;
  now: Date;
}) {
  const { tx } = input;
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: input.now })
    .where(and(eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  const tokens = revoked.map((t) => ({ id: t.id, unitId: input.unitId }));
  await recordChanges(input, "token.revoke", tokens, () => ({
    before: { revokedAt: null },
    after: { revokedAt: input.now },
  }));
  return revoked.length;
}
