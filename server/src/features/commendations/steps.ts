import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { issuingUnit } from "../documents/index.ts";
import { pathIds } from "../figures/index.ts";
import { unitKinds, units } from "../units/schema.ts";
import { commendationSteps, type StepAction } from "./schema.ts";

/** Records one step of a proposal or a decision, in the caller's transaction. */
export async function recordStep(
  tx: Executor,
  ctx: Ctx,
  step: {
    subjectType: "proposal" | "decision";
    subjectId: string;
    action: StepAction;
    fromUnitId?: string | null;
    toUnitId?: string | null;
    comment?: string | null;
    details?: Record<string, unknown> | null;
  },
) {
  await tx.insert(commendationSteps).values({
    subjectType: step.subjectType,
    subjectId: step.subjectId,
    action: step.action,
    fromUnitId: step.fromUnitId ?? null,
    toUnitId: step.toUnitId ?? null,
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.displayName ?? null,
    comment: step.comment?.trim() ? step.comment.trim() : null,
    details: step.details ?? null,
  });
}

/** What the workflow needs of a unit: path, kind, parent, and what its documents print. */
export async function unitFacts(db: Executor, unitId: string) {
  const row = await issuingUnit(db, unitId);
  if (!row) throw new AppError("NOT_FOUND");
  const { unit } = row;
  return {
    id: unit.id,
    name: unit.name,
    path: unit.path,
    depth: unit.depth,
    status: unit.status,
    parentId: unit.parentId,
    documentCode: unit.documentCode,
    kindCode: row.kindCode,
    parentName: row.parentName,
    parentDepth: row.parentDepth,
  };
}
export type UnitFacts = Awaited<ReturnType<typeof unitFacts>>;

/** The units above one, nearest first, with their kinds. */
export async function ancestorsOf(db: Executor, unitPath: string) {
  const ids = pathIds(unitPath).slice(0, -1);
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: units.id,
      name: units.name,
      path: units.path,
      depth: units.depth,
      kindCode: unitKinds.code,
    })
    .from(units)
    .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
    .where(inArray(units.id, ids))
    .orderBy(asc(units.depth));
  return rows.reverse();
}
