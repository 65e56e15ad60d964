import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline } from "../../../lib/vietnamese.ts";
import { commitments } from "../schema.ts";
import { type CommitmentStep, checkOpen, refigure } from "./shared.ts";

/** The member's own assessment at mid-year or at the year's end (with the targets' results). */
export async function assessCommitment(
  step: CommitmentStep & {
    period: "mid" | "end";
    text: string;
    results?: string[] | undefined;
    version: number;
  },
) {
  const { tx, ctx, current, cellPath, ...input } = step;
  await checkOpen(tx, cellPath, current.year);
  if (current.status === "draft")
    throw new AppError("STATE_CONFLICT", {
      message: {
        vi: "Hãy nộp bản cam kết trước khi tự đánh giá.",
        en: "Submit the commitment before assessing it.",
      },
    });
  const now = new Date();
  const targets =
    input.period === "end" && input.results
      ? current.targets.map((t, i) => ({
          ...t,
          ...(input.results?.[i] ? { result: cleanMultiline(input.results[i] ?? "") } : {}),
        }))
      : current.targets;
  const [after] = await tx
    .update(commitments)
    .set({
      ...(input.period === "mid"
        ? { midYearAssessment: cleanMultiline(input.text), midYearAt: now }
        : { yearEndAssessment: cleanMultiline(input.text), yearEndAt: now, targets }),
      version: sql`${commitments.version} + 1`,
      updatedAt: now,
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(commitments.id, current.id), eq(commitments.version, input.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await refigure(tx, current, after);
  await recordAudit(tx, ctx, {
    event: "commitment.assess",
    entityId: after.id,
    unitId: after.unitId,
    before: current,
    after,
  });
  return after;
}
