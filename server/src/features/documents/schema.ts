import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ref } from "../../db/columns.ts";
import { units } from "../units/schema.ts";

/**
 * The last document number a unit gave, per document type (KH, BC, QĐ…) and committee term. A
 * number is taken by incrementing this row in the issuing transaction: concurrent issues wait on
 * the row, and a rolled-back issue gives its number back, so numbers have no gaps and no duplicates.
 */
export const documentNumbers = pgTable(
  "document_numbers",
  {
    unitId: ref("unit_id", () => units.id),
    type: text("type").notNull(),
    term: text("term").notNull(),
    lastNumber: integer("last_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.type, t.term] })],
);
