import { and, eq, sql } from "drizzle-orm";
import { recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { commitments } from "../schema.ts";
import { type CommitmentStep, checkOpen, refigure } from "./shared.ts";

/** Submits a draft commitment to the cell. */
export async function submitCommitment({ tx, ctx, current, cellPath }: CommitmentStep) {
  await checkOpen(tx, cellPath, current.year);
  const [after] = await tx
    .update(commitments)
    .set({
      status: "submitted",
      submittedAt: new Date(),
      version: sql`${commitments.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(commitments.id, current.id), eq(commitments.status, "draft")))
    .returning();
  if (!after) throw new AppError("STATE_CONFLICT");
  await refigure(tx, current, after);
  await recordChange(
    { tx, ctx },
    "commitment.submit",
    after,
    { status: current.status },
    { status: after.status },
  );
  return after;
}
