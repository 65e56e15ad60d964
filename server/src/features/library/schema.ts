import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { created, id, ref, stamped, timestamps, tsvector, version } from "../../db/columns.ts";
import { storedFiles } from "../files/schema.ts";
import { units } from "../units/schema.ts";

/**
 * Kinds of documents: chỉ thị (directive), kết luận (conclusion), hướng dẫn (guidance), tài liệu
 * chuyên đề (thematic material), thông báo nội bộ (internal bulletin — read receipts).
 */
export const documentKinds = ["directive", "conclusion", "guidance", "material", "bulletin"] as const;
export type DocumentKind = (typeof documentKinds)[number];

/**
 * Thư viện văn bản — a document a unit issues to its subtree (published down): its number or code
 * (05-CT/TW), title, summary, issue date; its files are versions (`library_versions`).
 */
export const libraryDocuments = pgTable(
  "library_documents",
  {
    id: id(),
    /** The issuing unit. */
    unitId: ref("unit_id", () => units.id),
    kind: text("kind", { enum: documentKinds }).notNull(),
    /** Số, ký hiệu: "05-CT/TW" (may be empty for materials). */
    number: text("number").notNull().default(""),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    issuedOn: date("issued_on").notNull(),
    /** foldForSearch of title (A), number and summary (B), the issuing unit's name (C). */
    searchVector: tsvector("search_vector").notNull().default(sql`''::tsvector`),
    ...timestamps,
    ...version,
  },
  (t) => [
    index("library_documents_unit_idx").on(t.unitId, t.issuedOn),
    index("library_documents_kind_idx").on(t.kind, t.issuedOn),
    // The latest first (the list's order): a page walks it and stops.
    index("library_documents_issued_idx").on(t.issuedOn, t.id),
    index("library_documents_search_idx").using("gin", t.searchVector),
  ],
);
export type LibraryDocumentRow = typeof libraryDocuments.$inferSelect;

/** A version of a document: each uploaded file is the next one; the old ones stay downloadable. */
export const libraryVersions = pgTable(
  "library_versions",
  {
    id: id(),
    documentId: ref("document_id", () => libraryDocuments.id),
    number: integer("number").notNull(),
    fileId: ref("file_id", () => storedFiles.id),
    note: text("note").notNull().default(""),
    ...created,
  },
  (t) => [uniqueIndex("library_versions_document_number_key").on(t.documentId, t.number)],
);
export type LibraryVersionRow = typeof libraryVersions.$inferSelect;

/** Who read a bulletin, once per account: their person and unit at the time, for the read report. */
export const libraryReads = pgTable(
  "library_reads",
  {
    documentId: ref("document_id", () => libraryDocuments.id),
    userId: uuid("user_id").notNull(),
    personId: uuid("person_id"),
    unitId: ref("unit_id", () => units.id),
    readAt: stamped("read_at"),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.userId] }), index("library_reads_user_idx").on(t.userId)],
);
