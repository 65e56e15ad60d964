import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { FigureDelta } from "../figures/index.ts";
import { studyAttendance, studySessions, topics } from "./schema.ts";

export const TOPIC_METRICS = "topics.";
/** The raw figure of the members who studied a year's topic: `topics.studied:2026`. */
export const studiedMetric = (year: number | string) => `topics.studied:${year}`;

interface FirstAttendance {
  person_id: string;
  year: number;
  unit_id: string;
  held_on: string;
}

/**
 * A member who studied a year's topic counts once for that year: +1 `topics.studied:<year>` on the
 * day of their first session on a topic of that year, in the unit that held it (ties: the session
 * created first).
 */
const contributionsOf = (rows: FirstAttendance[]): FigureDelta[] =>
  rows.map((r) => ({
    unitId: r.unit_id,
    metric: studiedMetric(r.year),
    on: r.held_on,
    delta: 1,
  }));

const firstAttendances = (where: ReturnType<typeof sql>) => sql`
  select distinct on (a.person_id, t.year) a.person_id, t.year, s.unit_id, s.held_on::text as held_on
  from ${studyAttendance} a
  join ${studySessions} s on s.id = a.session_id
  join ${topics} t on t.id = s.topic_id
  where ${where}
  order by a.person_id, t.year, s.held_on, s.id`;

/** The current contributions of these people for these topic years (before and after a change). */
export async function studyContributions(
  db: Executor,
  personIds: string[],
  years: number[],
): Promise<FigureDelta[]> {
  if (!personIds.length || !years.length) return [];
  const result = (await db.execute(
    firstAttendances(
      sql`a.person_id = any(${sql.param(personIds)}::uuid[]) and t.year = any(${sql.param(years)}::int[])`,
    ),
  )) as unknown as { rows: FirstAttendance[] };
  return contributionsOf(result.rows);
}

/** Every person's first attendance per topic year, a batch of people at a time (rebuilding the figures). */
export async function* topicFigureBatches(db: Executor, batchSize = 5_000): AsyncGenerator<FigureDelta[]> {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = (await db.execute(sql`
      select distinct person_id from ${studyAttendance}
      where person_id > ${after}::uuid order by person_id limit ${batchSize}`)) as unknown as {
      rows: { person_id: string }[];
    };
    const ids = batch.rows.map((r) => r.person_id);
    if (!ids.length) return;
    const result = (await db.execute(
      firstAttendances(sql`a.person_id = any(${sql.param(ids)}::uuid[])`),
    )) as unknown as { rows: FirstAttendance[] };
    yield contributionsOf(result.rows);
    after = ids.at(-1) ?? after;
  }
}

/** count ÷ members, 0..1 (0 without members; never above 1). */
export function studyShare(count: number, members: number): number {
  if (members <= 0) return 0;
  // The exact fraction: rounded once, where it is shown (19/62 read 30,7 % after two roundings).
  return Math.min(1, count / members);
}
