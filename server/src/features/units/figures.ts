import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { batchesById } from "../../lib/figures.ts";
import { ALWAYS, type FigureDelta } from "../figures/index.ts";
import { unitKinds, units } from "./schema.ts";

export interface UnitFacts {
  id: string;
  kindCode: string | null;
  activeFrom: string | null;
  activeTo: string | null;
}

/** A unit counts as one unit (and one of its kind) from its founding until it closes. */
export function unitContributions(unit: UnitFacts): FigureDelta[] {
  const metrics = ["units.active", ...(unit.kindCode ? [`units.active.kind:${unit.kindCode}`] : [])];
  const deltas: FigureDelta[] = [];
  for (const metric of metrics) {
    deltas.push({ unitId: unit.id, metric, on: unit.activeFrom ?? ALWAYS, delta: 1 });
    if (unit.activeTo) deltas.push({ unitId: unit.id, metric, on: unit.activeTo, delta: -1 });
  }
  return deltas;
}

/** Every unit's contributions, a batch at a time (rebuilding the figures from the records). */
export async function* unitFigureBatches(db: Executor, batchSize = 20_000): AsyncGenerator<FigureDelta[]> {
  const query = () =>
    db
      .select({
        id: units.id,
        kindCode: unitKinds.code,
        activeFrom: units.activeFrom,
        activeTo: units.activeTo,
      })
      .from(units)
      .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
      .$dynamic();
  for await (const rows of batchesById(query, units.id, batchSize)) yield rows.flatMap(unitContributions);
}
