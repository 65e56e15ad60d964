import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { edited } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { commendationDecisions, type DecisionRow, decisionRecipients } from "../schema.ts";

/** What the decision commands share: a draft's guard, its version bump, the recipients' copy. */

export const immutable = () =>
  new AppError("STATE_CONFLICT", {
    message: {
      vi: "Quyết định đã ban hành không được sửa hoặc xóa; hãy ban hành quyết định đính chính.",
      en: "An issued decision is never edited or deleted; issue a correcting decision instead.",
    },
  });

export const draftOnly = (current: DecisionRow) => {
  if (current.status !== "draft") throw immutable();
};

/**
 * Writes a draft's changed columns with its next version, guarded by the state (a draft) and the
 * version read; null when either has moved on.
 */
export async function bumpDraft(
  tx: Executor,
  ctx: Ctx,
  current: DecisionRow,
  version: number,
  changes: Partial<typeof commendationDecisions.$inferInsert> = {},
) {
  const [after] = await tx
    .update(commendationDecisions)
    .set({
      ...changes,
      ...edited(ctx, commendationDecisions.version),
    })
    .where(
      and(
        eq(commendationDecisions.id, current.id),
        eq(commendationDecisions.status, "draft"),
        eq(commendationDecisions.version, version),
      ),
    )
    .returning();
  return after ?? null;
}

/** Inserts a decision's recipients, 500 a statement. */
export async function copyRecipients(tx: Executor, rows: (typeof decisionRecipients.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500)
    await tx.insert(decisionRecipients).values(rows.slice(i, i + 500));
}
