import { ALWAYS, type FigureDelta } from "../figures/figures.ts";
import type { PersonStatus } from "./schema.ts";

export interface PersonFacts {
  unitId: string;
  status: PersonStatus;
  statusOn: string | null;
  joinedOn: string | null;
  gender: "male" | "female" | null;
  birthDate: string | null;
}
export interface TransferFacts {
  fromUnitId: string;
  toUnitId: string;
  on: string;
}

/**
 * What one person contributes to the subtree figures: active from joining (or always, when the
 * date is unknown) until leaving, in each unit of their transfer history for the days they were
 * there; plus the joining and leaving events as flows.
 */
export function personContributions(person: PersonFacts, transfers: TransferFacts[]): FigureDelta[] {
  const start = person.joinedOn ?? ALWAYS;
  const end = person.status === "active" ? null : (person.statusOn ?? start);
  const active = ["people.active"];
  if (person.gender) active.push(`people.active.gender:${person.gender}`);
  if (person.birthDate) active.push(`people.active.born:${person.birthDate.slice(0, 4)}`);

  const moves = [...transfers]
    .sort((a, b) => a.on.localeCompare(b.on))
    .filter((t) => t.on > start && (!end || t.on < end));
  const segments: { unitId: string; from: string }[] = [
    { unitId: moves[0]?.fromUnitId ?? person.unitId, from: start },
  ];
  for (const t of moves) segments.push({ unitId: t.toUnitId, from: t.on });

  const deltas: FigureDelta[] = [];
  segments.forEach((segment, i) => {
    const until = segments[i + 1]?.from ?? end;
    for (const metric of active) {
      deltas.push({ unitId: segment.unitId, metric, on: segment.from, delta: 1 });
      if (until) deltas.push({ unitId: segment.unitId, metric, on: until, delta: -1 });
    }
  });
  if (person.joinedOn)
    deltas.push({
      unitId: segments[0]?.unitId ?? person.unitId,
      metric: "people.joined",
      on: start,
      delta: 1,
    });
  if (end) {
    const last = segments.at(-1)?.unitId ?? person.unitId;
    deltas.push({ unitId: last, metric: `people.left:${person.status}`, on: end, delta: 1 });
  }
  return deltas;
}

export const negate = (deltas: FigureDelta[]) => deltas.map((d) => ({ ...d, delta: -d.delta }));
