import { and, asc, eq, ne } from "drizzle-orm";
import { authored, type CommandContext, recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline } from "../../../lib/vietnamese.ts";
import { commendationDecisions, type DecisionRow, decisionRecipients } from "../schema.ts";
import { recordStep } from "../steps.ts";
import { copyRecipients } from "./decision-guards.ts";

export interface CorrectDecisionInput extends CommandContext {
  current: DecisionRow;
  reason: string;
}

/**
 * Starts the correction of an issued decision: a new draft of the issuing unit that copies its
 * text and recipients and references it, with what it corrects and why. The issued decision stays
 * as it is until the correction is issued. One correction at a time (409 otherwise).
 */
export async function correctDecision({ tx, ctx, current, ...input }: CorrectDecisionInput) {
  const [locked] = await tx
    .select()
    .from(commendationDecisions)
    .where(eq(commendationDecisions.id, current.id))
    .for("update");
  if (locked?.status !== "issued") throw new AppError("STATE_CONFLICT");
  const [pending] = await tx
    .select({ id: commendationDecisions.id })
    .from(commendationDecisions)
    .where(and(eq(commendationDecisions.correctsId, locked.id), ne(commendationDecisions.id, locked.id)));
  if (pending)
    throw new AppError("STATE_CONFLICT", {
      message: {
        vi: "Quyết định này đã có một quyết định đính chính.",
        en: "This decision already has a correcting decision.",
      },
    });
  const [row] = await tx
    .insert(commendationDecisions)
    .values({
      unitId: locked.unitId,
      correctsId: locked.id,
      formId: locked.formId,
      periodStart: locked.periodStart,
      periodEnd: locked.periodEnd,
      summary: locked.summary,
      preamble: locked.preamble,
      reason: locked.reason,
      correctionReason: cleanMultiline(input.reason),
      recipientsText: locked.recipientsText,
      signerAuthority: locked.signerAuthority,
      signerTitle: locked.signerTitle,
      signerName: locked.signerName,
      ...authored(ctx),
    })
    .returning();
  if (!row) throw new Error("no decision row");
  const recipients = await tx
    .select()
    .from(decisionRecipients)
    .where(eq(decisionRecipients.decisionId, locked.id))
    .orderBy(asc(decisionRecipients.position));
  const copies = recipients.map(({ id: _id, decisionId: _d, ...r }) => ({ ...r, decisionId: row.id }));
  await copyRecipients(tx, copies);
  await recordStep(tx, ctx, {
    subjectType: "decision",
    subjectId: row.id,
    action: "correct",
    fromUnitId: locked.unitId,
    comment: input.reason,
    details: { correctsId: locked.id },
  });
  await recordChange({ tx, ctx }, "commendation_decision.correct", row, null, {
    ...row,
    recipients: copies.length,
  });
  return row;
}
