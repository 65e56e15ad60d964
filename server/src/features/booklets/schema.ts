import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { id, ref, timestamps, version } from "../../db/columns.ts";
import { practices } from "../practices/schema.ts";
import { units } from "../units/schema.ts";

/** Tập mô hình — recognised models compiled, in order, into a booklet a unit prints and shares. */
export const booklets = pgTable(
  "booklets",
  {
    id: id(),
    unitId: ref("unit_id", () => units.id),
    title: text("title").notNull(),
    subtitle: text("subtitle").notNull().default(""),
    ...timestamps,
    ...version,
  },
  (t) => [
    index("booklets_unit_idx").on(t.unitId),
    // A root actor's list walks the booklets in its order.
    index("booklets_recent_idx").on(t.updatedAt.desc(), t.id.desc()),
  ],
);
export type BookletRow = typeof booklets.$inferSelect;

export const bookletItems = pgTable(
  "booklet_items",
  {
    bookletId: ref("booklet_id", () => booklets.id),
    practiceId: ref("practice_id", () => practices.id),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bookletId, t.practiceId] })],
);
