import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";
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

const parentUnit = alias(units, "parent_unit");

/** What the workflow needs of a unit: path, kind, parent, and what its documents print. */
export async function unitFacts(db: Executor, unitId: string) {
  const [row] = await db
    .select({
      id: units.id,
      name: units.name,
      path: units.path,
      depth: units.depth,
      status: units.status,
      parentId: units.parentId,
      documentCode: units.documentCode,
      kindCode: unitKinds.code,
      parentName: parentUnit.name,
      parentDepth: parentUnit.depth,
    })
    .from(units)
    .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
    .leftJoin(parentUnit, eq(parentUnit.id, units.parentId))
    .where(eq(units.id, unitId));
  if (!row) throw new AppError("NOT_FOUND");
  return row;
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
