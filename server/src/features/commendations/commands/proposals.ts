import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { changesNothing } from "../../../lib/edits.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../../lib/vietnamese.ts";
import { pathIds } from "../../figures/index.ts";
import type { RecipientInput, ReviewBody } from "../contracts.ts";
import { checkPeriod } from "../defaults.ts";
import { checkRecipientKinds, effectiveForm, entitled, notEntitled } from "../forms.ts";
import { type PreparedRecipient, prepareRecipients } from "../recipients.ts";
import {
  type CommendationFormRow,
  commendationForms,
  commendationProposals,
  type ProposalRow,
  proposalRecipients,
} from "../schema.ts";
import { recordStep, unitFacts } from "../steps.ts";
import { createDecisionDraft } from "./decisions.ts";

async function insertRecipients(tx: Executor, proposalId: string, prepared: PreparedRecipient[]) {
  const rows = prepared.map((r, i) => ({ ...r, proposalId, position: i + 1 }));
  for (let i = 0; i < rows.length; i += 500)
    await tx.insert(proposalRecipients).values(rows.slice(i, i + 500));
}

/** The form a proposing unit chooses: one of its catalogue (the definition that applies to it). */
export async function formForProposal(tx: Executor, unitPath: string, formId: string) {
  const [chosen] = await tx.select().from(commendationForms).where(eq(commendationForms.id, formId));
  const applies = chosen ? await effectiveForm(tx, unitPath, chosen.code) : null;
  if (!chosen || !applies || applies.id !== chosen.id)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Hình thức khen thưởng không có trong danh mục áp dụng cho đơn vị.",
        en: "This form is not in the unit's catalogue.",
      },
      details: [{ path: "body.formId", message: "unknown" }],
    });
  return chosen;
}

/** A unit proposes recipients of its subtree for a form and a period, as a draft. */
export async function createProposal(
  tx: Executor,
  ctx: Ctx,
  input: {
    unit: { id: string; path: string };
    form: CommendationFormRow;
    periodStart: number;
    periodEnd: number;
    title: string;
    reason: string;
    recipients: RecipientInput[];
  },
) {
  checkPeriod(input.periodStart, input.periodEnd);
  const prepared = await prepareRecipients(tx, input.unit, input.recipients);
  checkRecipientKinds(
    input.form,
    prepared.map((r) => r.kind),
  );
  const [row] = await tx
    .insert(commendationProposals)
    .values({
      unitId: input.unit.id,
      formId: input.form.id,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      title: cleanText(input.title),
      reason: cleanMultiline(input.reason),
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
    })
    .returning();
  if (!row) throw new Error("no proposal row");
  await insertRecipients(tx, row.id, prepared);
  await recordAudit(tx, ctx, {
    event: "commendation_proposal.create",
    entityId: row.id,
    unitId: row.unitId,
    before: null,
    after: { ...row, recipients: prepared.length },
  });
  return row;
}

/** Edits a draft or returned proposal (the recipients as a whole list); the version read must be current. */
export async function updateProposal(
  tx: Executor,
  ctx: Ctx,
  current: ProposalRow & { unitPath: string },
  input: {
    version: number;
    form?: CommendationFormRow | undefined;
    periodStart?: number | undefined;
    periodEnd?: number | undefined;
    title?: string | undefined;
    reason?: string | undefined;
    recipients?: RecipientInput[] | undefined;
  },
) {
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
      version: sql`${commendationProposals.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
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
  await recordAudit(tx, ctx, {
    event: "commendation_proposal.update",
    entityId: current.id,
    unitId: current.unitId,
    before: current,
    after: { ...after, ...(prepared ? { recipients: prepared.length } : {}) },
  });
  return after;
}

/** The proposal's row moved by a guarded update: 409 when it is no longer in the expected state. */
async function guardedMove(
  tx: Executor,
  ctx: Ctx,
  id: string,
  guard: ReturnType<typeof and>,
  set: Partial<typeof commendationProposals.$inferInsert>,
) {
  const [row] = await tx
    .update(commendationProposals)
    .set({
      ...set,
      version: sql`${commendationProposals.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(commendationProposals.id, id), guard))
    .returning();
  if (!row) throw new AppError("STATE_CONFLICT");
  return row;
}

