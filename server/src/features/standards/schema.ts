import {
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
import { created, id, ref, stamped, timestamps, version } from "../../db/columns.ts";
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
    unitId: ref("unit_id", () => units.id),
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
    standardId: ref("standard_id", () => standards.id),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    items: jsonb("items").$type<string[]>().notNull(),
    /** What changed from the previous version. */
    note: text("note").notNull().default(""),
    effectiveOn: date("effective_on").notNull(),
    ...created,
  },
  (t) => [uniqueIndex("standard_versions_number_key").on(t.standardId, t.number)],
);
export type StandardVersionRow = typeof standardVersions.$inferSelect;

/** "Tôi đã đọc": a member (an account) confirms reading a version, with their person and unit then. */
export const standardConfirmations = pgTable(
  "standard_confirmations",
  {
    versionId: ref("version_id", () => standardVersions.id),
    userId: uuid("user_id").notNull(),
    personId: uuid("person_id"),
    unitId: ref("unit_id", () => units.id),
    confirmedAt: stamped("confirmed_at"),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.userId] }),
    index("standard_confirmations_time_idx").on(t.versionId, t.confirmedAt),
  ],
);
