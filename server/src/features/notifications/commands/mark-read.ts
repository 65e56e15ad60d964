import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { notifications } from "../schema.ts";

/** Marks one of the caller's notifications read (already read: unchanged). Another user's → 404. */
export async function markRead(input: { tx: Executor; ctx: Ctx; userId: string; id: string }) {
  const { tx, ctx } = input;
  const [current] = await tx
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, input.id), eq(notifications.userId, input.userId)));
  if (!current) throw new AppError("NOT_FOUND");
  if (current.readAt) return current;
  const [after] = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, current.id), isNull(notifications.readAt)))
    .returning();
  const row = after ?? current;
  await recordChange(
    { tx, ctx },
    "notification.read",
    row,
    { readAt: current.readAt },
    { readAt: row.readAt },
  );
  return row;
}
