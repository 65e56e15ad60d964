import type { Actor } from "../../lib/auth/actor.ts";
import type { Lang } from "../../lib/errors.ts";
import type { ReviewStatus, ReviewStepRow } from "./schema.ts";

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

/** An item's field, named in the caller's language. */
export const presentField = (
  row: { fieldCode: string; fieldName: string; fieldNameEn: string },
  lang: Lang,
) => ({ code: row.fieldCode, name: lang === "en" ? row.fieldNameEn : row.fieldName });

/** Where an item stands in its review (the contracts' `reviewState`), with its units' names. */
export function presentReviewState(
  actor: Actor,
  item: {
    status: ReviewStatus;
    reviewUnitId: string | null;
    waitingSince: Date | null;
    recognisedUnitId: string | null;
    recognisedLevel: string | null;
    recognisedOn: string | null;
    isPublic: boolean;
  },
  names: { waitingName: string | null; recognisedName: string | null; recognisedKindName: string | null },
) {
  return {
    waitingAt:
      item.reviewUnitId && names.waitingName ? { id: item.reviewUnitId, name: names.waitingName } : null,
    waitingSince: item.waitingSince?.toISOString() ?? null,
    waitingForMe: item.status === "submitted" && item.reviewUnitId === actor.unitId,
    recognisedBy:
      item.recognisedUnitId && names.recognisedName
        ? {
            id: item.recognisedUnitId,
            name: names.recognisedName,
            kindCode: item.recognisedLevel,
            kindName: names.recognisedKindName,
          }
        : null,
    recognisedOn: item.recognisedOn,
    isPublic: item.isPublic,
  };
}
