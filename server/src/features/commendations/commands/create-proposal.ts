import { authored, type CommandContext, recordChange } from "../../../lib/command.ts";
import { cleanMultiline, cleanText } from "../../../lib/vietnamese.ts";
import type { RecipientInput } from "../contracts.ts";
import { checkPeriod } from "../defaults.ts";
import { checkRecipientKinds } from "../forms.ts";
import { prepareRecipients } from "../recipients.ts";
import { type CommendationFormRow, commendationProposals } from "../schema.ts";
import { insertRecipients } from "./proposal-guards.ts";

export interface CreateProposalInput extends CommandContext {
  unit: { id: string; path: string };
  form: CommendationFormRow;
  periodStart: number;
  periodEnd: number;
  title: string;
  reason: string;
  recipients: RecipientInput[];
}

/** A unit proposes recipients of its subtree for a form and a period, as a draft. */
export async function createProposal({ tx, ctx, ...input }: CreateProposalInput) {
  checkPeriod(input.periodStart, input.periodEnd);
  const prepared = await prepareRecipients(tx, input.unit, input.recipients);
  checkRecipientKinds(
    input.form,
    prepared.map((r) => r.kind),
  );
  const [row] = await tx
    .insert(commendationProposals)
    .values({
      unitId: input.unit.id,
      formId: input.form.id,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      title: cleanText(input.title),
      reason: cleanMultiline(input.reason),
      ...authored(ctx),
    })
    .returning();
  if (!row) throw new Error("no proposal row");
  await insertRecipients(tx, row.id, prepared);
  await recordChange({ tx, ctx }, "commendation_proposal.create", row, null, {
    ...row,
    recipients: prepared.length,
  });
  return row;
}
