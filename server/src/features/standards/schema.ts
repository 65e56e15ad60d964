import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, timestamps, version } from "../../db/columns.ts";
import { units } from "../units/schema.ts";

/**
 * Chuẩn mực đạo đức — a unit's short list of ethics standards (one list per unit), published down
 * its subtree and posted where everyone sees it. Each revision is a new version; `currentNumber`
 * names the one in force, the earlier ones stay as its history.
 */
export const standards = pgTable(
  "standards",
  {
    id: id(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    currentNumber: integer("current_number").notNull().default(1),
    ...timestamps,
    ...version,
  },
  (t) => [uniqueIndex("standards_unit_key").on(t.unitId)],
);
export type StandardRow = typeof standards.$inferSelect;

/** One version of a unit's standards: its title and the numbered items, from a day on. */
export const standardVersions = pgTable(
  "standard_versions",
  {
    id: id(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    items: jsonb("items").$type<string[]>().notNull(),
    /** What changed from the previous version. */
    note: text("note").notNull().default(""),
    effectiveOn: date("effective_on").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by"),
  },
  (t) => [uniqueIndex("standard_versions_number_key").on(t.standardId, t.number)],
);
export type StandardVersionRow = typeof standardVersions.$inferSelect;

/** "Tôi đã đọc": a member (an account) confirms reading a version, with their person and unit then. */
export const standardConfirmations = pgTable(
  "standard_confirmations",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => standardVersions.id),
    userId: uuid("user_id").notNull(),
    personId: uuid("person_id"),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.userId] }),
    index("standard_confirmations_time_idx").on(t.versionId, t.confirmedAt),
  ],
);
