import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import { documentKinds } from "./schema.ts";

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const named = z.object({ id: z.string(), name: z.string() });

export const documentActions = z.enum(["update", "report"]);

export const documentVersion = z.object({
  id: z.string(),
  number: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  note: z.string(),
  url: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});

export const documentItem = z.object({
  id: z.string(),
  kind: z.enum(documentKinds),
  /** Số, ký hiệu, e.g. 05-CT/TW. */
  number: z.string(),
  title: z.string(),
  summary: z.string(),
  issuedOn: isoDate,
  /** The issuing unit. */
  unit: named,
  /** Issued by the caller's unit or one below it. */
  mine: z.boolean(),
  versionCount: z.number().int(),
  /** The current file (the latest version), if any has been uploaded. */
  latest: documentVersion.nullable(),
  /** Bulletins: when the caller marked it read (null: not yet). */
  readAt: z.string().nullable(),
  allowedActions: z.array(documentActions),
  version: z.number().int(),
});
export const documentDetail = documentItem.extend({
  /** Every version, the latest first. */
  versions: z.array(documentVersion),
});
export const documentResponse = z.object({ document: documentDetail });
export const documentListResponse = listOf(documentItem);
export const documentListQuery = pageQuery.extend({
  /** Searches the title, number and summary without diacritics ("chi thi 05" finds "Chỉ thị 05-CT/TW"). */
  q: text(200).optional(),
  kind: z.enum(documentKinds).optional(),
  year: z.coerce.number().int().min(1945).max(2200).optional(),
  /** Issued by that unit. */
  unitId: z.uuid().optional(),
  /** Only bulletins the caller has not marked read. */
  unread: z.stringbool().optional(),
});

const fields = {
  kind: z.enum(documentKinds),
  number: text(60).default(""),
  title: text(500).min(3),
  summary: text(5000).default(""),
  issuedOn: isoDate,
};
export const createDocumentBody = z.object({
  /** The issuing unit (default: the caller's). */
  unitId: z.uuid().optional(),
  ...fields,
});
export const updateDocumentBody = z.object({
  version: z.number().int(),
  kind: fields.kind.optional(),
  number: text(60).optional(),
  title: fields.title.optional(),
  summary: text(5000).optional(),
  issuedOn: isoDate.optional(),
});
export const documentIdParams = z.object({ id: z.uuid() });
export const documentVersionParams = z.object({ id: z.uuid(), versionId: z.uuid() });
export const addVersionQuery = z.object({ note: text(500).default("") });
export const versionResponse = z.object({ version: documentVersion });

export const issuersResponse = z.object({
  items: z.array(named.extend({ count: z.number().int() })),
});

export const readResponse = z.object({ readAt: z.string() });

const readCounts = z.object({
  /** Accounts that marked it read. */
  readers: z.number().int(),
  /** Of them, members (accounts of a person in the registry). */
  memberReaders: z.number().int(),
  /** Active members (the figures, today). */
  members: z.number().int(),
  /** memberReaders ÷ members, 0..1. */
  share: z.number(),
});
export const readReportQuery = z.object({
  /** The unit whose child units are listed (default the issuing unit; within its subtree). */
  unitId: z.uuid().optional(),
});
export const readReportResponse = readCounts.extend({
  unit: named,
  /** Readers placed directly at the unit (not in a unit below it). */
  direct: z.object({ readers: z.number().int(), memberReaders: z.number().int() }),
  children: z.array(readCounts.extend({ unit: named })),
});
