import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Actor, Ctx } from "../../../lib/auth/actor.ts";
import { hashPassword, oneTimePassword } from "../../../lib/auth/secrets.ts";
import { AppError } from "../../../lib/errors.ts";
import { authorize } from "../../../lib/policy.ts";
import { clearLoginThrottles } from "../../auth/index.ts";
import { sessions } from "../../auth/schema.ts";
import { revokeUserTokens } from "../../tokens/index.ts";
import { userPolicy } from "../policy.ts";
import { findUser } from "../queries.ts";
import { users } from "../schema.ts";

/** Gives a new one-time password (members often have no e-mail), unlocks, ends their sessions and tokens. */
export async function resetUserPassword(input: { db: Db; ctx: Ctx; actor: Actor; id: string }) {
  const { db, ctx, actor } = input;
  const current = await findUser(db, actor, input.id);
  if (!current) throw new AppError("NOT_FOUND");
  authorize(actor, userPolicy, "resetPassword", { ...current.user, unitPath: current.unitPath });
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(eq(users.id, input.id));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, input.id), isNull(sessions.revokedAt)));
    await revokeUserTokens({ tx, ctx, userId: input.id, unitId: current.user.unitId, now });
    await clearLoginThrottles(tx, current.user.username);
    await recordAudit(tx, ctx, {
      event: "user.password_reset",
      entityId: input.id,
      unitId: current.user.unitId,
      before: {
        passwordHash: current.user.passwordHash,
        mustChangePassword: current.user.mustChangePassword,
      },
      after: { passwordHash, mustChangePassword: true },
    });
  });
  return { oneTimePassword: password };
}
