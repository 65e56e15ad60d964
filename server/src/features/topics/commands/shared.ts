import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { vnToday } from "../../../lib/dates.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { applyFigureDeltas, negate } from "../../figures/index.ts";
import { people } from "../../people/schema.ts";
import { units } from "../../units/schema.ts";
import { studyContributions } from "../figures.ts";
import { studyAttendance, type TopicLink, topics } from "../schema.ts";

export const cleanLinks = (links: TopicLink[]) =>
  links.map((l) => ({ title: cleanText(l.title), url: l.url.trim() }));

export const duplicateYear = () =>
  ruleViolation("body.year", "taken", {
    vi: "Đơn vị đã ban hành chuyên đề cho năm này.",
    en: "The unit already issued a topic for this year.",
  });

/** The topic a unit may study: issued by the unit itself or by one above it. */
export async function topicFor(tx: Executor, unit: { path: string }, topicId: string) {
  const [row] = await tx
    .select({ topic: topics, unitPath: units.path })
    .from(topics)
    .innerJoin(units, eq(units.id, topics.unitId))
    .where(eq(topics.id, topicId));
  if (!row || !unit.path.startsWith(row.unitPath))
    throw ruleViolation("body.topicId", "not_issued", {
      vi: "Chuyên đề không được ban hành cho đơn vị này.",
      en: "The topic was not issued to this unit.",
    });
  return row.topic;
}

export function checkDay(heldOn: string) {
  if (heldOn > vnToday())
    throw ruleViolation("body.heldOn", "future", {
      vi: "Ngày học tập không được sau ngày hôm nay.",
      en: "The session cannot be dated after today.",
    });
}

/** Newly listed attendees must be active people of the unit's subtree (those already listed may stay). */
export async function checkAttendees(tx: Executor, unit: { path: string }, personIds: string[]) {
  if (!personIds.length) return;
  const found = await tx
    .select({ id: people.id })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      and(
        inArray(people.id, personIds),
        eq(people.status, "active"),
        sql`${units.path} like ${`${unit.path}%`}`,
      ),
    );
  if (found.length !== personIds.length) {
    const ok = new Set(found.map((p) => p.id));
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Có người dự không phải đảng viên đang sinh hoạt ở đơn vị này.",
        en: "Some attendees are not active members of this unit.",
      },
      details: personIds
        .map((id, i) => ({ id, i }))
        .filter((p) => !ok.has(p.id))
        .map((p) => ({ path: `body.personIds.${p.i}`, message: "out_of_unit" })),
    });
  }
}

/**
 * Locks the people whose study figures a write recomputes, in key order (two sessions saved at
 * once for the same person must not both count their first attendance).
 */
export async function lockPeople(tx: Executor, personIds: string[]) {
  if (!personIds.length) return;
  await tx.execute(
    sql`select id from ${people} where id = any(${sql.param([...personIds].sort())}::uuid[]) order by id for no key update`,
  );
}

/**
 * Applies a session change to the figures: each affected person's first attendance per topic year
 * is read before and after the change (`write`), and the difference applied, in the transaction.
 */
export async function withStudyFigures<T>(
  tx: Executor,
  personIds: string[],
  years: number[],
  write: () => Promise<T>,
): Promise<T> {
  const ids = [...new Set(personIds)];
  const yearList = [...new Set(years)];
  await lockPeople(tx, ids);
  const before = await studyContributions(tx, ids, yearList);
  const result = await write();
  const after = await studyContributions(tx, ids, yearList);
  await applyFigureDeltas(tx, [...negate(before), ...after]);
  return result;
}

export async function attendeeIds(tx: Executor, sessionId: string) {
  const rows = await tx
    .select({ id: studyAttendance.personId })
    .from(studyAttendance)
    .where(eq(studyAttendance.sessionId, sessionId));
  return rows.map((r) => r.id);
}

export async function insertAttendance(tx: Executor, sessionId: string, personIds: string[]) {
  for (let i = 0; i < personIds.length; i += 1000)
    await tx
      .insert(studyAttendance)
      .values(personIds.slice(i, i + 1000).map((personId) => ({ sessionId, personId })));
}
