import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { id, optionalRef, ref, timestamps, version } from "../../db/columns.ts";
import { people } from "../people/schema.ts";
import { campaignFields, reviewColumns, reviewIndexes } from "../recognition/schema.ts";
import { units } from "../units/schema.ts";

export const practiceKinds = ["collective", "individual"] as const;
export type PracticeKind = (typeof practiceKinds)[number];

/**
 * Mô hình hay, cách làm sáng tạo — a good-practice model of a unit (collective) or a way of working
 * of one of its people (individual). It goes up the chain for review (`status`, the unit it waits
 * at, the unit that recognised it and that unit's kind), and once recognised is shared with the
 * whole tree; `isPublic` shows it on the public showcase.
 */
export const practices = pgTable(
  "practices",
  {
    id: id(),
    kind: text("kind", { enum: practiceKinds }).notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    description: text("description").notNull().default(""),
    /** Kết quả — the measurable results. */
    results: text("results").notNull().default(""),
    fieldId: ref("field_id", () => campaignFields.id),
    unitId: ref("unit_id", () => units.id),
    personId: optionalRef("person_id", () => people.id),
    startedOn: date("started_on"),
    /** Searched by title (A), summary/description/results (B) and unit name (C). */
    ...reviewColumns(),
    ...timestamps,
    ...version,
  },
  (t) => [
    ...reviewIndexes("practices", t),
    // The latest registered first (the list's order): a page walks it and stops.
    index("practices_registered_idx").on(t.registeredOn, t.id),
    // The public showcase, the latest recognised first: a page walks it and stops.
    index("practices_public_idx")
      .on(t.recognisedOn, t.id)
      .where(sql`${t.status} = 'recognised' and ${t.isPublic}`),
    check("practices_person_check", sql`${t.kind} = 'individual' or ${t.personId} is null`),
  ],
);
export type PracticeRow = typeof practices.$inferSelect;

/** Nhân rộng — a unit adopts a recognised model: since when, notes, and the results it got later. */
export const adoptions = pgTable(
  "adoptions",
  {
    id: id(),
    practiceId: ref("practice_id", () => practices.id),
    unitId: ref("unit_id", () => units.id),
    startedOn: date("started_on").notNull(),
    notes: text("notes").notNull().default(""),
    results: text("results").notNull().default(""),
    ...timestamps,
    ...version,
  },
  (t) => [
    uniqueIndex("adoptions_practice_unit_key").on(t.practiceId, t.unitId),
    index("adoptions_unit_idx").on(t.unitId),
    // The latest first (the list's order): a page walks it and stops.
    index("adoptions_started_idx").on(t.startedOn),
  ],
);
export type AdoptionRow = typeof adoptions.$inferSelect;
