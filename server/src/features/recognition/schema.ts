import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, id, optionalRef, stamped, timestamps, tsvector, version } from "../../db/columns.ts";
import { units } from "../units/schema.ts";

/** Lĩnh vực — the configurable list of fields a model or an exemplar belongs to. */
export const campaignFields = pgTable(
  "campaign_fields",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    active: boolean("active").notNull().default(true),
    ...timestamps,
    ...version,
  },
  (t) => [uniqueIndex("campaign_fields_code_key").on(t.code)],
);
export type CampaignFieldRow = typeof campaignFields.$inferSelect;

/** Xét duyệt — where a submitted item stands: with its unit, waiting at a reviewing unit, returned or recognised. */
export const reviewStatuses = ["draft", "submitted", "returned", "recognised"] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export const reviewActions = ["submit", "return", "forward", "recognise", "publish", "unpublish"] as const;
export type ReviewAction = (typeof reviewActions)[number];

/**
 * The columns of an item reviewed up the chain (models, exemplars), after its own: the day it was
 * registered (today for new ones; the paper record's date for imported ones), where it stands
 * (submitted: the unit whose reviewers it waits for, and since when — their queue's order), the
 * unit that recognised it, that unit's kind code at the time (cell, grassroots, commune, province,
 * central…) and the day, whether the public showcase shows it, and its search vector
 * (foldForSearch of its title (A), its texts (B) and unit names (C)).
 */
export const reviewColumns = () => ({
  registeredOn: date("registered_on").notNull(),
  status: text("status", { enum: reviewStatuses }).notNull().default("draft"),
  reviewUnitId: optionalRef("review_unit_id", () => units.id),
  waitingSince: at("waiting_since"),
  recognisedUnitId: optionalRef("recognised_unit_id", () => units.id),
  recognisedLevel: text("recognised_level"),
  recognisedOn: date("recognised_on"),
  isPublic: boolean("is_public").notNull().default(false),
  searchVector: tsvector("search_vector").notNull().default(sql`''::tsvector`),
});

type IndexColumn = Parameters<ReturnType<typeof index>["on"]>[0];

/** The indexes of a reviewed item's table `name`: by unit, the reviewers' queue, by status, the search. */
export const reviewIndexes = (
  name: string,
  t: Record<
    "unitId" | "reviewUnitId" | "waitingSince" | "status" | "registeredOn" | "searchVector",
    IndexColumn
  >,
) => [
  index(`${name}_unit_idx`).on(t.unitId),
  index(`${name}_queue_idx`).on(t.reviewUnitId, t.waitingSince),
  index(`${name}_status_idx`).on(t.status, t.registeredOn),
  index(`${name}_search_idx`).using("gin", t.searchVector),
];

/**
 * Every step of an item's review, for its history: who acted, from which unit, where it went, when,
 * and the comment. Shared by the modules whose items go up the chain (models, exemplars, …).
 */
export const reviewSteps = pgTable(
  "review_steps",
  {
    id: id(),
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    action: text("action", { enum: reviewActions }).notNull(),
    fromUnitId: optionalRef("from_unit_id", () => units.id),
    toUnitId: optionalRef("to_unit_id", () => units.id),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    comment: text("comment"),
    at: stamped("at"),
  },
  (t) => [index("review_steps_subject_idx").on(t.subjectType, t.subjectId, t.at)],
);
export type ReviewStepRow = typeof reviewSteps.$inferSelect;
