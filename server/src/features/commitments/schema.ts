import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { at, id, ref, stamped, timestamps, version, year } from "../../db/columns.ts";
import { people } from "../people/schema.ts";
import { units } from "../units/schema.ts";

/** A measurable target of a commitment, and what came of it at the year's end. */
export interface CommitmentTarget {
  text: string;
  measure?: string;
  result?: string;
}

/**
 * Mẫu bản cam kết — what a unit asks of its members' commitments for a year: the prompts, the
 * suggested targets, the deadline (reminders go to members without one after it), and how much
 * the campaign result weighs in the yearly rating. Members use the nearest ancestor's template.
 */
export const commitmentTemplates = pgTable(
  "commitment_templates",
  {
    id: id(),
    unitId: ref("unit_id", () => units.id),
    year: year(),
    studyPrompt: text("study_prompt").notNull().default(""),
    actionPrompt: text("action_prompt").notNull().default(""),
    targets: jsonb("targets").$type<CommitmentTarget[]>().notNull().default([]),
    deadline: date("deadline"),
    /** Percent of the rating's points that the commitment's year-end score contributes (0–100). */
    campaignWeight: integer("campaign_weight").notNull().default(20),
    ...timestamps,
    ...version,
  },
  (t) => [
    uniqueIndex("commitment_templates_unit_year_key").on(t.unitId, t.year),
    check("commitment_templates_weight_check", sql`${t.campaignWeight} between 0 and 100`),
  ],
);
export type CommitmentTemplateRow = typeof commitmentTemplates.$inferSelect;

export const commitmentStatuses = ["draft", "submitted", "reviewed"] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];

/**
 * Bản cam kết — a member's yearly commitment to study and follow: what to study, what to do,
 * measurable targets; submitted to the cell, reviewed by its secretary; assessed by the member at
 * mid-year and year end; scored by the secretary (0–100) at the year's end. `unitId` is the cell
 * it was written in.
 */
export const commitments = pgTable(
  "commitments",
  {
    id: id(),
    personId: ref("person_id", () => people.id),
    unitId: ref("unit_id", () => units.id),
    year: year(),
    status: text("status", { enum: commitmentStatuses }).notNull().default("draft"),
    study: text("study").notNull().default(""),
    actions: text("actions").notNull().default(""),
    targets: jsonb("targets").$type<CommitmentTarget[]>().notNull().default([]),
    submittedAt: at("submitted_at"),
    midYearAssessment: text("mid_year_assessment"),
    midYearAt: at("mid_year_at"),
    yearEndAssessment: text("year_end_assessment"),
    yearEndAt: at("year_end_at"),
    reviewComment: text("review_comment"),
    /** The secretary's year-end score of the commitment's result (0–100). */
    score: integer("score"),
    reviewedBy: uuid("reviewed_by"),
    reviewedAt: at("reviewed_at"),
    ...timestamps,
    ...version,
  },
  (t) => [
    uniqueIndex("commitments_person_year_key").on(t.personId, t.year),
    index("commitments_unit_year_idx").on(t.unitId, t.year),
    check("commitments_score_check", sql`${t.score} is null or ${t.score} between 0 and 100`),
  ],
);
export type CommitmentRow = typeof commitments.$inferSelect;

export const grades = ["excellent", "good", "complete", "incomplete"] as const;
export type Grade = (typeof grades)[number];
export const ratingSheetStatuses = ["open", "proposed", "confirmed"] as const;

/**
 * Phiếu xếp loại của chi bộ — a cell's rating sheet for a year: one version for the whole sheet
 * (a save carries the version it read: 409 when someone saved in between), proposed by the cell,
 * confirmed by the grassroots committee above.
 */
export const ratingSheets = pgTable(
  "rating_sheets",
  {
    unitId: ref("unit_id", () => units.id),
    year: year(),
    status: text("status", { enum: ratingSheetStatuses }).notNull().default("open"),
    proposedAt: at("proposed_at"),
    proposedBy: uuid("proposed_by"),
    confirmedAt: at("confirmed_at"),
    confirmedBy: uuid("confirmed_by"),
    ...version,
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);
export type RatingSheetRow = typeof ratingSheets.$inferSelect;

/**
 * Xếp loại — a member's grade for a year (Quy định 366-QĐ/TW): proposed by the cell (grade,
 * optional 0–100 points, a reason — required for `incomplete`), then confirmed or changed by the
 * grassroots committee (the final grade).
 */
export const ratings = pgTable(
  "ratings",
  {
    id: id(),
    personId: ref("person_id", () => people.id),
    unitId: ref("unit_id", () => units.id),
    year: year(),
    proposedGrade: text("proposed_grade", { enum: grades }).notNull(),
    proposedPoints: integer("proposed_points"),
    proposedReason: text("proposed_reason"),
    finalGrade: text("final_grade", { enum: grades }),
    finalPoints: integer("final_points"),
    finalReason: text("final_reason"),
    confirmedAt: at("confirmed_at"),
    ...timestamps,
    ...version,
  },
  (t) => [
    uniqueIndex("ratings_person_year_key").on(t.personId, t.year),
    index("ratings_unit_year_idx").on(t.unitId, t.year),
  ],
);
export type RatingRow = typeof ratings.$inferSelect;

/** Khóa sổ năm — a unit closes a year for its subtree: commitments and ratings then change only by a recorded correction. */
export const yearClosures = pgTable(
  "year_closures",
  {
    unitId: ref("unit_id", () => units.id),
    year: year(),
    closedAt: stamped("closed_at"),
    closedBy: uuid("closed_by"),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);

/** A recorded correction of a closed year's rating: what it was, what it became, why and by whom. */
export const ratingCorrections = pgTable(
  "rating_corrections",
  {
    id: id(),
    ratingId: ref("rating_id", () => ratings.id),
    before: jsonb("before").$type<Record<string, unknown>>().notNull(),
    after: jsonb("after").$type<Record<string, unknown>>().notNull(),
    reason: text("reason").notNull(),
    at: stamped("at"),
    actorId: uuid("actor_id"),
  },
  (t) => [index("rating_corrections_rating_idx").on(t.ratingId)],
);
