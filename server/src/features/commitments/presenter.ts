import type { Actor } from "../../lib/auth/actor.ts";
import { allowedActions } from "../../lib/policy.ts";
import { commitmentPolicy } from "./policy.ts";
import type { CommitmentRow, CommitmentTemplateRow } from "./schema.ts";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentCommitment(
  actor: Actor,
  row: { commitment: CommitmentRow; fullName: string; unitName: string; unitPath: string },
  locked: boolean,
) {
  const c = row.commitment;
  return {
    id: c.id,
    personId: c.personId,
    fullName: row.fullName,
    unit: { id: c.unitId, name: row.unitName },
    year: c.year,
    status: c.status,
    study: c.study,
    actions: c.actions,
    targets: c.targets,
    submittedAt: iso(c.submittedAt),
    midYearAssessment: c.midYearAssessment,
    midYearAt: iso(c.midYearAt),
    yearEndAssessment: c.yearEndAssessment,
    yearEndAt: iso(c.yearEndAt),
    reviewComment: c.reviewComment,
    score: c.score,
    reviewedAt: iso(c.reviewedAt),
    locked,
    allowedActions: locked
      ? []
      : allowedActions(actor, commitmentPolicy, { unitPath: row.unitPath, personId: c.personId }),
    version: c.version,
  };
}

export function presentTemplate(t: { template: CommitmentTemplateRow; unitName: string }, unitId: string) {
  return {
    unitId: t.template.unitId,
    unitName: t.unitName,
    year: t.template.year,
    studyPrompt: t.template.studyPrompt,
    actionPrompt: t.template.actionPrompt,
    targets: t.template.targets,
    deadline: t.template.deadline,
    campaignWeight: t.template.campaignWeight,
    version: t.template.version,
    own: t.template.unitId === unitId,
  };
}
