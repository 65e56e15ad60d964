import type { Actor } from "../../lib/auth/actor.ts";
import type { Lang } from "../../lib/errors.ts";
import { allowedActions, inSubtree } from "../../lib/policy.ts";
import { pathIds } from "../figures/index.ts";
import { decisionSymbol, recipientCertificateUrl } from "./documents.ts";
import type { FormWithOwner } from "./forms.ts";
import {
  type DecisionObject,
  decisionPolicy,
  formPolicy,
  type ProposalObject,
  proposalPolicy,
} from "./policy.ts";
import type {
  DecisionListRow,
  DecisionRecipientListRow,
  HistoryRow,
  ProposalListRow,
  ProposalRecipientListRow,
  StepListRow,
} from "./queries.ts";
import type { RecipientLink } from "./schema.ts";

/** National forms belong to the root: only a root administrator edits them. */
export const formObject = (actor: Actor, row: FormWithOwner) => ({
  unitPath: row.ownerPath ?? `/${pathIds(actor.unitPath)[0]}/`,
});

export function presentForm(
  actor: Actor,
  row: FormWithOwner,
  lang: Lang,
  entitled: boolean,
  issuer: { id: string; name: string } | null = null,
) {
  const f = row.form;
  return {
    id: f.id,
    code: f.code,
    name: lang === "en" ? f.nameEn : f.name,
    nameVi: f.name,
    nameEn: f.nameEn,
    rank: f.rank,
    issuerKinds: f.issuerKinds,
    recipientKinds: f.recipientKinds,
    active: f.active,
    unit: f.unitId && row.ownerName ? { id: f.unitId, name: row.ownerName } : null,
    entitled,
    issuer,
    allowedActions: allowedActions(actor, formPolicy, formObject(actor, row)),
    version: f.version,
  };
}

const formRef = (
  f: { id: string; code: string; name: string; nameEn: string; rank: number },
  lang: Lang,
) => ({
  id: f.id,
  code: f.code,
  name: lang === "en" ? f.nameEn : f.name,
  rank: f.rank,
});

export const proposalObject = (row: ProposalListRow): ProposalObject => ({
  unitPath: row.unitPath,
  status: row.proposal.status,
  reviewUnitPath: row.waitingPath,
  approvedUnitPath: row.approvedPath,
});

export function presentProposalItem(actor: Actor, row: ProposalListRow, lang: Lang) {
  const p = row.proposal;
  return {
    id: p.id,
    title: p.title,
    unit: { id: p.unitId, name: row.unitName },
    form: formRef(row.form, lang),
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    status: p.status,
    waitingAt: p.reviewUnitId && row.waitingName ? { id: p.reviewUnitId, name: row.waitingName } : null,
    waitingSince: p.waitingSince?.toISOString() ?? null,
    waitingForMe: p.status === "submitted" && p.reviewUnitId === actor.unitId,
    approvedBy:
      p.approvedUnitId && row.approvedName ? { id: p.approvedUnitId, name: row.approvedName } : null,
    decision:
      row.decisionId && row.decisionStatus
        ? {
            id: row.decisionId,
            status: row.decisionStatus,
            symbol: decisionSymbol({ number: row.decisionNumber, issuerCode: row.decisionIssuerCode }),
          }
        : null,
    recipientCount: Number(row.recipientCount),
    collectiveCount: Number(row.collectiveCount),
    individualCount: Number(row.individualCount),
    trimmedCount: Number(row.trimmedCount),
    allowedActions: allowedActions(actor, proposalPolicy, proposalObject(row)),
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  };
}

type Titles = Map<string, string>;
const presentLinks = (links: RecipientLink[], titles: Titles) =>
  links.map((l) => ({ type: l.type, id: l.id, title: titles.get(`${l.type}:${l.id}`) ?? "" }));