const activeCount = async (tx: Executor, proposalId: string) =>
  tx.$count(
    proposalRecipients,
    and(eq(proposalRecipients.proposalId, proposalId), eq(proposalRecipients.status, "proposed")),
  );

/** Sends a draft or returned proposal up the chain: to the parent, or to a unit above it. */
export async function submitProposal(
  tx: Executor,
  ctx: Ctx,
  current: ProposalRow & { unitPath: string },
  input: { toUnitId?: string | undefined; comment: string | null },
) {
  const unit = await unitFacts(tx, current.unitId);
  const above = pathIds(current.unitPath).slice(0, -1);
  const to = input.toUnitId ?? unit.parentId;
  if (!to || !above.includes(to))
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Chỉ gửi đề nghị lên một cấp ủy cấp trên của đơn vị.",
        en: "A proposal goes to a unit above the proposing unit.",
      },
      details: [{ path: "body.toUnitId", message: "not_above" }],
    });
  const before = current.status;
  const row = await guardedMove(
    tx,
    ctx,
    current.id,
    inArray(commendationProposals.status, ["draft", "returned"]),
    {
      status: "submitted",
      reviewUnitId: to,
      waitingSince: new Date(),
    },
  );
  if (!(await activeCount(tx, current.id)))
    throw new AppError("RULE_VIOLATION", {
      message: { vi: "Đề nghị chưa có tập thể, cá nhân nào.", en: "The proposal names no one yet." },
      details: [{ path: "recipients", message: "required" }],
    });
  await recordStep(tx, ctx, {
    subjectType: "proposal",
    subjectId: current.id,
    action: "submit",
    fromUnitId: current.unitId,
    toUnitId: to,
    comment: input.comment,
  });
  await recordAudit(tx, ctx, {
    event: "commendation_proposal.submit",
    entityId: current.id,
    unitId: current.unitId,
    before: { status: before, reviewUnitId: current.reviewUnitId },
    after: {
      status: row.status,
      reviewUnitId: row.reviewUnitId,
      ...(input.comment ? { comment: input.comment } : {}),
    },
  });
  return row;
}

/**
 * A review step of the unit the proposal waits at (guarded: 409 when it no longer waits there):
 * forward (a unit not entitled to the form), return with a comment, trim recipients (each with a
 * reason, kept), raise to a higher form (forwarded further up), or approve (an entitled unit),
 * which drafts the decision with the recipients kept.
 */
export async function reviewProposal(
  tx: Executor,
  ctx: Ctx,
  current: ProposalRow,
  input: { reviewUnitId: string; body: ReviewBody },
) {
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
        throw new AppError("RULE_VIOLATION", {
          message: {
            vi: "Đơn vị có thẩm quyền ban hành hình thức này: hãy duyệt, loại bớt, trả lại hoặc đề nghị hình thức cao hơn.",
            en: "This unit may issue the form: approve, trim, return, or raise it to a higher form.",
          },
          details: [{ path: "body.action", message: "entitled" }],
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
        throw new AppError("RULE_VIOLATION", {
          message: {
            vi: "Không loại hết danh sách: hãy trả lại đề nghị kèm ý kiến.",
            en: "Do not trim everyone: return the proposal with a comment instead.",
          },
          details: [{ path: "body.recipients", message: "all" }],
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
        throw new AppError("RULE_VIOLATION", {
          message: {
            vi: "Chỉ đề nghị lên một hình thức cao hơn trong danh mục.",
            en: "Raise to a higher form of the catalogue.",
          },
          details: [{ path: "body.formId", message: "not_higher" }],
        });
      if (!reviewer.parentId) throw noUpperUnit();
      const kinds = await tx
        .select({ kind: proposalRecipients.kind })
        .from(proposalRecipients)
        .where(and(eq(proposalRecipients.proposalId, current.id), eq(proposalRecipients.status, "proposed")));
      checkRecipientKinds(
        target,
        kinds.map((k) => k.kind),
      );
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
      const decision = await createDecisionDraft(tx, ctx, { proposal: row, issuer: reviewer, form: applies });
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
