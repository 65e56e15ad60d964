import { and, asc, count, eq, inArray, max } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import type { Executor } from "../../db/client.ts";
import { newId } from "../../db/columns.ts";
import { AppError, ruleViolation } from "../../lib/errors.ts";
import { type FileStore, MissingFileError } from "../../lib/storage.ts";
import { cleanText } from "../../lib/vietnamese.ts";
import { type FileKind, type StoredFileRow, storedFiles } from "./schema.ts";

/** What may be uploaded, recognised by the file's content (never by its name). */
const accepted: Record<string, { kind: FileKind; ext: string }> = {
  "image/jpeg": { kind: "image", ext: "jpg" },
  "image/png": { kind: "image", ext: "png" },
  "image/webp": { kind: "image", ext: "webp" },
  "image/gif": { kind: "image", ext: "gif" },
  "image/avif": { kind: "image", ext: "avif" },
  "application/pdf": { kind: "pdf", ext: "pdf" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    kind: "document",
    ext: "docx",
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { kind: "document", ext: "xlsx" },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    kind: "document",
    ext: "pptx",
  },
  "application/x-cfb": { kind: "document", ext: "doc" }, // Word/Excel 97–2003
  "application/vnd.oasis.opendocument.text": { kind: "document", ext: "odt" },
  "application/vnd.oasis.opendocument.spreadsheet": { kind: "document", ext: "ods" },
};
export const acceptedKinds = (kinds: FileKind[]) =>
  Object.entries(accepted)
    .filter(([, a]) => kinds.includes(a.kind))
    .map(([mime]) => mime);

const DISPLAY_WIDTH = 1600;
/** A very tall image (a scanned roll, a long screenshot) is capped too: at most 3 widths high. */
const DISPLAY_HEIGHT = 3 * DISPLAY_WIDTH;
const THUMB_WIDTH = 400;
/**
 * The most pixels an uploaded image may have (a 50-megapixel phone photo is 8,192 × 6,144): sharp's
 * own default (16,383²) lets a few-kilobyte decompression bomb of 16,000² through.
 */
export const MAX_IMAGE_PIXELS = 64_000_000;
const MAX_FILES_PER_OWNER = 20;

/** The type of a file by its content, or a 422 naming what is accepted. */
export async function detectType(data: Buffer, allowed: FileKind[]) {
  const found = await fileTypeFromBuffer(data);
  const type = found ? accepted[found.mime] : undefined;
  if (!found || !type || !allowed.includes(type.kind)) {
    throw ruleViolation("body.file", "type", {
      vi: `Loại tệp không được chấp nhận${found ? ` (${found.ext})` : ""}. Chỉ nhận: ${allowed
        .map(
          (k) =>
            ({ image: "ảnh (JPEG, PNG, WebP, GIF)", pdf: "PDF", document: "Word, Excel, PowerPoint" })[k],
        )
        .join(", ")}.`,
      en: `File type not accepted${found ? ` (${found.ext})` : ""}. Accepted: ${allowed.join(", ")}.`,
    });
  }
  return { mime: found.mime, ...type };
}

/**
 * An image's kept copies, re-encoded as JPEG (auto-rotated, transparency on white, metadata such as
 * GPS stripped): the display copy (at most 1600 px wide), which is also what `original` serves, and
 * the thumbnail. The uploaded bytes are never kept. Refuses an image of more than MAX_IMAGE_PIXELS
 * by its header, before decoding it.
 */
async function reencodeImage(data: Buffer) {
  const refused = (vi: string, en: string, reason: string) =>
    new AppError("RULE_VIOLATION", {
      message: { vi, en },
      details: [{ path: "body.file", message: reason }],
    });
  const damaged = () =>
    refused("Ảnh bị hỏng, không đọc được.", "The image is damaged and cannot be read.", "damaged");
  const megapixels = MAX_IMAGE_PIXELS / 1_000_000;
  const meta = await sharp(data)
    .metadata()
    .catch(() => {
      throw damaged();
    });
  if (!meta.width || !meta.height) throw damaged();
  if (meta.width * meta.height > MAX_IMAGE_PIXELS)
    throw refused(
      `Ảnh quá lớn (${meta.width} × ${meta.height} điểm ảnh): tối đa ${megapixels} megapixel. Hãy thu nhỏ ảnh rồi tải lên lại.`,
      `The image is too large (${meta.width} × ${meta.height} pixels): at most ${megapixels} megapixels. Shrink it and upload again.`,
      "too_many_pixels",
    );
  try {
    const image = sharp(data, { failOn: "error", limitInputPixels: MAX_IMAGE_PIXELS })
      .rotate()
      .flatten({ background: "#ffffff" });
    const display = await image
      .clone()
      .resize({ width: DISPLAY_WIDTH, height: DISPLAY_HEIGHT, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await image
      .clone()
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 78 })
      .toBuffer();
    return { display: display.data, thumb, width: display.info.width, height: display.info.height };
  } catch {
    throw damaged();
  }
}