/** What a proposal's recipient and a decision's print alike. */
const presentRecipient = (row: ProposalRecipientListRow | DecisionRecipientListRow, titles: Titles) => {
  const r = row.recipient;
  return {
    id: r.id,
    position: r.position,
    kind: r.kind,
    name: r.name,
    unitLabel: r.unitLabel,
    unit: { id: r.unitId, name: row.unitName },
    subjectUnitId: r.subjectUnitId,
    personId: r.personId,
    achievement: r.achievement,
    links: presentLinks(r.links, titles),
  };
};

export function presentProposalRecipient(row: ProposalRecipientListRow, titles: Titles) {
  const r = row.recipient;
  return {
    ...presentRecipient(row, titles),
    status: r.status,
    trimReason: r.trimReason,
    trimmedBy: r.trimmedBy,
    trimmedAt: r.trimmedAt?.toISOString() ?? null,
    trimmedUnit:
      r.trimmedUnitId && row.trimmedUnitName ? { id: r.trimmedUnitId, name: row.trimmedUnitName } : null,
  };
}

export function presentDecisionRecipient(row: DecisionRecipientListRow, titles: Titles, issued: boolean) {
  const r = row.recipient;
  return {
    ...presentRecipient(row, titles),
    certificateUrl: issued ? recipientCertificateUrl(r.decisionId, r.id) : null,
  };
}

export function presentSteps(steps: StepListRow[]) {
  return steps.map(({ step, fromName, toName }) => ({
    action: step.action,
    from: step.fromUnitId && fromName ? { id: step.fromUnitId, name: fromName } : null,
    to: step.toUnitId && toName ? { id: step.toUnitId, name: toName } : null,
    actorName: step.actorName,
    comment: step.comment,
    details: step.details ?? null,
    at: step.at.toISOString(),
  }));
}

export const decisionObject = (actor: Actor, row: DecisionListRow): DecisionObject => ({
  unitPath: row.unitPath,
  unitId: row.decision.unitId,
  status: row.decision.status,
  recipientInScope: Boolean(row.recipientInScope) || inSubtree(actor, row.unitPath),
  hasCorrection: !!row.correction?.id,
});

const ref = (r: {
  id: string | null;
  number: number | null;
  issuerCode: string | null;
  status: string | null;
}) =>
  r.id && r.status
    ? { id: r.id, symbol: decisionSymbol(r), status: r.status as "draft" | "issued" | "corrected" }
    : null;

export function presentDecisionItem(actor: Actor, row: DecisionListRow, lang: Lang) {
  const d = row.decision;
  return {
    id: d.id,
    status: d.status,
    symbol: decisionSymbol(d),
    number: d.number,
    issuedOn: d.issuedOn,
    unit: { id: d.unitId, name: row.unitName },
    form: formRef(row.form, lang),
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    summary: d.summary,
    signer: { authority: d.signerAuthority, title: d.signerTitle, name: d.signerName },
    recipientCount: Number(row.recipientCount),
    collectiveCount: Number(row.collectiveCount),
    individualCount: Number(row.individualCount),
    proposalId: d.proposalId,
    corrects: row.previous ? ref(row.previous) : null,
    // A correction still in draft is the issuing side's business.
    correctedBy:
      row.correction && (row.correction.status !== "draft" || inSubtree(actor, row.unitPath))
        ? ref(row.correction)
        : null,
    allowedActions: allowedActions(actor, decisionPolicy, decisionObject(actor, row)),
    updatedAt: d.updatedAt.toISOString(),
    version: d.version,
  };
}

export function presentHistory(row: HistoryRow, titles: Titles, lang: Lang) {
  const r = row.recipient;
  const d = row.decision;
  return {
    recipientId: r.id,
    kind: r.kind,
    name: r.name,
    unitLabel: r.unitLabel,
    achievement: r.achievement,
    links: presentLinks(r.links, titles),
    decision: {
      id: d.id,
      status: d.status,
      symbol: decisionSymbol(d),
      issuedOn: d.issuedOn,
      unit: { id: d.unitId, name: row.unitName },
      form: formRef(row.form, lang),
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
    },
    certificateUrl: recipientCertificateUrl(d.id, r.id),
  };
}
