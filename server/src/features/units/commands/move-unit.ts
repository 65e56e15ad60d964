import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { recordChange } from "../../../lib/command.ts";
import type { UnitRow } from "../schema.ts";
import { logEvent, reparent } from "./shared.ts";

/** Moves a unit with its subtree under another parent. */
export async function moveUnit(input: {
  tx: Executor;
  ctx: Ctx;
  unit: UnitRow;
  parent: UnitRow;
  on: string;
}) {
  const { tx, ctx, unit, parent } = input;
  if (unit.parentId === parent.id) return unit;
  const moved = await reparent(tx, unit, parent);
  await logEvent(tx, ctx, unit.id, "moved", input.on, { fromParentId: unit.parentId, toParentId: parent.id });
  await recordChange(
    { tx, ctx },
    "unit.move",
    { id: unit.id, unitId: unit.id },
    { parentId: unit.parentId, path: unit.path },
    { parentId: parent.id, path: moved.path },
  );
  return moved;
}
