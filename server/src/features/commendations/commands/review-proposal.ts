import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import type { CommandContext } from "../../../lib/command.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import type { ReviewBody } from "../contracts.ts";
import { checkRecipientKinds, effectiveForm, entitled, notEntitled } from "../forms.ts";
import { commendationForms, commendationProposals, type ProposalRow, proposalRecipients } from "../schema.ts";
import { recordStep, unitFacts } from "../steps.ts";
import { createDecisionDraft } from "./create-decision-draft.ts";
import { activeCount, guardedMove, keptKinds } from "./proposal-guards.ts";

export interface ReviewProposalInput extends CommandContext {
  current: ProposalRow;
  reviewUnitId: string;
  body: ReviewBody;
}

/**
 * A review step of the unit the proposal waits at (guarded: 409 when it no longer waits there):
 * forward (a unit not entitled to the form), return with a comment, trim recipients (each with a
 * reason, kept), raise to a higher form (forwarded further up), or approve (an entitled unit),
 * which drafts the decision with the recipients kept.
 */
export async function reviewProposal({ tx, ctx, current, ...input }: ReviewProposalInput) {
  const waitingHere = and(
    eq(commendationProposals.status, "submitted"),
    eq(commendationProposals.reviewUnitId, input.reviewUnitId),
  );
  const body = input.body;
  const comment = body.comment ?? null;
  const reviewer = await unitFacts(tx, input.reviewUnitId);
  const [form] = await tx.select().from(commendationForms).where(eq(commendationForms.id, current.formId));
  if (!form) throw new Error("no form");
  // The reviewing unit decides under the definition of the form that applies to it.
  const applies = await effectiveForm(tx, reviewer.path, form.code);
  const mayIssue = !!applies && entitled(applies, reviewer.kindCode);
  const step = (action: "forward" | "return" | "trim" | "raise" | "approve", extra: object = {}) => ({
    subjectType: "proposal" as const,
    subjectId: current.id,
    action,
    fromUnitId: reviewer.id,
    comment,
    ...extra,
  });
  const audit = (event: `commendation_proposal.${typeof body.action}`, after: Record<string, unknown>) =>
    recordAudit(tx, ctx, {
      event,
      entityId: current.id,
      unitId: current.unitId,
      before: { status: current.status, reviewUnitId: current.reviewUnitId, formId: current.formId },
      after: { ...after, ...(comment ? { comment } : {}) },
    });

  switch (body.action) {
    case "forward": {
      await guardedMove(tx, ctx, current.id, waitingHere, {
        reviewUnitId: reviewer.parentId,
        waitingSince: new Date(),
      });
      if (mayIssue)
        throw ruleViolation("body.action", "entitled", {
          vi: "Đơn vị có thẩm quyền ban hành hình thức này: hãy duyệt, loại bớt, trả lại hoặc đề nghị hình thức cao hơn.",
          en: "This unit may issue the form: approve, trim, return, or raise it to a higher form.",
        });
      if (!reviewer.parentId) throw noUpperUnit();
      await recordStep(tx, ctx, step("forward", { toUnitId: reviewer.parentId }));
      await audit("commendation_proposal.forward", { status: "submitted", reviewUnitId: reviewer.parentId });
      return;
    }
    case "return": {
      await guardedMove(tx, ctx, current.id, waitingHere, {
        status: "returned",
        reviewUnitId: null,
        waitingSince: null,
      });
      await recordStep(tx, ctx, step("return", { toUnitId: current.unitId }));
      await audit("commendation_proposal.return", { status: "returned", reviewUnitId: null });
      return;
    }
    case "trim": {
      await guardedMove(tx, ctx, current.id, waitingHere, {});
      const ids = [...new Set(body.recipients.map((r) => r.id))];
      const rows = await tx
        .select({
          id: proposalRecipients.id,
          status: proposalRecipients.status,
          name: proposalRecipients.name,
        })
        .from(proposalRecipients)
        .where(and(eq(proposalRecipients.proposalId, current.id), inArray(proposalRecipients.id, ids)));
      const known = new Map(rows.map((r) => [r.id, r]));
      const bad = body.recipients
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => known.get(r.id)?.status !== "proposed")
        .map(({ i }) => ({ path: `body.recipients.${i}.id`, message: "unknown" }));
      if (bad.length) throw new AppError("RULE_VIOLATION", { details: bad });
      const remaining = (await activeCount(tx, current.id)) - ids.length;
      if (remaining < 1)
        throw ruleViolation("body.recipients", "all", {
          vi: "Không loại hết danh sách: hãy trả lại đề nghị kèm ý kiến.",
          en: "Do not trim everyone: return the proposal with a comment instead.",
        });
      const at = new Date();
      for (const r of body.recipients)
        await tx
          .update(proposalRecipients)
          .set({
            status: "trimmed",
            trimReason: cleanText(r.reason),
            trimmedAt: at,
            trimmedUnitId: reviewer.id,
            trimmedBy: ctx.actor?.displayName ?? null,
          })
          .where(and(eq(proposalRecipients.id, r.id), eq(proposalRecipients.status, "proposed")));
      const trimmed = body.recipients.map((r) => ({
        id: r.id,
        name: known.get(r.id)?.name ?? "",
        reason: cleanText(r.reason),
      }));
      await recordStep(tx, ctx, step("trim", { details: { recipients: trimmed } }));
      await audit("commendation_proposal.trim", { trimmed });
      return;
    }
    case "raise": {
      const [target] = await tx.select().from(commendationForms).where(eq(commendationForms.id, body.formId));
      const targetApplies = target ? await effectiveForm(tx, reviewer.path, target.code) : null;
      const baseRank = applies?.rank ?? form.rank;
      if (!target || !targetApplies || targetApplies.id !== target.id || target.rank <= baseRank)
        throw ruleViolation("body.formId", "not_higher", {
          vi: "Chỉ đề nghị lên một hình thức cao hơn trong danh mục.",
          en: "Raise to a higher form of the catalogue.",
        });
      if (!reviewer.parentId) throw noUpperUnit();
      checkRecipientKinds(target, await keptKinds(tx, current.id));
      await guardedMove(tx, ctx, current.id, waitingHere, {
        formId: target.id,
        reviewUnitId: reviewer.parentId,
        waitingSince: new Date(),
      });
      await recordStep(
        tx,
        ctx,
        step("raise", {
          toUnitId: reviewer.parentId,
          details: {
            from: { code: form.code, name: form.name },
            to: { code: target.code, name: target.name },
          },
        }),
      );
      await audit("commendation_proposal.raise", { formId: target.id, reviewUnitId: reviewer.parentId });
      return;
    }
    case "approve": {
      const row = await guardedMove(tx, ctx, current.id, waitingHere, {
        status: "approved",
        reviewUnitId: null,
        waitingSince: null,
        approvedUnitId: reviewer.id,
        approvedAt: new Date(),
      });
      if (!mayIssue || !applies) throw notEntitled(form.name);
      const decision = await createDecisionDraft({ tx, ctx, proposal: row, issuer: reviewer, form: applies });
      await recordStep(tx, ctx, step("approve", { details: { decisionId: decision.id } }));
      await audit("commendation_proposal.approve", { status: "approved", decisionId: decision.id });
      return decision;
    }
  }
}

const noUpperUnit = () =>
  new AppError("RULE_VIOLATION", {
    message: { vi: "Không có cấp trên để chuyển lên.", en: "There is no upper unit to forward to." },
  });
