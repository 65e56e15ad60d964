import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { authored, edited, recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline } from "../../../lib/vietnamese.ts";
import type { UnitRow } from "../../units/schema.ts";
import { type CommitmentTarget, commitments } from "../schema.ts";
import { checkOpen, cleanTargets } from "./shared.ts";

/** A member writes (or rewrites) their yearly commitment while it is a draft. */
export async function saveMyCommitment(input: {
  tx: Executor;
  ctx: Ctx;
  person: { id: string; unitId: string };
  cell: UnitRow;
  year: number;
  study: string;
  actions: string;
  targets: CommitmentTarget[];
  version?: number | undefined;
}) {
  const { tx, ctx } = input;
  await checkOpen(tx, input.cell.path, input.year);
  const fields = {
    study: cleanMultiline(input.study),
    actions: cleanMultiline(input.actions),
    targets: cleanTargets(input.targets),
  };
  const [current] = await tx
    .select()
    .from(commitments)
    .where(and(eq(commitments.personId, input.person.id), eq(commitments.year, input.year)));
  if (!current) {
    const [row] = await tx
      .insert(commitments)
      .values({
        personId: input.person.id,
        unitId: input.cell.id,
        year: input.year,
        ...fields,
        ...authored(ctx),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("VERSION_CONFLICT"); // written at the same moment elsewhere
    await recordChange({ tx, ctx }, "commitment.create", row, null, row);
    return row;
  }
  if (current.status !== "draft")
    throw new AppError("STATE_CONFLICT", {
      message: {
        vi: "Bản cam kết đã nộp: không sửa được nữa; hãy tự đánh giá giữa năm, cuối năm.",
        en: "The commitment was submitted: it can no longer be edited; assess it at mid-year and year end.",
      },
    });
  if (input.version === undefined || input.version !== current.version)
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  const [after] = await tx
    .update(commitments)
    .set({
      ...fields,
      ...edited(ctx, commitments.version),
    })
    .where(
      and(
        eq(commitments.id, current.id),
        eq(commitments.version, current.version),
        eq(commitments.status, "draft"),
      ),
    )
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await recordAudit(tx, ctx, {
    event: "commitment.update",
    entityId: after.id,
    unitId: after.unitId,
    before: current,
    after,
  });
  return after;
}
