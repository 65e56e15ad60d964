import { and, eq } from "drizzle-orm";
import { type CommandContext, edited, recordChange } from "../../../lib/command.ts";
import { commendationDecisions, commendationProposals, type DecisionRow } from "../schema.ts";
import { recordStep } from "../steps.ts";
import { draftOnly, immutable } from "./decision-guards.ts";

export interface DiscardDecisionInput extends CommandContext {
  current: DecisionRow;
}

/**
 * Discards a draft: a proposal's draft sends the proposal back to wait at the approving unit (to be
 * reviewed again), a correction's draft leaves the decision it would have corrected as it was.
 */
export async function discardDecision({ tx, ctx, current }: DiscardDecisionInput) {
  draftOnly(current);
  const [removed] = await tx
    .delete(commendationDecisions)
    .where(and(eq(commendationDecisions.id, current.id), eq(commendationDecisions.status, "draft")))
    .returning();
  if (!removed) throw immutable();
  if (current.proposalId) {
    const [proposal] = await tx
      .update(commendationProposals)
      .set({
        status: "submitted",
        reviewUnitId: current.unitId,
        waitingSince: new Date(),
        approvedUnitId: null,
        approvedAt: null,
        ...edited(ctx, commendationProposals.version),
      })
      .where(
        and(eq(commendationProposals.id, current.proposalId), eq(commendationProposals.status, "approved")),
      )
      .returning();
    if (proposal)
      await recordStep(tx, ctx, {
        subjectType: "proposal",
        subjectId: proposal.id,
        action: "discard",
        fromUnitId: current.unitId,
        toUnitId: current.unitId,
        details: { decisionId: current.id },
      });
  }
  await recordChange({ tx, ctx }, "commendation_decision.discard", current, current, null);
}
