import { and, eq, inArray } from "drizzle-orm";
import { type CommandContext, edited, recordChange } from "../../../lib/command.ts";
import { changesNothing } from "../../../lib/edits.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../../lib/vietnamese.ts";
import type { RecipientInput } from "../contracts.ts";
import { checkPeriod } from "../defaults.ts";
import { checkRecipientKinds } from "../forms.ts";
import { prepareRecipients } from "../recipients.ts";
import {
  type CommendationFormRow,
  commendationForms,
  commendationProposals,
  type ProposalRow,
  proposalRecipients,
} from "../schema.ts";
import { insertRecipients } from "./proposal-guards.ts";

export interface UpdateProposalInput extends CommandContext {
  current: ProposalRow & { unitPath: string };
  version: number;
  form?: CommendationFormRow | undefined;
  periodStart?: number | undefined;
  periodEnd?: number | undefined;
  title?: string | undefined;
  reason?: string | undefined;
  recipients?: RecipientInput[] | undefined;
}

/** Edits a draft or returned proposal (the recipients as a whole list); the version read must be current. */
export async function updateProposal({ tx, ctx, current, ...input }: UpdateProposalInput) {
  if (current.status !== "draft" && current.status !== "returned") throw new AppError("STATE_CONFLICT");
  if (changesNothing(input, current)) return current;
  const periodStart = input.periodStart ?? current.periodStart;
  const periodEnd = input.periodEnd ?? current.periodEnd;
  checkPeriod(periodStart, periodEnd);
  const prepared = input.recipients
    ? await prepareRecipients(tx, { id: current.unitId, path: current.unitPath }, input.recipients)
    : null;
  const form =
    input.form ??
    (await tx.select().from(commendationForms).where(eq(commendationForms.id, current.formId)))[0];
  if (!form) throw new Error("no form");
  const kinds = prepared
    ? prepared.map((r) => r.kind)
    : (
        await tx
          .select({ kind: proposalRecipients.kind })
          .from(proposalRecipients)
          .where(eq(proposalRecipients.proposalId, current.id))
      ).map((r) => r.kind);
  checkRecipientKinds(form, kinds);
  const [after] = await tx
    .update(commendationProposals)
    .set({
      formId: form.id,
      periodStart,
      periodEnd,
      ...(input.title !== undefined ? { title: cleanText(input.title) } : {}),
      ...(input.reason !== undefined ? { reason: cleanMultiline(input.reason) } : {}),
      ...edited(ctx, commendationProposals.version),
    })
    .where(
      and(
        eq(commendationProposals.id, current.id),
        eq(commendationProposals.version, input.version),
        inArray(commendationProposals.status, ["draft", "returned"]),
      ),
    )
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  if (prepared) {
    await tx.delete(proposalRecipients).where(eq(proposalRecipients.proposalId, current.id));
    await insertRecipients(tx, current.id, prepared);
  }
  await recordChange({ tx, ctx }, "commendation_proposal.update", current, current, {
    ...after,
    ...(prepared ? { recipients: prepared.length } : {}),
  });
  return after;
}
