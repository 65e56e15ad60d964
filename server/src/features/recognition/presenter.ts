import type { ReviewStepRow } from "./schema.ts";

export function presentSteps(
  steps: { step: ReviewStepRow; fromName: string | null; toName: string | null }[],
) {
  return steps.map(({ step, fromName, toName }) => ({
    action: step.action,
    from: step.fromUnitId && fromName ? { id: step.fromUnitId, name: fromName } : null,
    to: step.toUnitId && toName ? { id: step.toUnitId, name: toName } : null,
    actorName: step.actorName,
    comment: step.comment,
    at: step.at.toISOString(),
  }));
}
