import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import type { EditCommand } from "../../../lib/command.ts";
import { edited } from "../../../lib/command.ts";
import { vnToday } from "../../../lib/dates.ts";
import { isUniqueViolation } from "../../../lib/db-errors.ts";
import { changesNothing } from "../../../lib/edits.ts";
import { AppError } from "../../../lib/errors.ts";
import { applyFigureDeltas, negate } from "../../figures/index.ts";
import { unitContributions } from "../figures.ts";
import { type UnitRow, units } from "../schema.ts";
import { checkUnitFields, codeTaken, derived, logEvent, type UnitFields, unitFacts } from "./shared.ts";

/** Edits a unit's details; the version read must still be current. A new kind re-counts it. */
export async function updateUnit(edit: EditCommand<UnitRow, Partial<UnitFields>>) {
  const { tx, ctx, current, changes: input } = edit;
  if (changesNothing(input, current)) return current;
  checkUnitFields(input);
  const name = input.name ?? current.name;
  const shortName = input.shortName !== undefined ? input.shortName : current.shortName;
  const code = input.code !== undefined ? input.code : current.code;
  const updated = tx
    .update(units)
    .set({
      ...derived(name, shortName, code),
      shortName,
      code,
      ...(input.kindId !== undefined ? { kindId: input.kindId } : {}),
      ...(input.adminAreaCode !== undefined ? { adminAreaCode: input.adminAreaCode } : {}),
      ...(input.documentCode !== undefined ? { documentCode: input.documentCode } : {}),
      ...(input.contact !== undefined ? { contact: input.contact } : {}),
      ...(input.terms !== undefined ? { terms: input.terms } : {}),
      ...(input.activeFrom !== undefined ? { activeFrom: input.activeFrom } : {}),
      ...edited(ctx, units.version),
    })
    .where(and(eq(units.id, current.id), eq(units.version, input.version)))
    .returning();
  const [after] = await updated.catch((error: unknown) => {
    throw isUniqueViolation(error, "units_code_key") ? codeTaken(code) : error;
  });
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  if (after.kindId !== current.kindId || after.activeFrom !== current.activeFrom) {
    await applyFigureDeltas(tx, [
      ...negate(unitContributions(await unitFacts(tx, current))),
      ...unitContributions(await unitFacts(tx, after)),
    ]);
  }
  if (after.name !== current.name) {
    await logEvent(tx, ctx, after.id, "renamed", vnToday(), { from: current.name, to: after.name });
  }
  await recordAudit(tx, ctx, {
    event: "unit.update",
    entityId: after.id,
    unitId: after.id,
    before: current,
    after,
  });
  return after;
}
