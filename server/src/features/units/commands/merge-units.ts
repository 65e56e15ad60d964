import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { recordChange } from "../../../lib/command.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { moveMembers } from "../reorganisation.ts";
import { type UnitRow, units } from "../schema.ts";
import { closeUnit, logEvent, reparent } from "./shared.ts";

/** The rules of a merge, checked before a preview too. */
export function checkMerge(sources: UnitRow[], target: UnitRow) {
  for (const source of sources) {
    if (source.id === target.id) throw ruleViolation("body.sourceIds", "target");
    if (source.status !== "active") throw new AppError("STATE_CONFLICT");
    if (target.path.startsWith(source.path)) {
      throw ruleViolation("body.targetId", "inside", {
        vi: "Đơn vị hợp nhất vào không được nằm trong đơn vị bị hợp nhất.",
        en: "The target cannot lie inside a merged unit.",
      });
    }
  }
}

/**
 * Merges `sources` into `target`: each source moves under the target and closes as "merged"
 * (its records stay linked to it and so count in the target's figures, for every period); its
 * children and active people move into the target.
 */
export async function mergeUnits(input: {
  tx: Executor;
  ctx: Ctx;
  sources: UnitRow[];
  target: UnitRow;
  on: string;
}) {
  const { tx, ctx, target, on } = input;
  let movedUnits = 0;
  let movedPeople = 0;
  checkMerge(input.sources, target);
  for (const source of input.sources) {
    // Children first: the source then moves alone, so no deep subtree changes level.
    const children = await tx.select().from(units).where(eq(units.parentId, source.id));
    for (const child of children) {
      await reparent(tx, child, target);
      movedUnits += 1;
    }
    movedPeople += await moveMembers(tx, ctx, { from: source, to: target, on, reason: "merge" });
    await reparent(tx, source, target);
    await closeUnit(tx, ctx, { unit: source, status: "merged", successor: target, on });
    await logEvent(tx, ctx, source.id, "merged", on, { successorId: target.id });
    await recordChange(
      { tx, ctx },
      "unit.merge",
      { id: source.id, unitId: target.id },
      { status: source.status, parentId: source.parentId },
      { status: "merged", parentId: target.id, successorId: target.id },
    );
  }
  return { target, movedUnits, movedPeople };
}
