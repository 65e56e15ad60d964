import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { vnToday } from "../../../lib/dates.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../../lib/vietnamese.ts";
import { documentPlace, numberingTerm, partyBodyOf, takeDocumentNumber } from "../../documents/index.ts";
import { applyFigureDeltas, negate } from "../../figures/index.ts";
import { draftContent } from "../defaults.ts";
import { decisionContributions, decisionFacts } from "../figures.ts";
import { entitled, notEntitled } from "../forms.ts";
import {
  type CommendationFormRow,
  commendationDecisions,
  commendationForms,
  commendationProposals,
  type DecisionRow,
  decisionRecipients,
  type ProposalRow,
  proposalRecipients,
} from "../schema.ts";
import { recordStep, type UnitFacts, unitFacts } from "../steps.ts";

/** Where the Central Committee's documents are dated (the only unit without an administrative area). */
const CAPITAL = "Hà Nội";

/**
 * The draft decision of an approved proposal, at the approving unit: its default text, the
 * signing block of the standing committee, and the recipients kept (collectives first, then
 * individuals, each in the proposal's order).
 */
export async function createDecisionDraft(
  tx: Executor,
  ctx: Ctx,
  input: { proposal: ProposalRow; issuer: UnitFacts; form: CommendationFormRow },
) {
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
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
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
  for (let i = 0; i < rows.length; i += 500)
    await tx.insert(decisionRecipients).values(rows.slice(i, i + 500));
  await recordStep(tx, ctx, {
    subjectType: "decision",
    subjectId: row.id,
    action: "approve",
    fromUnitId: input.issuer.id,
    details: { proposalId: p.id, recipients: rows.length },
  });
  return row;
}

const draftOnly = (current: DecisionRow) => {
  if (current.status !== "draft") throw immutable();
};
export const immutable = () =>
  new AppError("STATE_CONFLICT", {
    message: {
      vi: "Quyết định đã ban hành không được sửa hoặc xóa; hãy ban hành quyết định đính chính.",
      en: "An issued decision is never edited or deleted; issue a correcting decision instead.",
    },
  });

