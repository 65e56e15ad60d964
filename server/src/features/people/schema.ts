import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, ref, stamped, timestamps, version } from "../../db/columns.ts";
import { units } from "../units/schema.ts";

export const genders = ["male", "female"] as const;
export const personStatuses = ["active", "transferred", "deceased", "removed"] as const;
export type PersonStatus = (typeof personStatuses)[number];

/**
 * Đảng viên, cán bộ — a member or cadre. Minimal personal data (no national ID). The unit is
 * normally a cell. `sort_key` orders lists the Vietnamese way (given name first).
 */
export const people = pgTable(
  "people",
  {
    id: id(),
    fullName: text("full_name").notNull(),
    /** Explicit given name when it is not the last word (compound, ethnic-minority names). */
    givenName: text("given_name"),
    sortKey: text("sort_key").notNull(),
    searchText: text("search_text").notNull(),
    gender: text("gender", { enum: genders }),
    birthDate: date("birth_date"),
    /** Ngày vào Đảng, ngày chính thức. */
    joinedOn: date("joined_on"),
    officialOn: date("official_on"),
    position: text("position"),
    unitId: ref("unit_id", () => units.id),
    /**
     * The unit's ancestors (or itself) at depth 1 and 2 of the tree: the province and the commune
     * level. Kept by the triggers of migration 0023 from `units.path` on every insert, transfer and
     * move of a subtree, so that a province's or a commune's list is an index range in list order
     * (no join to every person of the country, no sort of the subtree before `LIMIT`).
     */
    level1Id: uuid("level1_id"),
    level2Id: uuid("level2_id"),
    status: text("status", { enum: personStatuses }).notNull().default("active"),
    /** The day the current status began (for a person no longer active: the day they left). */
    statusOn: date("status_on"),
    phone: text("phone"),
    email: text("email"),
    ...timestamps,
    ...version,
  },
  (t) => [
    index("people_unit_sort_idx").on(t.unitId, t.sortKey),
    // Lists in Vietnamese order, each scope read in order from its own index (listPeople): the
    // whole tree, a province's subtree, a commune's. The status last: filtered without the heap.
    index("people_sort_idx").on(t.sortKey, t.id, t.status),
    index("people_level1_sort_idx").on(t.level1Id, t.sortKey, t.id, t.status),
    index("people_level2_sort_idx").on(t.level2Id, t.sortKey, t.id, t.status),
    index("people_search_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    check("people_status_check", sql`${t.status} in ('active','transferred','deceased','removed')`),
    check("people_gender_check", sql`${t.gender} is null or ${t.gender} in ('male','female')`),
  ],
);

export type PersonRow = typeof people.$inferSelect;

/** Chuyển sinh hoạt — a person's moves between units, kept as history. */
export const personTransfers = pgTable(
  "person_transfers",
  {
    id: id(),
    personId: ref("person_id", () => people.id),
    fromUnitId: ref("from_unit_id", () => units.id),
    toUnitId: ref("to_unit_id", () => units.id),
    on: date("on").notNull(),
    reason: text("reason"),
    at: stamped("at"),
    actorId: uuid("actor_id"),
  },
  (t) => [index("person_transfers_person_idx").on(t.personId, t.on)],
);
