import { and, desc, eq } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { type AuditEvent, recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import type { FileStore } from "../../lib/storage.ts";
import { filesOf, removeFile, storeFile } from "../files/index.ts";
import { type FileKind, type StoredFileRow, storedFiles } from "../files/schema.ts";

/**
 * Documents made by a job and kept in the file store as their object's (a booklet's exports, a
 * decision's certificate batches): the owner's files newest first, one of them by id, and storing
 * a new one.
 */

/** The owner's files, newest first. */
export const ownedFiles = async (db: Executor, ownerType: string, ownerId: string) =>
  (await filesOf(db, ownerType, [ownerId])).sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
  );

/** A file of the owner, or null. */
export async function findOwnedFile(db: Executor, ownerType: string, ownerId: string, fileId: string) {
  const [file] = await db
    .select()
    .from(storedFiles)
    .where(
      and(eq(storedFiles.id, fileId), eq(storedFiles.ownerType, ownerType), eq(storedFiles.ownerId, ownerId)),
    )
    .orderBy(desc(storedFiles.createdAt))
    .limit(1);
  return file ?? null;
}

/**
 * Stores a made document as the owner's, with its audit row, in one transaction; of the older
 * ones (`previous` picks them, newest first) only the last `keep - 1` stay, the others are removed
 * and their stored bytes deleted after the commit.
 */
export async function storeMadeDocument(input: {
  db: Db;
  files: FileStore;
  ctx: Ctx;
  owner: { type: string; id: string; unitId: string };
  previous: (tx: Executor) => Promise<StoredFileRow[]>;
  keep: number;
  data: Buffer;
  fileName: string;
  allowed: FileKind[];
  maxBytes: number;
  event: AuditEvent;
  /** The audit row's `after`, given the stored file. */
  audit: (file: StoredFileRow) => Record<string, unknown>;
}): Promise<StoredFileRow> {
  const { db, files, ctx, owner } = input;
  const { file, stale } = await db.transaction(async (tx) => {
    const stale: string[] = [];
    for (const old of (await input.previous(tx)).slice(input.keep - 1))
      stale.push(...(await removeFile(tx, old)));
    const file = await storeFile(tx, files, {
      owner: { type: owner.type, id: owner.id },
      data: input.data,
      fileName: input.fileName,
      allowed: input.allowed,
      maxBytes: input.maxBytes,
      actorId: ctx.actor?.userId ?? null,
    });
    await recordAudit(tx, ctx, {
      event: input.event,
      entityId: owner.id,
      unitId: owner.unitId,
      before: null,
      after: input.audit(file),
    });
    return { file, stale };
  });
  await Promise.all(stale.map((key) => files.delete(key).catch(() => {})));
  return file;
}
