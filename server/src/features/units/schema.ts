import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, optionalRef, ref, stamped, timestamps, version } from "../../db/columns.ts";

/** Loại đơn vị — configurable unit kinds (Tỉnh ủy, Đảng ủy xã, Đảng bộ cơ sở, Chi bộ, …). */
export const unitKinds = pgTable(
  "unit_kinds",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    /** Usual depth in the tree (0 central … 4 cell); informative, the tree may be any depth. */
    level: integer("level").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    ...timestamps,
    ...version,
  },
  (t) => [uniqueIndex("unit_kinds_code_key").on(t.code)],
);

export const unitStatuses = ["active", "dissolved", "merged"] as const;
export type UnitStatus = (typeof unitStatuses)[number];

export interface UnitContact {
  phone?: string;
  email?: string;
  address?: string;
}
/** Nhiệm kỳ: document numbers restart each term. */
export interface UnitTerm {
  name: string;
  start: string;
  end: string | null;
}

/**
 * Đơn vị — a node of the organisation tree. `path` is the materialised path of ids,
 * "/root/…/self/", so a subtree is a prefix match and the ancestors are the path's ids.
 * Merged and dissolved units stay in the tree (under their successor when merged), so their
 * records keep counting in the successor's figures (the period rule).
 */
export const units = pgTable(
  "units",
  {
    id: id(),
    parentId: uuid("parent_id").references((): AnyPgColumn => units.id),
    path: text("path").notNull(),
    depth: integer("depth").notNull(),
    name: text("name").notNull(),
    code: text("code"),
    shortName: text("short_name"),
    kindId: optionalRef("kind_id", () => unitKinds.id),
    status: text("status", { enum: unitStatuses }).notNull().default("active"),
    successorId: uuid("successor_id").references((): AnyPgColumn => units.id),
    adminAreaCode: text("admin_area_code"),
    documentCode: text("document_code"),
    contact: jsonb("contact").$type<UnitContact>(),
    terms: jsonb("terms").$type<UnitTerm[]>(),
    activeFrom: date("active_from"),
    activeTo: date("active_to"),
    /** foldForSearch(name + short name + code): accent-insensitive search. */
    searchText: text("search_text").notNull().default(""),
    /** Vietnamese collation key of the name (ordered with COLLATE "C"). */
    sortKey: text("sort_key").notNull().default(""),
    /**
     * How many units have this one as parent (open and closed), kept by the trigger
     * `units_child_count` (migration 0019) on every insert, re-parenting and delete: a list of
     * thousands of children shows its total, and each row its own, without counting them.
     */
    childCount: integer("child_count").notNull().default(0),
    ...timestamps,
    ...version,
  },
  (t) => [
    index("units_path_idx").using("btree", t.path.op("text_pattern_ops")),
    // The units of one depth within a subtree, as one index range: lists ordered by the owner's
    // depth first (plans, standards…) read their page a depth at a time.
    index("units_depth_path_idx").using("btree", t.depth, t.path.op("text_pattern_ops")),
    // The units of one depth by name: such a list's first page of the whole country, walked in order.
    index("units_depth_sort_idx").on(t.depth, t.sortKey, t.id),
    // Children in list order: open ones first, then Vietnamese alphabetical (listChildren). The
    // status and the search text last: a page deep in thousands of children, and a child found by
    // name among them, are read by an index-only scan.
    index("units_children_idx").on(
      t.parentId,
      sql`(${t.status} <> 'active')`,
      t.sortKey,
      t.id,
      t.status,
      t.searchText,
    ),
    uniqueIndex("units_code_key").on(t.code),
    index("units_search_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    check("units_status_check", sql`${t.status} in ('active','dissolved','merged')`),
  ],
);

export type UnitRow = typeof units.$inferSelect;

/** Lịch sử tổ chức — every reorganisation step, for a unit's history. */
export const unitEvents = pgTable(
  "unit_events",
  {
    id: id(),
    unitId: ref("unit_id", () => units.id),
    kind: text("kind", { enum: ["created", "renamed", "moved", "merged", "split", "dissolved"] }).notNull(),
    on: date("on").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>(),
    at: stamped("at"),
    actorId: uuid("actor_id"),
  },
  (t) => [index("unit_events_unit_idx").on(t.unitId, t.at)],
);
