import type { Db, Executor } from "../../db/client.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import type { FileStore } from "../../lib/storage.ts";
import {
  documentPlace,
  findOwnedFile,
  issuingUnit,
  ownedFiles,
  storeMadeDocument,
  upperBodyOf,
} from "../documents/index.ts";
import { filesOf } from "../files/index.ts";
import type { StoredFileRow } from "../files/schema.ts";
import type { BookletFormat } from "./contracts.ts";
import { type BookletListRow, bookletModels, currentBooklet } from "./queries.ts";
import { type BookletDocument, bookletDocx, bookletPdf } from "./render.ts";

/** A model prints at most this many of its photos (its first ones, in their order). */
const IMAGES_PER_MODEL = 4;
/** Exports kept per format: older ones are removed when a new one is stored. */
const KEEP_PER_FORMAT = 3;
const MAX_EXPORT_BYTES = 500 * 1_048_576;

export const BOOKLET_OWNER = "booklet";
export const exportUrl = (bookletId: string, fileId: string) => `/api/booklets/${bookletId}/files/${fileId}`;
export const formatOf = (file: StoredFileRow): BookletFormat => (file.kind === "pdf" ? "pdf" : "docx");

/** The booklet's exported files, newest first. */
export const bookletExports = (db: Executor, bookletId: string) => ownedFiles(db, BOOKLET_OWNER, bookletId);

/** What the booklet prints: its unit, the place and year, its recognised models in order. */
export async function bookletDocument(
  db: Db,
  files: FileStore,
  row: BookletListRow,
): Promise<BookletDocument> {
  const models = (await bookletModels(db, row.booklet.id)).filter((m) => m.practice.status === "recognised");
  const photos = await filesOf(
    db,
    "practice",
    models.map((m) => m.practice.id),
  );
  return {
    title: row.booklet.title,
    subtitle: row.booklet.subtitle,
    unitName: row.unitName,
    // The upper line of the unit's plans and reports, by the same rule (none under the Central Committee).
    parentName: await upperBodyOfUnit(db, row.booklet.unitId),
    place: await documentPlace(db, row.unitPath),
    year: vnToday().slice(0, 4),
    models: models.map(({ practice: p, ...m }) => ({
      title: p.title,
      kind: p.kind,
      unitName: m.unitName,
      personName: m.personName,
      fieldName: m.fieldName,
      recognisedByName: m.recognisedName,
      level: p.recognisedLevel,
      levelName: m.recognisedKindName,
      recognisedOn: p.recognisedOn,
      summary: p.summary,
      description: p.description,
      results: p.results,
      // The display copies (at most 1600 px wide, JPEG): the originals may be phone photos of many megabytes.
      images: async () =>
        Promise.all(
          photos
            .filter((f) => f.ownerId === p.id && f.kind === "image" && f.displayKey && f.width && f.height)
            .slice(0, IMAGES_PER_MODEL)
            .map(async (f) => ({
              data: await files.get(f.displayKey as string),
              width: f.width as number,
              height: f.height as number,
            })),
        ),
    })),
  };
}

/**
 * Makes the booklet's file in one format (progress per model), then stores it in the file store
 * as the booklet's, with its audit row, in one transaction; older exports of the format beyond the
 * last few are removed. Answers what the job returns: the download URL.
 */
export async function exportBooklet(
  deps: { db: Db; files: FileStore },
  ctx: Ctx,
  bookletId: string,
  format: BookletFormat,
  progress: (value: number) => Promise<void>,
) {
  // The title and models as they are when the job runs (an edit may have come in between).
  const row = await currentBooklet(deps.db, bookletId);
  if (!row) throw new AppError("NOT_FOUND");
  const content = await bookletDocument(deps.db, deps.files, row);
  const onModel = (done: number, total: number) => progress((0.9 * done) / Math.max(total, 1));
  const data = format === "pdf" ? await bookletPdf(content, onModel) : await bookletDocx(content, onModel);
  const file = await storeMadeDocument({
    ...deps,
    ctx,
    owner: { type: BOOKLET_OWNER, id: row.booklet.id, unitId: row.booklet.unitId },
    previous: async (tx) => (await bookletExports(tx, row.booklet.id)).filter((f) => formatOf(f) === format),
    keep: KEEP_PER_FORMAT,
    data,
    fileName: `${row.booklet.title}.${format}`,
    allowed: [format === "pdf" ? "pdf" : "document"],
    maxBytes: MAX_EXPORT_BYTES,
    event: "booklet.export",
    audit: (file) => ({
      format,
      fileId: file.id,
      fileName: file.fileName,
      size: file.size,
      models: content.models.length,
    }),
  });
  await progress(1);
  return {
    url: exportUrl(row.booklet.id, file.id),
    fileId: file.id,
    fileName: file.fileName,
    format,
    size: file.size,
  };
}

/** An exported file of the booklet, or null. */
export const findExport = (db: Executor, bookletId: string, fileId: string) =>
  findOwnedFile(db, BOOKLET_OWNER, bookletId, fileId);

async function upperBodyOfUnit(db: Executor, unitId: string): Promise<string | null> {
  const unit = await issuingUnit(db, unitId);
  return unit ? upperBodyOf(unit) : null;
}
