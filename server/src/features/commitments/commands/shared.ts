import type { Executor } from "../../../db/client.ts";
import type { CommandContext } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../../lib/vietnamese.ts";
import { applyFigureDeltas, negate } from "../../figures/index.ts";
import { commitmentContributions } from "../figures.ts";
import { isLocked } from "../queries.ts";
import type { CommitmentRow, CommitmentTarget } from "../schema.ts";

export const yearClosed = () =>
  new AppError("STATE_CONFLICT", {
    message: {
      vi: "Năm này đã khóa sổ: chỉ sửa được bằng một lần điều chỉnh có ghi lý do.",
      en: "This year is closed: only a recorded correction can change it.",
    },
  });
export async function checkOpen(tx: Executor, unitPath: string, year: number) {
  if (await isLocked(tx, unitPath, year)) throw yearClosed();
}

export const cleanTargets = (targets: CommitmentTarget[]) =>
  targets.map((t) => ({
    text: cleanText(t.text),
    ...(t.measure ? { measure: cleanText(t.measure) } : {}),
    ...(t.result ? { result: cleanMultiline(t.result) } : {}),
  }));

/** Figures follow a commitment's change: its contributions before and after, in the same transaction. */
export async function refigure(tx: Executor, before: CommitmentRow | null, after: CommitmentRow) {
  await applyFigureDeltas(tx, [
    ...(before ? negate(commitmentContributions(before)) : []),
    ...commitmentContributions(after),
  ]);
}

/** What a step on a member's commitment acts on: the commitment read, and its cell's path. */
export interface CommitmentStep extends CommandContext {
  current: CommitmentRow;
  cellPath: string;
}