/**
 * Stores an uploaded file for an owner object: checks its type by content and its size, keeps
 * an image only as re-encoded copies (`reencodeImage`), puts the bytes in the file store and
 * records the row, in the caller's transaction. The row keeps the uploaded type and name.
 */
export async function storeFile(
  tx: Executor,
  files: FileStore,
  input: {
    owner: { type: string; id: string };
    data: Buffer;
    fileName: string;
    allowed: FileKind[];
    maxBytes: number;
    actorId: string | null;
  },
): Promise<StoredFileRow> {
  if (input.data.length > input.maxBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", {
      message: {
        vi: `Tệp quá lớn: tối đa ${Math.round(input.maxBytes / 1_048_576)} MB.`,
        en: `The file is too large: at most ${Math.round(input.maxBytes / 1_048_576)} MB.`,
      },
    });
  }
  const [owned] = await tx
    .select({ n: count(), last: max(storedFiles.position) })
    .from(storedFiles)
    .where(and(eq(storedFiles.ownerType, input.owner.type), eq(storedFiles.ownerId, input.owner.id)));
  const existing = owned?.n ?? 0;
  if (existing >= MAX_FILES_PER_OWNER)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: `Mỗi hồ sơ đính kèm tối đa ${MAX_FILES_PER_OWNER} tệp.`,
        en: `At most ${MAX_FILES_PER_OWNER} files each.`,
      },
    });
  const type = await detectType(input.data, input.allowed);
  const id = newId();
  const base = `${input.owner.type}/${input.owner.id}/${id}`;
  let storageKey = `${base}.${type.ext}`;
  let displayKey: string | null = null;
  let thumbKey: string | null = null;
  let width: number | null = null;
  let height: number | null = null;
  if (type.kind === "image") {
    const copies = await reencodeImage(input.data);
    storageKey = displayKey = `${base}-display.jpg`;
    thumbKey = `${base}-thumb.jpg`;
    width = copies.width;
    height = copies.height;
    await files.put(displayKey, copies.display, "image/jpeg");
    await files.put(thumbKey, copies.thumb, "image/jpeg");
  } else {
    await files.put(storageKey, input.data, type.mime);
  }
  const [row] = await tx
    .insert(storedFiles)
    .values({
      id,
      ownerType: input.owner.type,
      ownerId: input.owner.id,
      fileName: cleanText(input.fileName).slice(0, 200) || `tep.${type.ext}`,
      contentType: type.mime,
      kind: type.kind,
      size: input.data.length,
      storageKey,
      displayKey,
      thumbKey,
      width,
      height,
      position: (owned?.last ?? -1) + 1,
      createdBy: input.actorId,
    })
    .returning();
  if (!row) throw new Error("no file row");
  return row;
}

export const filesOf = (db: Executor, ownerType: string, ownerIds: string[]) =>
  ownerIds.length
    ? db
        .select()
        .from(storedFiles)
        .where(and(eq(storedFiles.ownerType, ownerType), inArray(storedFiles.ownerId, ownerIds)))
        .orderBy(asc(storedFiles.position), asc(storedFiles.createdAt))
    : Promise.resolve([] as StoredFileRow[]);

export type FileVariant = "original" | "display" | "thumb";

/**
 * The bytes of a file with its type and a download name. An image is only ever served from its
 * re-encoded copies: `original` is its display copy (rows stored before the originals stopped being
 * kept still point `storageKey` at the uploaded bytes, which are never sent).
 */
export async function readFile(files: FileStore, row: StoredFileRow, variant: FileVariant) {
  if (row.kind !== "image")
    return { data: await files.get(row.storageKey), contentType: row.contentType, fileName: row.fileName };
  const key = variant === "thumb" ? row.thumbKey : row.displayKey;
  if (!key) throw new MissingFileError(`${row.storageKey} (${variant})`);
  const stem = row.fileName.replace(/\.[^.]*$/, "") || "anh";
  return { data: await files.get(key), contentType: "image/jpeg", fileName: `${stem}.jpg` };
}

/** Removes a file's row (its bytes go after the transaction commits, by the caller). */
export async function removeFile(tx: Executor, row: StoredFileRow) {
  await tx.delete(storedFiles).where(eq(storedFiles.id, row.id));
  return [...new Set([row.storageKey, row.displayKey, row.thumbKey])].filter((k): k is string => !!k);
}
