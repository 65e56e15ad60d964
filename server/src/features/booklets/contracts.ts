import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import { practiceKinds } from "../practices/schema.ts";

/** At most this many models in one booklet (a printed booklet of a province holds a few dozen). */
export const MAX_BOOKLET_MODELS = 100;
export const bookletFormats = ["docx", "pdf"] as const;
export type BookletFormat = (typeof bookletFormats)[number];

const text = (max: number) => z.string().trim().max(max);
const named = z.object({ id: z.string(), name: z.string() });

const practiceIds = z
  .array(z.uuid())
  .min(1)
  .max(MAX_BOOKLET_MODELS)
  .refine((ids) => new Set(ids).size === ids.length, {
    message: "Mỗi mô hình chỉ chọn một lần / Each model may be chosen once",
  });

export const createBookletBody = z.object({
  title: text(300).min(3),
  subtitle: text(500).default(""),
  /** Recognised models, in the booklet's order. */
  practiceIds,
});
export const updateBookletBody = z.object({
  version: z.number().int(),
  title: text(300).min(3).optional(),
  subtitle: text(500).optional(),
  /** The whole new list, in order (reordered, added, removed). */
  practiceIds: practiceIds.optional(),
});
export const exportBookletBody = z.object({ format: z.enum(bookletFormats) });

export const bookletIdParams = z.object({ id: z.uuid() });
export const bookletFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });
export const bookletListQuery = pageQuery;

export const bookletActions = z.enum(["update", "export"]);

export const bookletItem = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string(),
  /** The compiling unit. */
  unit: named,
  modelCount: z.number().int(),
  /** Compiled by the caller's unit's subtree (or published down to it from above). */
  mine: z.boolean(),
  updatedAt: z.string(),
  allowedActions: z.array(bookletActions),
  version: z.number().int(),
});
export const bookletListResponse = listOf(bookletItem);

export const bookletModel = z.object({
  position: z.number().int(),
  id: z.string(),
  kind: z.enum(practiceKinds),
  title: z.string(),
  summary: z.string(),
  field: z.object({ code: z.string(), name: z.string() }),
  unit: named,
  person: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  recognisedBy: named.extend({ kindCode: z.string().nullable(), kindName: z.string().nullable() }).nullable(),
  recognisedOn: z.iso.date().nullable(),
  thumbUrl: z.string().nullable(),
});

export const bookletExport = z.object({
  id: z.string(),
  format: z.enum(bookletFormats),
  fileName: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  url: z.string(),
});

export const bookletDetail = bookletItem.extend({
  items: z.array(bookletModel),
  /** The latest files made from it (a few per format), newest first: anyone who reads it may download them. */
  exports: z.array(bookletExport),
  createdAt: z.string(),
});
export const bookletResponse = z.object({ booklet: bookletDetail });
export const bookletCreated = z.object({ id: z.string() });
export const jobStarted = z.object({ jobId: z.string() });
/** What an export job answers when it succeeds (`GET /api/jobs/{id}` → result). */
export const bookletExportResult = z.object({
  url: z.string(),
  fileId: z.string(),
  fileName: z.string(),
  format: z.enum(bookletFormats),
  size: z.number().int(),
});
