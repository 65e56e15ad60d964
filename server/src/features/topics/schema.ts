import { sql } from "drizzle-orm";
import { check, date, index, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { id, ref, timestamps, version, year } from "../../db/columns.ts";
import { people } from "../people/schema.ts";
import { units } from "../units/schema.ts";

/** A material of a topic given as a link (a video, an article, a document on another site). */
export interface TopicLink {
  title: string;
  url: string;
}

/**
 * Chuyên đề — the thematic topic a unit issues for a year, published down its subtree: title,
 * summary and materials (uploaded files, owner type "topic", and links). One topic per unit and year.
 */
export const topics = pgTable(
  "topics",
  {
    id: id(),
    /** The issuing unit: its whole subtree studies the topic. */
    unitId: ref("unit_id", () => units.id),
    year: year(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    links: jsonb("links").$type<TopicLink[]>().notNull().default([]),
    ...timestamps,
    ...version,
  },
  (t) => [
    uniqueIndex("topics_unit_year_key").on(t.unitId, t.year),
    index("topics_year_idx").on(t.year),
    check("topics_year_check", sql`${t.year} between 1945 and 2200`),
  ],
);
export type TopicRow = typeof topics.$inferSelect;

/** Buổi học tập chuyên đề — a unit's session studying a topic: the day, who was present, notes. */
export const studySessions = pgTable(
  "study_sessions",
  {
    id: id(),
    /** The unit that held the session (its keepers record it; its figures count the attendance). */
    unitId: ref("unit_id", () => units.id),
    topicId: ref("topic_id", () => topics.id),
    heldOn: date("held_on").notNull(),
    notes: text("notes").notNull().default(""),
    ...timestamps,
    ...version,
  },
  (t) => [
    index("study_sessions_unit_idx").on(t.unitId, t.heldOn),
    index("study_sessions_topic_idx").on(t.topicId),
    // The latest first (the list's order): a page walks it and stops.
    index("study_sessions_held_idx").on(t.heldOn, t.id),
  ],
);
export type StudySessionRow = typeof studySessions.$inferSelect;

/** The people present at a session. */
export const studyAttendance = pgTable(
  "study_attendance",
  {
    sessionId: ref("session_id", () => studySessions.id, { onDelete: "cascade" }),
    personId: ref("person_id", () => people.id),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.personId] }),
    index("study_attendance_person_idx").on(t.personId),
  ],
);
