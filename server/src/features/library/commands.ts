import { and, eq, max, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Actor, Ctx } from "../../lib/auth/actor.ts";
import { authored, edited } from "../../lib/command.ts";
import { changesNothing } from "../../lib/edits.ts";
import { AppError } from "../../lib/errors.ts";
import type { FileStore } from "../../lib/storage.ts";
import { cleanMultiline, cleanText } from "../../lib/vietnamese.ts";
import { storeFile } from "../files/index.ts";
import { searchVector } from "../recognition/index.ts";
import type { UnitRow } from "../units/schema.ts";
import { DOCUMENT_OWNER } from "./queries.ts";
import {
  type DocumentKind,
  type LibraryDocumentRow,
  libraryDocuments,
  libraryReads,
  libraryVersions,
} from "./schema.ts";

/** The kinds as they are named in Vietnamese: searched with the document ("chi thi 05"). */
export const kindNames: Record<DocumentKind, string> = {
  directive: "Chỉ thị",
  conclusion: "Kết luận",
  guidance: "Hướng dẫn",
  material: "Tài liệu chuyên đề",
  bulletin: "Thông báo nội bộ",
};

interface DocumentFields {
  kind: DocumentKind;
  number: string;
  title: string;
  summary: string;
  issuedOn: string;
}

const vectorOf = (d: DocumentFields, unitName: string) =>
  searchVector({ a: d.title, b: `${kindNames[d.kind]} ${d.number} ${d.summary}`, c: unitName });

const clean = (f: Partial<DocumentFields>) => ({
  ...(f.kind !== undefined ? { kind: f.kind } : {}),
  ...(f.number !== undefined ? { number: cleanText(f.number) } : {}),
  ...(f.title !== undefined ? { title: cleanText(f.title) } : {}),
  ...(f.summary !== undefined ? { summary: cleanMultiline(f.summary) } : {}),
  ...(f.issuedOn !== undefined ? { issuedOn: f.issuedOn } : {}),
});

/** Issues a document of a unit to its subtree (its files come as versions). */
export async function createDocument(tx: Executor, ctx: Ctx, input: DocumentFields & { unit: UnitRow }) {
  const fields = clean(input) as DocumentFields;
  const [row] = await tx
    .insert(libraryDocuments)
    .values({
      ...fields,
      unitId: input.unit.id,
      searchVector: vectorOf(fields, input.unit.name),
      ...authored(ctx),
    })
    .returning();
  if (!row) throw new Error("no document row");
  await recordAudit(tx, ctx, { event: "document.create", entityId: row.id, unitId: row.unitId, after: row });
  return row;
}

/** Edits a document's record; the version read must still be current. */
export async function updateDocument(
  tx: Executor,
  ctx: Ctx,
  current: LibraryDocumentRow & { unitName: string },
  input: Partial<DocumentFields> & { version: number },
) {
  if (changesNothing(input, current)) return current;
  const fields = clean(input);
  const merged = { ...current, ...fields };
  const [after] = await tx
    .update(libraryDocuments)
    .set({
      ...fields,
      searchVector: vectorOf(merged, current.unitName),
      ...edited(ctx, libraryDocuments.version),
    })
    .where(and(eq(libraryDocuments.id, current.id), eq(libraryDocuments.version, input.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  const { unitName: _name, ...was } = current;
  await recordAudit(tx, ctx, {
    event: "document.update",
    entityId: current.id,
    unitId: current.unitId,
    before: was,
    after,
  });
  return after;
}

/**
 * Adds a file as the document's next version (the earlier ones stay): the document row is locked so
 * that two uploads at once get consecutive numbers.
 */
export async function addDocumentVersion(
  tx: Executor,
  ctx: Ctx,
  files: FileStore,
  input: { document: LibraryDocumentRow; data: Buffer; fileName: string; note: string; maxBytes: number },
) {
  await tx.execute(sql`select id from ${libraryDocuments} where id = ${input.document.id} for no key update`);
  const [last] = await tx
    .select({ n: max(libraryVersions.number) })
    .from(libraryVersions)
    .where(eq(libraryVersions.documentId, input.document.id));
  const file = await storeFile(tx, files, {
    owner: { type: DOCUMENT_OWNER, id: input.document.id },
    data: input.data,
    fileName: input.fileName,
    allowed: ["pdf", "document", "image"],
    maxBytes: input.maxBytes,
    actorId: ctx.actor?.userId ?? null,
  });
  const [row] = await tx
    .insert(libraryVersions)
    .values({
      documentId: input.document.id,
      number: (last?.n ?? 0) + 1,
      fileId: file.id,
      note: cleanText(input.note),
      createdBy: ctx.actor?.userId ?? null,
    })
    .returning();
  if (!row) throw new Error("no version row");
  await tx
    .update(libraryDocuments)
    .set({ updatedAt: new Date(), updatedBy: ctx.actor?.userId ?? null })
    .where(eq(libraryDocuments.id, input.document.id));
  await recordAudit(tx, ctx, {
    event: "document.version_add",
    entityId: input.document.id,
    unitId: input.document.unitId,
    after: { number: row.number, fileId: file.id, fileName: file.fileName, size: file.size, note: row.note },
  });
  return { version: row, file };
}

/** Records that the actor read a bulletin (once: a second call keeps the first time). */
export async function markDocumentRead(tx: Executor, ctx: Ctx, actor: Actor, document: LibraryDocumentRow) {
  if (document.kind !== "bulletin")
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Chỉ ghi nhận đã đọc đối với thông báo nội bộ.",
        en: "Read receipts are kept for internal bulletins only.",
      },
    });
  const [row] = await tx
    .insert(libraryReads)
    .values({ documentId: document.id, userId: actor.userId, personId: actor.personId, unitId: actor.unitId })
    .onConflictDoNothing()
    .returning();
  if (row) {
    await recordAudit(tx, ctx, {
      event: "document.read",
      entityId: document.id,
      unitId: actor.unitId,
      after: { readAt: row.readAt },
    });
    return row.readAt;
  }
  const [first] = await tx
    .select({ readAt: libraryReads.readAt })
    .from(libraryReads)
    .where(and(eq(libraryReads.documentId, document.id), eq(libraryReads.userId, actor.userId)));
  return first?.readAt ?? new Date();
}
