import { ALWAYS, type FigureDelta } from "../figures/figures.ts";

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
