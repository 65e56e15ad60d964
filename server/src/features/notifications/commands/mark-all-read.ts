import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { notifications } from "../schema.ts";

/** Marks every unread notification of the caller read; answers how many changed. */
export async function markAllRead(input: { tx: Executor; ctx: Ctx; userId: string }) {
  const { tx, ctx } = input;
  const changed = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, input.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (changed.length > 0)
    await recordAudit(tx, ctx, {
      event: "notification.read",
      entityId: null,
      after: { all: true, count: changed.length },
    });
  return changed.length;
}
