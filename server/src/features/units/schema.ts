import { type AnyPgColumn, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, timestamps, version } from "../../db/columns.ts";

/**
 * Đơn vị — a node of the organisation tree (minimal: the tree module reshapes it).
 * `path` is the materialised path of ids, "/root/…/self/", so a subtree is a prefix match.
 */
export const units = pgTable(
  "units",
  {
    id: id(),
    parentId: uuid("parent_id").references((): AnyPgColumn => units.id),
    path: text("path").notNull(),
    depth: integer("depth").notNull(),
    name: text("name").notNull(),
    ...timestamps,
    ...version,
  },
  (t) => [
    index("units_path_idx").using("btree", t.path.op("text_pattern_ops")),
    index("units_parent_idx").on(t.parentId),
  ],
);

export type UnitRow = typeof units.$inferSelect;
