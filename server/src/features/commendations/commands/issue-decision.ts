import { and, eq, sql } from "drizzle-orm";
import { type CommandContext, edited, recordChange } from "../../../lib/command.ts";
import { vnToday } from "../../../lib/dates.ts";
import { AppError } from "../../../lib/errors.ts";
import { issuedHeader, upperBodyOf } from "../../documents/index.ts";
import { applyFigureDeltas, negate } from "../../figures/index.ts";
import { decisionContributions, decisionFacts } from "../figures.ts";
import { entitled, notEntitled } from "../forms.ts";
import { commendationDecisions, commendationForms, type DecisionRow, decisionRecipients } from "../schema.ts";
import { recordStep, unitFacts } from "../steps.ts";

export interface IssueDecisionInput extends CommandContext {
  decisionId: string;
  issuedOn?: string | undefined;
}

/**
 * Issues a draft: checks what the document needs (422 listing each gap) and that the issuing unit's
 * kind may issue the form; takes the next QĐ number of the unit's committee term (the counter row
 * stays locked to the end of the transaction: concurrent issues get consecutive numbers, a rollback
 * gives its number back); keeps the header it prints; counts in the figures. A correction marks the
 * decision it corrects (guarded: 409 if that one was corrected meanwhile) and takes its place in
 * the figures.
 */
export async function issueDecision({ tx, ctx, ...input }: IssueDecisionInput) {
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
  const header = await issuedHeader(tx, {
    unit,
    upperName: upperBodyOf(unit),
    type: "QĐ",
    issuedOn,
    place: current.place,
  });
  const { number, numberTerm } = header;
  const [after] = await tx
    .update(commendationDecisions)
    .set({
      ...header,
      ...edited(ctx, commendationDecisions.version),
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
  await recordChange({ tx, ctx }, "commendation_decision.issue", after, current, after);
  return after;
}
