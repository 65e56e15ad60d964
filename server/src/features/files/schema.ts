import { index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { created, id } from "../../db/columns.ts";

export const fileKinds = ["image", "pdf", "document"] as const;
export type FileKind = (typeof fileKinds)[number];

/**
 * Tệp đính kèm — an uploaded file (evidence of a model, an exemplar's photo, an exported booklet),
 * stored in the file store (DATA_DIR or S3) under `storageKey`. Its owner object decides who may
 * read it; images also have resized variants for display.
 */
export const storedFiles = pgTable(
  "stored_files",
  {
    id: id(),
    ownerType: text("owner_type").notNull(),
    ownerId: uuid("owner_id").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    kind: text("kind", { enum: fileKinds }).notNull(),
    size: integer("size").notNull(),
    storageKey: text("storage_key").notNull(),
    /** Images: a copy at most 1600 px wide for pages and documents, and a 400 px thumbnail. */
    displayKey: text("display_key"),
    thumbKey: text("thumb_key"),
    width: integer("width"),
    height: integer("height"),
    position: integer("position").notNull().default(0),
    ...created,
  },
  (t) => [index("stored_files_owner_idx").on(t.ownerType, t.ownerId, t.position)],
);
export type StoredFileRow = typeof storedFiles.$inferSelect;
