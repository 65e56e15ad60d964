import { and, count, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { people } from "../../people/schema.ts";
import { type UnitRow, units } from "../schema.ts";
import { closeUnit, logEvent } from "./shared.ts";

/** Closes a unit that has no active children and no active people left. */
export async function dissolveUnit(input: { tx: Executor; ctx: Ctx; unit: UnitRow; on: string }) {
  const { tx, ctx, unit, on } = input;
  const [children] = await tx
    .select({ n: count() })
    .from(units)
    .where(and(eq(units.parentId, unit.id), eq(units.status, "active")));
  const [members] = await tx
    .select({ n: count() })
    .from(people)
    .where(and(eq(people.unitId, unit.id), eq(people.status, "active")));
  if ((children?.n ?? 0) > 0 || (members?.n ?? 0) > 0) {
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: `Đơn vị còn ${children?.n ?? 0} đơn vị trực thuộc và ${members?.n ?? 0} đảng viên đang sinh hoạt: hãy chuyển đi trước khi giải thể.`,
        en: `The unit still has ${children?.n ?? 0} active sub-units and ${members?.n ?? 0} active members: move them first.`,
      },
    });
  }
  const closed = await closeUnit(tx, ctx, { unit, status: "dissolved", successor: null, on });
  await logEvent(tx, ctx, unit.id, "dissolved", on, {});
  await recordChange({ tx, ctx }, "unit.dissolve", { id: unit.id, unitId: unit.id }, unit, closed);
  return closed;
}
