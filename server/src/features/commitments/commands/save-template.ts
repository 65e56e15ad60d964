import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { edited, recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline } from "../../../lib/vietnamese.ts";
import type { UnitRow } from "../../units/schema.ts";
import { type CommitmentTarget, commitmentTemplates } from "../schema.ts";
import { cleanTargets } from "./shared.ts";

/** A unit's template for its members' commitments of a year (created or edited with its version). */
export async function saveTemplate(input: {
  tx: Executor;
  ctx: Ctx;
  unit: UnitRow;
  year: number;
  studyPrompt: string;
  actionPrompt: string;
  targets: CommitmentTarget[];
  deadline?: string | null | undefined;
  campaignWeight: number;
  version?: number | undefined;
}) {
  const { tx, ctx } = input;
  const fields = {
    studyPrompt: cleanMultiline(input.studyPrompt),
    actionPrompt: cleanMultiline(input.actionPrompt),
    targets: cleanTargets(input.targets),
    deadline: input.deadline ?? null,
    campaignWeight: input.campaignWeight,
  };
  const [current] = await tx
    .select()
    .from(commitmentTemplates)
    .where(and(eq(commitmentTemplates.unitId, input.unit.id), eq(commitmentTemplates.year, input.year)));
  if (!current) {
    const [row] = await tx
      .insert(commitmentTemplates)
      .values({ unitId: input.unit.id, year: input.year, ...fields, createdBy: ctx.actor?.userId ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("VERSION_CONFLICT");
    await recordChange({ tx, ctx }, "commitment.template", row, null, row);
    return row;
  }
  const [after] = await tx
    .update(commitmentTemplates)
    .set({
      ...fields,
      ...edited(ctx, commitmentTemplates.version),
    })
    .where(and(eq(commitmentTemplates.id, current.id), eq(commitmentTemplates.version, input.version ?? -1)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await recordAudit(tx, ctx, {
    event: "commitment.template",
    entityId: after.id,
    unitId: after.unitId,
    before: current,
    after,
  });
  return after;
}
