import { inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { batchesById } from "../../lib/figures.ts";
import { ALWAYS, type FigureDelta } from "../figures/index.ts";
import { type PersonStatus, people, personTransfers } from "./schema.ts";

/**
 * Age bands of the statistics. Age is counted by year of birth (the year minus the birth year),
 * as party statistics do, so a member changes band on 1 January: one dated event, which keeps the
 * number of distinct figure keys small at every level.
 */
export const ageBands = [
  { key: "upTo30", min: 0, vi: "đến 30 tuổi", en: "30 or younger" },
  { key: "31to40", min: 31, vi: "31–40 tuổi", en: "31–40" },
  { key: "41to50", min: 41, vi: "41–50 tuổi", en: "41–50" },
  { key: "51to60", min: 51, vi: "51–60 tuổi", en: "51–60" },
  { key: "61to70", min: 61, vi: "61–70 tuổi", en: "61–70" },
  { key: "over70", min: 71, vi: "trên 70 tuổi", en: "over 70" },
] as const;
export type AgeBand = (typeof ageBands)[number]["key"];

export const ageBandOf = (age: number): AgeBand =>
  ageBands.findLast((b) => age >= b.min)?.key ?? ageBands[0].key;

/** The age bands a person born in `birthYear` passes through over [from, until): each with the day it starts. */
export function ageSegments(birthYear: number, from: string, until: string | null) {
  const segments: { band: AgeBand; from: string }[] = [
    { band: ageBandOf(Number(from.slice(0, 4)) - birthYear), from },
  ];
  for (const band of ageBands.slice(1)) {
    const day = `${String(birthYear + band.min).padStart(4, "0")}-01-01`;
    if (day > from && (!until || day < until)) segments.push({ band: band.key, from: day });
  }
  return segments;
}

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
 * What one person contributes to the figures: active from joining (or always, when the date is
 * unknown) until leaving, in each unit of their transfer history for the days they were there,
 * by gender and age band; plus the joining and leaving events as flows.
 */
export function personContributions(person: PersonFacts, transfers: TransferFacts[]): FigureDelta[] {
  const start = person.joinedOn ?? ALWAYS;
  const end = person.status === "active" ? null : (person.statusOn ?? start);
  const stocks = ["people.active"];
  if (person.gender) stocks.push(`people.active.gender:${person.gender}`);

  const moves = [...transfers]
    .sort((a, b) => a.on.localeCompare(b.on))
    .filter((t) => t.on > start && (!end || t.on < end));
  const segments: { unitId: string; from: string }[] = [
    { unitId: moves[0]?.fromUnitId ?? person.unitId, from: start },
  ];
  for (const t of moves) segments.push({ unitId: t.toUnitId, from: t.on });

  const deltas: FigureDelta[] = [];
  const span = (unitId: string, metric: string, from: string, until: string | null) => {
    deltas.push({ unitId, metric, on: from, delta: 1 });
    if (until) deltas.push({ unitId, metric, on: until, delta: -1 });
  };
  const birthYear = person.birthDate ? Number(person.birthDate.slice(0, 4)) : null;
  segments.forEach((segment, i) => {
    const until = segments[i + 1]?.from ?? end;
    for (const metric of stocks) span(segment.unitId, metric, segment.from, until);
    if (birthYear === null) return;
    const ages = ageSegments(birthYear, segment.from, until);
    ages.forEach((age, j) => {
      span(segment.unitId, `people.active.age:${age.band}`, age.from, ages[j + 1]?.from ?? until);
    });
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

export { negate } from "../figures/index.ts";

/** Every person's contributions, a batch at a time (rebuilding the figures from the records). */
export async function* personFigureBatches(db: Executor, batchSize = 20_000): AsyncGenerator<FigureDelta[]> {
  const query = () =>
    db
      .select({
        id: people.id,
        unitId: people.unitId,
        status: people.status,
        statusOn: people.statusOn,
        joinedOn: people.joinedOn,
        gender: people.gender,
        birthDate: people.birthDate,
      })
      .from(people)
      .$dynamic();
  for await (const rows of batchesById(query, people.id, batchSize)) {
    const transfers = await db
      .select({
        personId: personTransfers.personId,
        fromUnitId: personTransfers.fromUnitId,
        toUnitId: personTransfers.toUnitId,
        on: personTransfers.on,
      })
      .from(personTransfers)
      .where(
        inArray(
          personTransfers.personId,
          rows.map((r) => r.id),
        ),
      );
    const byPerson = Map.groupBy(transfers, (t) => t.personId);
    yield rows.flatMap((p) => personContributions(p, byPerson.get(p.id) ?? []));
  }
}
