import { and, asc, eq } from "drizzle-orm";
import { authored, type CommandContext } from "../../../lib/command.ts";
import { draftContent } from "../defaults.ts";
import {
  type CommendationFormRow,
  commendationDecisions,
  type ProposalRow,
  proposalRecipients,
} from "../schema.ts";
import { recordStep, type UnitFacts, unitFacts } from "../steps.ts";
import { copyRecipients } from "./decision-guards.ts";

export interface CreateDecisionDraftInput extends CommandContext {
  proposal: ProposalRow;
  issuer: UnitFacts;
  form: CommendationFormRow;
}

/**
 * The draft decision of an approved proposal, at the approving unit: its default text, the
 * signing block of the standing committee, and the recipients kept (collectives first, then
 * individuals, each in the proposal's order).
 */
export async function createDecisionDraft({ tx, ctx, ...input }: CreateDecisionDraftInput) {
  const p = input.proposal;
  const proposer = await unitFacts(tx, p.unitId);
  const content = draftContent({
    formName: input.form.name,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    reason: p.reason,
    proposerName: proposer.name,
    issuer: input.issuer,
  });
  const [row] = await tx
    .insert(commendationDecisions)
    .values({
      unitId: input.issuer.id,
      proposalId: p.id,
      formId: input.form.id,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      ...content,
      ...authored(ctx),
    })
    .returning();
  if (!row) throw new Error("no decision row");
  const kept = await tx
    .select()
    .from(proposalRecipients)
    .where(and(eq(proposalRecipients.proposalId, p.id), eq(proposalRecipients.status, "proposed")))
    .orderBy(asc(proposalRecipients.position));
  const ordered = [
    ...kept.filter((r) => r.kind === "collective"),
    ...kept.filter((r) => r.kind === "individual"),
  ];
  const rows = ordered.map((r, i) => ({
    decisionId: row.id,
    position: i + 1,
    kind: r.kind,
    subjectUnitId: r.subjectUnitId,
    personId: r.personId,
    name: r.name,
    unitLabel: r.unitLabel,
    unitId: r.unitId,
    achievement: r.achievement,
    links: r.links,
    proposalRecipientId: r.id,
  }));
  await copyRecipients(tx, rows);
  await recordStep(tx, ctx, {
    subjectType: "decision",
    subjectId: row.id,
    action: "approve",
    fromUnitId: input.issuer.id,
    details: { proposalId: p.id, recipients: rows.length },
  });
  return row;
}
