import { eq } from "drizzle-orm";
import { type CommandContext, recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../../lib/vietnamese.ts";
import { commendationDecisions, type DecisionRow } from "../schema.ts";
import { bumpDraft, draftOnly, immutable } from "./decision-guards.ts";

export interface UpdateDecisionInput extends CommandContext {
  current: DecisionRow;
  version: number;
  summary?: string | undefined;
  preamble?: string | undefined;
  reason?: string | undefined;
  recipientsText?: string | undefined;
  place?: string | null | undefined;
  signer?:
    | { authority?: string | undefined; title?: string | undefined; name?: string | undefined }
    | undefined;
}

/** Edits a draft's text, signer or place; the version read must be current. */
export async function updateDecision({ tx, ctx, current, ...input }: UpdateDecisionInput) {
  draftOnly(current);
  const after = await bumpDraft(tx, ctx, current, input.version, {
    ...(input.summary !== undefined ? { summary: cleanText(input.summary) } : {}),
    ...(input.preamble !== undefined ? { preamble: cleanMultiline(input.preamble) } : {}),
    ...(input.reason !== undefined ? { reason: cleanMultiline(input.reason) } : {}),
    ...(input.recipientsText !== undefined ? { recipientsText: cleanMultiline(input.recipientsText) } : {}),
    ...(input.place !== undefined ? { place: input.place ? cleanText(input.place) : null } : {}),
    ...(input.signer?.authority !== undefined
      ? { signerAuthority: cleanMultiline(input.signer.authority) }
      : {}),
    ...(input.signer?.title !== undefined ? { signerTitle: cleanText(input.signer.title) } : {}),
    ...(input.signer?.name !== undefined ? { signerName: cleanText(input.signer.name) } : {}),
  });
  if (!after) {
    const [now] = await tx
      .select({ status: commendationDecisions.status })
      .from(commendationDecisions)
      .where(eq(commendationDecisions.id, current.id));
    if (now?.status !== "draft") throw immutable();
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  }
  await recordChange({ tx, ctx }, "commendation_decision.update", current, current, after);
  return after;
}
