import { inArray } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import type { CommandContext } from "../../../lib/command.ts";
import { ruleViolation } from "../../../lib/errors.ts";
import { pathIds } from "../../figures/index.ts";
import { commendationProposals, type ProposalRow } from "../schema.ts";
import { recordStep, unitFacts } from "../steps.ts";
import { activeCount, guardedMove } from "./proposal-guards.ts";

export interface SubmitProposalInput extends CommandContext {
  current: ProposalRow & { unitPath: string };
  toUnitId?: string | undefined;
  comment: string | null;
}

/** Sends a draft or returned proposal up the chain: to the parent, or to a unit above it. */
export async function submitProposal({ tx, ctx, current, ...input }: SubmitProposalInput) {
  const unit = await unitFacts(tx, current.unitId);
  const above = pathIds(current.unitPath).slice(0, -1);
  const to = input.toUnitId ?? unit.parentId;
  if (!to || !above.includes(to))
    throw ruleViolation("body.toUnitId", "not_above", {
      vi: "Chỉ gửi đề nghị lên một cấp ủy cấp trên của đơn vị.",
      en: "A proposal goes to a unit above the proposing unit.",
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
    throw ruleViolation("recipients", "required", {
      vi: "Đề nghị chưa có tập thể, cá nhân nào.",
      en: "The proposal names no one yet.",
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
