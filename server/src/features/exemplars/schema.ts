import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { id, optionalRef, ref, timestamps, version } from "../../db/columns.ts";
import { people } from "../people/schema.ts";
import { practices } from "../practices/schema.ts";
import { campaignFields, reviewColumns, reviewIndexes } from "../recognition/schema.ts";
import { units } from "../units/schema.ts";

export const exemplarKinds = ["collective", "individual"] as const;
export type ExemplarKind = (typeof exemplarKinds)[number];

/**
 * Điển hình tiên tiến, người tốt việc tốt — an exemplary collective (a unit) or individual (a
 * person of the registry, or for the public a named person with their unit or address),
 * nominated by a unit and reviewed up the chain like a model; once recognised, shared with the
 * whole tree.
 */
export const exemplars = pgTable(
  "exemplars",
  {
    id: id(),
    kind: text("kind", { enum: exemplarKinds }).notNull(),
    /** The nominating unit (whose subtree owns the record). */
    unitId: ref("unit_id", () => units.id),
    /** Collective: the unit honoured (the nominating unit or one below it). */
    subjectUnitId: optionalRef("subject_unit_id", () => units.id),
    personId: optionalRef("person_id", () => people.id),
    /** An individual outside the registry: their name and their unit or address. */
    personName: text("person_name"),
    personUnitName: text("person_unit_name"),
    /** The name shown: the unit's, the person's, or the given one. */
    title: text("title").notNull(),
    fieldId: ref("field_id", () => campaignFields.id),
    story: text("story").notNull().default(""),
    achievements: text("achievements").notNull().default(""),
    ...reviewColumns(),
    ...timestamps,
    ...version,
  },
  (t) => [
    ...reviewIndexes("exemplars", t),
    // Lists: a root actor's page walks the exemplars in list order, the showcase its public ones.
    index("exemplars_recent_idx").on(t.registeredOn.desc(), t.id.desc()),
    index("exemplars_public_idx")
      .on(t.recognisedOn.desc(), t.id.desc())
      .where(sql`${t.status} = 'recognised' and ${t.isPublic}`),
    check(
      "exemplars_subject_check",
      sql`(${t.kind} = 'collective' and ${t.subjectUnitId} is not null) or (${t.kind} = 'individual' and (${t.personId} is not null or ${t.personName} is not null))`,
    ),
  ],
);
export type ExemplarRow = typeof exemplars.$inferSelect;

/** The models an exemplar built or carried. */
export const exemplarPractices = pgTable(
  "exemplar_practices",
  {
    exemplarId: ref("exemplar_id", () => exemplars.id),
    practiceId: ref("practice_id", () => practices.id),
  },
  (t) => [
    primaryKey({ columns: [t.exemplarId, t.practiceId] }),
    index("exemplar_practices_practice_idx").on(t.practiceId),
  ],
);
