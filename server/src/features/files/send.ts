import type { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { AppError } from "../../lib/errors.ts";
import { contentDisposition } from "../../lib/http.ts";
import { type FileStore, MissingFileError } from "../../lib/storage.ts";
import type { StoredFileRow } from "./schema.ts";
import { type FileVariant, readFile } from "./store.ts";

/**
 * Sends file bytes with their type, a download name in both ASCII and UTF-8, and a cache policy.
 * Only images open in the browser; everything else (PDFs, which may carry JavaScript, office
 * documents) downloads as an attachment. Nothing served here may run or be sniffed as a page:
 * `nosniff`, and a sandboxing Content-Security-Policy that allows no script, form or plugin.
 */
export function sendFile(
  reply: FastifyReply,
  out: { data: Buffer | Readable; contentType: string; fileName: string; size?: number },
  cache: string,
) {
  if (out.size !== undefined) reply.header("content-length", out.size);
  const inline = out.contentType.startsWith("image/");
  return reply
    .header("content-type", out.contentType)
    .header("cache-control", cache)
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
    .header("content-disposition", contentDisposition(out.fileName, inline))
    .send(out.data);
}

/** The 404 of a stored file whose bytes are missing, logged as a warning. */
function missingBytes(
  reply: FastifyReply,
  row: StoredFileRow,
  error: MissingFileError,
  variant: FileVariant,
) {
  reply.log.warn({ fileId: row.id, key: error.key, variant }, "file bytes missing from the file store");
  return new AppError("NOT_FOUND", {
    message: {
      vi: `Không tìm thấy nội dung tệp “${row.fileName}” trong kho lưu trữ. Hãy báo quản trị viên (có thể cần khôi phục tệp từ bản sao lưu).`,
      en: `The contents of the file “${row.fileName}” are missing from the file store. Tell an administrator (the file may need restoring from a backup).`,
    },
  });
}

/**
 * Sends a stored document (not an image) as a stream from the file store, for files too big to
 * hold in memory (a national export): same headers and missing-bytes answer as `sendStoredFile`.
 */
export async function streamStoredFile(
  reply: FastifyReply,
  files: FileStore,
  row: StoredFileRow,
  cache: string,
) {
  try {
    const { stream, size } = await files.open(row.storageKey);
    return sendFile(
      reply,
      { data: stream, size, contentType: row.contentType, fileName: row.fileName },
      cache,
    );
  } catch (error) {
    if (!(error instanceof MissingFileError)) throw error;
    throw missingBytes(reply, row, error, "original");
  }
}

/**
 * Sends a stored file (or an image's variant). Bytes missing from the file store (lost, or a
 * restore without its files) answer 404 with a clear message, and are logged as a warning.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  files: FileStore,
  row: StoredFileRow,
  variant: FileVariant,
  cache: string,
) {
  try {
    return sendFile(reply, await readFile(files, row, variant), cache);
  } catch (error) {
    if (!(error instanceof MissingFileError)) throw error;
    throw missingBytes(reply, row, error, variant);
  }
}
