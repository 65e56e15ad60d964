import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline } from "../../../lib/vietnamese.ts";
import { commitments } from "../schema.ts";
import { type CommitmentStep, checkOpen, refigure } from "./shared.ts";

/** The secretary's review: a comment, and at the year's end the score (0–100) of its result. */
export async function reviewCommitment(
  step: CommitmentStep & {
    comment?: string | null | undefined;
    score?: number | null | undefined;
    version: number;
  },
) {
  const { tx, ctx, current, cellPath, ...input } = step;
  await checkOpen(tx, cellPath, current.year);
  const [after] = await tx
    .update(commitments)
    .set({
      status: "reviewed",
      reviewComment: input.comment ? cleanMultiline(input.comment) : current.reviewComment,
      ...(input.score !== undefined ? { score: input.score } : {}),
      reviewedBy: ctx.actor?.userId ?? null,
      reviewedAt: new Date(),
      version: sql`${commitments.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(commitments.id, current.id),
        eq(commitments.version, input.version),
        inArray(commitments.status, ["submitted", "reviewed"]),
      ),
    )
    .returning();
  if (!after) {
    if (current.status === "draft") throw new AppError("STATE_CONFLICT");
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  }
  await refigure(tx, current, after);
  await recordAudit(tx, ctx, {
    event: "commitment.review",
    entityId: after.id,
    unitId: after.unitId,
    before: current,
    after,
  });
  return after;
}