/** Edits a draft's text, signer or place; the version read must be current. */
export async function updateDecision(
  tx: Executor,
  ctx: Ctx,
  current: DecisionRow,
  input: {
    version: number;
    summary?: string | undefined;
    preamble?: string | undefined;
    reason?: string | undefined;
    recipientsText?: string | undefined;
    place?: string | null | undefined;
    signer?:
      | { authority?: string | undefined; title?: string | undefined; name?: string | undefined }
      | undefined;
  },
) {
  draftOnly(current);
  const [after] = await tx
    .update(commendationDecisions)
    .set({
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
      version: sql`${commendationDecisions.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(
      and(
        eq(commendationDecisions.id, current.id),
        eq(commendationDecisions.status, "draft"),
        eq(commendationDecisions.version, input.version),
      ),
    )
    .returning();
  if (!after) {
    const [now] = await tx
      .select({ status: commendationDecisions.status })
      .from(commendationDecisions)
      .where(eq(commendationDecisions.id, current.id));
    if (now?.status !== "draft") throw immutable();
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  }
  await recordAudit(tx, ctx, {
    event: "commendation_decision.update",
    entityId: current.id,
    unitId: current.unitId,
    before: current,
    after,
  });
  return after;
}

/**
 * Edits a draft's recipients: the ones kept, in order, with their printed name, unit and
 * achievement (a correction fixes a misspelt name here); the others are removed from the draft.
 */
export async function updateDecisionRecipients(
  tx: Executor,
  ctx: Ctx,
  current: DecisionRow,
  input: {
    version: number;
    recipients: { id: string; name: string; unitLabel: string; achievement: string }[];
  },
) {
  draftOnly(current);
  const [after] = await tx
    .update(commendationDecisions)
    .set({
      version: sql`${commendationDecisions.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(
      and(
        eq(commendationDecisions.id, current.id),
        eq(commendationDecisions.status, "draft"),
        eq(commendationDecisions.version, input.version),
      ),
    )
    .returning();
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

/**
 * Discards a draft: a proposal's draft sends the proposal back to wait at the approving unit (to be
 * reviewed again), a correction's draft leaves the decision it would have corrected as it was.
 */
export async function discardDecision(tx: Executor, ctx: Ctx, current: DecisionRow) {
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
        version: sql`${commendationProposals.version} + 1`,
        updatedAt: new Date(),
        updatedBy: ctx.actor?.userId ?? null,
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
  await recordAudit(tx, ctx, {
    event: "commendation_decision.discard",
    entityId: current.id,
    unitId: current.unitId,
    before: current,
    after: null,
  });
}

/**
 * Issues a draft: checks what the document needs (422 listing each gap) and that the issuing unit's
 * kind may issue the form; takes the next QĐ number of the unit's committee term (the counter row
 * stays locked to the end of the transaction: concurrent issues get consecutive numbers, a rollback
 * gives its number back); keeps the header it prints; counts in the figures. A correction marks the
 * decision it corrects (guarded: 409 if that one was corrected meanwhile) and takes its place in
 * the figures.
 */
export async function issueDecision(
  tx: Executor,
  ctx: Ctx,
  input: { decisionId: string; issuedOn?: string | undefined },
) {
  const [current] = await tx
    .select()
    .from(commendationDecisions)
    .where(eq(commendationDecisions.id, input.decisionId))
    .for("update");
  if (current?.status !== "draft") throw new AppError("STATE_CONFLICT");
  const unit = await unitFacts(tx, current.unitId);
  const [form] = await tx.select().from(commendationForms).where(eq(commendationForms.id, current.formId));
  if (!form) throw new Error("no form");
  if (!entitled(form, unit.kindCode)) throw notEntitled(form.name);
  const issuedOn = input.issuedOn ?? vnToday();
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(decisionRecipients)
    .where(eq(decisionRecipients.decisionId, current.id));
  const problems: { path: string; message: string }[] = [];
  if (!current.summary.trim()) problems.push({ path: "summary", message: "required" });
  if (!current.reason.trim()) problems.push({ path: "reason", message: "required" });
  if (!current.signerAuthority.trim()) problems.push({ path: "signer.authority", message: "required" });
  if (!current.signerTitle.trim()) problems.push({ path: "signer.title", message: "required" });
  if (!current.signerName.trim()) problems.push({ path: "signer.name", message: "required" });
  if (!count?.n) problems.push({ path: "recipients", message: "required" });
  if (!unit.documentCode) problems.push({ path: "unit.documentCode", message: "required" });
  if (issuedOn > vnToday()) problems.push({ path: "body.issuedOn", message: "future" });
  let corrected: DecisionRow | null = null;
  if (current.correctsId) {
    [corrected = null] = await tx
      .select()
      .from(commendationDecisions)
      .where(eq(commendationDecisions.id, current.correctsId))
      .for("update");
    if (corrected?.status !== "issued") throw new AppError("STATE_CONFLICT");
    if (corrected.issuedOn && issuedOn < corrected.issuedOn)
      problems.push({ path: "body.issuedOn", message: "before_corrected" });
  }
  if (problems.length)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Quyết định chưa đủ để ban hành: cần trích yếu, lý do khen thưởng, người ký (thẩm quyền, chức vụ, họ tên), ít nhất một tập thể hoặc cá nhân và ký hiệu văn bản của đơn vị; ngày ban hành không sau hôm nay (quyết định đính chính: không trước quyết định được đính chính).",
        en: "The decision is not ready to issue: it needs a summary, a reason, the signer (authority, title, name), at least one recipient and the unit's document code; the date is not after today (a correction: not before the decision it corrects).",
      },
      details: problems,
    });

  const before = corrected ? await decisionFacts(tx, corrected.id) : null;
  const numberTerm = await numberingTerm(tx, unit.path, issuedOn);
  const number = await takeDocumentNumber(tx, { unitId: unit.id, type: "QĐ", term: numberTerm });
  const place = current.place ?? (await documentPlace(tx, unit.path)) ?? CAPITAL;
  const [after] = await tx
    .update(commendationDecisions)
    .set({
      status: "issued",
      number,
      numberTerm,
      issuerCode: unit.documentCode,
      issuerName: unit.name,
      upperName:
        unit.parentName && unit.parentDepth !== null && unit.parentDepth > 0
          ? partyBodyOf(unit.parentName)
          : null,
      place,
      issuedOn,
      issuedAt: new Date(),
      version: sql`${commendationDecisions.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(commendationDecisions.id, current.id), eq(commendationDecisions.status, "draft")))
    .returning();
  if (!after) throw new AppError("STATE_CONFLICT");
  if (corrected) {
    const [marked] = await tx
      .update(commendationDecisions)
      .set({ status: "corrected", correctedById: after.id, updatedAt: new Date() })
      .where(and(eq(commendationDecisions.id, corrected.id), eq(commendationDecisions.status, "issued")))
      .returning();
    if (!marked) throw new AppError("STATE_CONFLICT");
    await recordStep(tx, ctx, {
      subjectType: "decision",
      subjectId: corrected.id,
      action: "correct",
      fromUnitId: unit.id,
      comment: after.correctionReason,
      details: { correctionId: after.id, number, numberTerm },
    });
  }
  const facts = await decisionFacts(tx, after.id);
  await applyFigureDeltas(tx, [
    ...(before ? negate(decisionContributions(before)) : []),
    ...decisionContributions(facts),
  ]);
  await recordStep(tx, ctx, {
    subjectType: "decision",
    subjectId: after.id,
    action: "issue",
    fromUnitId: unit.id,
    details: { number, numberTerm, issuedOn },
  });
  await recordAudit(tx, ctx, {
    event: "commendation_decision.issue",
    entityId: after.id,
    unitId: after.unitId,
    before: current,
    after,
  });
  return after;
}

/**
 * Starts the correction of an issued decision: a new draft of the issuing unit that copies its
 * text and recipients and references it, with what it corrects and why. The issued decision stays
 * as it is until the correction is issued. One correction at a time (409 otherwise).
 */
export async function correctDecision(
  tx: Executor,
  ctx: Ctx,
  current: DecisionRow,
  input: { reason: string },
) {
  const [locked] = await tx
    .select()
    .from(commendationDecisions)
    .where(eq(commendationDecisions.id, current.id))
    .for("update");
  if (locked?.status !== "issued") throw new AppError("STATE_CONFLICT");
  const [pending] = await tx
    .select({ id: commendationDecisions.id })
    .from(commendationDecisions)
    .where(and(eq(commendationDecisions.correctsId, locked.id), ne(commendationDecisions.id, locked.id)));
  if (pending)
    throw new AppError("STATE_CONFLICT", {
      message: {
        vi: "Quyết định này đã có một quyết định đính chính.",
        en: "This decision already has a correcting decision.",
      },
    });
  const [row] = await tx
    .insert(commendationDecisions)
    .values({
      unitId: locked.unitId,
      correctsId: locked.id,
      formId: locked.formId,
      periodStart: locked.periodStart,
      periodEnd: locked.periodEnd,
      summary: locked.summary,
      preamble: locked.preamble,
      reason: locked.reason,
      correctionReason: cleanMultiline(input.reason),
      recipientsText: locked.recipientsText,
      signerAuthority: locked.signerAuthority,
      signerTitle: locked.signerTitle,
      signerName: locked.signerName,
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
    })
    .returning();
  if (!row) throw new Error("no decision row");
  const recipients = await tx
    .select()
    .from(decisionRecipients)
    .where(eq(decisionRecipients.decisionId, locked.id))
    .orderBy(asc(decisionRecipients.position));
  const copies = recipients.map(({ id: _id, decisionId: _d, ...r }) => ({ ...r, decisionId: row.id }));
  for (let i = 0; i < copies.length; i += 500)
    await tx.insert(decisionRecipients).values(copies.slice(i, i + 500));
  await recordStep(tx, ctx, {
    subjectType: "decision",
    subjectId: row.id,
    action: "correct",
    fromUnitId: locked.unitId,
    comment: input.reason,
    details: { correctsId: locked.id },
  });
  await recordAudit(tx, ctx, {
    event: "commendation_decision.correct",
    entityId: row.id,
    unitId: row.unitId,
    before: null,
    after: { ...row, recipients: copies.length },
  });
  return row;
}
