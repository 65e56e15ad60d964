import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, optionalRef, stamped, timestamps, version } from "../../db/columns.ts";
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
