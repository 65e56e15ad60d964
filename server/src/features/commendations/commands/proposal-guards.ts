import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { edited } from "../../../lib/command.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { effectiveForm } from "../forms.ts";
import type { PreparedRecipient } from "../recipients.ts";
import { commendationForms, commendationProposals, proposalRecipients } from "../schema.ts";

/** What the proposal commands share: the recipients' insert, the form a unit may propose, the guarded move. */

export async function insertRecipients(tx: Executor, proposalId: string, prepared: PreparedRecipient[]) {
  const rows = prepared.map((r, i) => ({ ...r, proposalId, position: i + 1 }));
  for (let i = 0; i < rows.length; i += 500)
    await tx.insert(proposalRecipients).values(rows.slice(i, i + 500));
}

/** The form a proposing unit chooses: one of its catalogue (the definition that applies to it). */
export async function formForProposal(tx: Executor, unitPath: string, formId: string) {
  const [chosen] = await tx.select().from(commendationForms).where(eq(commendationForms.id, formId));
  const applies = chosen ? await effectiveForm(tx, unitPath, chosen.code) : null;
  if (!chosen || !applies || applies.id !== chosen.id)
    throw ruleViolation("body.formId", "unknown", {
      vi: "Hình thức khen thưởng không có trong danh mục áp dụng cho đơn vị.",
      en: "This form is not in the unit's catalogue.",
    });
  return chosen;
}

/** The proposal's row moved by a guarded update: 409 when it is no longer in the expected state. */
export async function guardedMove(
  tx: Executor,
  ctx: Ctx,
  id: string,
  guard: ReturnType<typeof and>,
  set: Partial<typeof commendationProposals.$inferInsert>,
) {
  const [row] = await tx
    .update(commendationProposals)
    .set({
      ...set,
      ...edited(ctx, commendationProposals.version),
    })
    .where(and(eq(commendationProposals.id, id), guard))
    .returning();
  if (!row) throw new AppError("STATE_CONFLICT");
  return row;
}

export const activeCount = async (tx: Executor, proposalId: string) =>
  tx.$count(
    proposalRecipients,
    and(eq(proposalRecipients.proposalId, proposalId), eq(proposalRecipients.status, "proposed")),
  );

/** The kinds of the recipients still proposed (not trimmed). */
export const keptKinds = async (tx: Executor, proposalId: string) =>
  (
    await tx
      .select({ kind: proposalRecipients.kind })
      .from(proposalRecipients)
      .where(and(eq(proposalRecipients.proposalId, proposalId), eq(proposalRecipients.status, "proposed")))
  ).map((k) => k.kind);
