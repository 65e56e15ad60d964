import type { Executor } from "../../../db/client.ts";
import { newId } from "../../../db/columns.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { authored, recordChange } from "../../../lib/command.ts";
import { vnToday } from "../../../lib/dates.ts";
import { isUniqueViolation } from "../../../lib/db-errors.ts";
import { applyFigureDeltas } from "../../figures/index.ts";
import { unitContributions } from "../figures.ts";
import { units } from "../schema.ts";
import { checkUnitFields, codeTaken, derived, logEvent, type UnitFields, unitFacts } from "./shared.ts";

/** Adds a unit under `parent` (or as the root): path, figures, history and audit. */
export async function createUnit(
  input: UnitFields & {
    tx: Executor;
    ctx: Ctx;
    parent: { id: string; path: string; depth: number } | null;
    /** The unit it was split from, named in its history. */
    splitFromId?: string;
  },
) {
  const { tx, ctx } = input;
  checkUnitFields(input);
  const id = newId();
  const path = `${input.parent?.path ?? "/"}${id}/`;
  const inserted = tx
    .insert(units)
    .values({
      id,
      ...derived(input.name, input.shortName, input.code),
      parentId: input.parent?.id ?? null,
      path,
      depth: input.parent ? input.parent.depth + 1 : 0,
      shortName: input.shortName ?? null,
      code: input.code ?? null,
      kindId: input.kindId ?? null,
      adminAreaCode: input.adminAreaCode ?? null,
      documentCode: input.documentCode ?? null,
      contact: input.contact ?? null,
      terms: input.terms ?? null,
      activeFrom: input.activeFrom ?? null,
      ...authored(ctx),
    })
    .returning();
  const [row] = await inserted.catch((error: unknown) => {
    throw isUniqueViolation(error, "units_code_key") ? codeTaken(input.code) : error;
  });
  if (!row) throw new Error("insert returned no row");
  await applyFigureDeltas(tx, unitContributions(await unitFacts(tx, row)));
  await logEvent(tx, ctx, row.id, "created", row.activeFrom ?? vnToday(), {
    name: row.name,
    ...(input.splitFromId ? { splitFromId: input.splitFromId } : {}),
  });
  await recordChange({ tx, ctx }, "unit.create", { id: row.id, unitId: row.id }, null, row);
  return row;
}
