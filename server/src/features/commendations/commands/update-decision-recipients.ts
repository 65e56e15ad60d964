import { eq, inArray } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import type { CommandContext } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../../lib/vietnamese.ts";
import { type DecisionRow, decisionRecipients } from "../schema.ts";
import { bumpDraft, draftOnly } from "./decision-guards.ts";

export interface UpdateDecisionRecipientsInput extends CommandContext {
  current: DecisionRow;
  version: number;
  recipients: { id: string; name: string; unitLabel: string; achievement: string }[];
}

/**
 * Edits a draft's recipients: the ones kept, in order, with their printed name, unit and
 * achievement (a correction fixes a misspelt name here); the others are removed from the draft.
 */
export async function updateDecisionRecipients({
  tx,
  ctx,
  current,
  ...input
}: UpdateDecisionRecipientsInput) {
  draftOnly(current);
  const after = await bumpDraft(tx, ctx, current, input.version);
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  const existing = await tx
    .select()
    .from(decisionRecipients)
    .where(eq(decisionRecipients.decisionId, current.id));
  const byId = new Map(existing.map((r) => [r.id, r]));
  const bad = input.recipients
    .map((r, i) => ({ r, i }))
    .filter(({ r }, i) => !byId.has(r.id) || input.recipients.findIndex((x) => x.id === r.id) !== i)
    .map(({ i }) => ({ path: `body.recipients.${i}.id`, message: "unknown" }));
  if (bad.length) throw new AppError("RULE_VIOLATION", { details: bad });
  const kept = new Set(input.recipients.map((r) => r.id));
  const removed = existing.filter((r) => !kept.has(r.id));
  if (removed.length)
    await tx.delete(decisionRecipients).where(
      inArray(
        decisionRecipients.id,
        removed.map((r) => r.id),
      ),
    );
  const changes: Record<string, unknown>[] = [];
  for (const [i, r] of input.recipients.entries()) {
    const old = byId.get(r.id);
    const next = {
      position: i + 1,
      name: cleanText(r.name),
      unitLabel: cleanText(r.unitLabel),
      achievement: cleanMultiline(r.achievement),
    };
    if (
      old &&
      old.position === next.position &&
      old.name === next.name &&
      old.unitLabel === next.unitLabel &&
      old.achievement === next.achievement
    )
      continue;
    await tx.update(decisionRecipients).set(next).where(eq(decisionRecipients.id, r.id));
    if (old && (old.name !== next.name || old.unitLabel !== next.unitLabel))
      changes.push({ id: r.id, before: { name: old.name, unitLabel: old.unitLabel }, after: next });
  }
  await recordAudit(tx, ctx, {
    event: "commendation_decision.update",
    entityId: current.id,
    unitId: current.unitId,
    before: { recipients: existing.length },
    after: {
      recipients: input.recipients.length,
      removed: removed.map((r) => ({ id: r.id, name: r.name })),
      renamed: changes,
    },
  });
  return after;
}
