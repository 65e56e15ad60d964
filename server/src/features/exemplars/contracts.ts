import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import { fileVariantQuery } from "../files/index.ts";
import { fieldRef, reviewListFilters, reviewState, reviewStep } from "../recognition/index.ts";
import { reviewStatuses } from "../recognition/schema.ts";
import { exemplarKinds } from "./schema.ts";

export const queueCounts = z.object({ practices: z.number().int(), exemplars: z.number().int() });

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const named = z.object({ id: z.string(), name: z.string() });

export const exemplarActions = z.enum(["update", "submit", "review", "publish"]);

/** The photo's copies: the original, a display copy (≤ 1600 px) and a thumbnail (400 px). */
export const exemplarPhoto = z.object({
  url: z.string(),
  displayUrl: z.string(),
  thumbUrl: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});

export const exemplarItem = z.object({
  id: z.string(),
  kind: z.enum(exemplarKinds),
  /** The name shown: the unit's, the person's, or the given one. */
  title: z.string(),
  /** The first lines of the story, for cards. */
  excerpt: z.string(),
  field: fieldRef,
  /** The nominating unit (whose subtree owns the record). */
  unit: named,
  /** Collective: the unit honoured. */
  subjectUnit: named.nullable(),
  /** Individual of the registry: the person and their unit. */
  person: z.object({ id: z.string(), fullName: z.string(), unitName: z.string() }).nullable(),
  /** Individual outside the registry: the name and their unit or address. */
  personName: z.string().nullable(),
  personUnitName: z.string().nullable(),
  status: z.enum(reviewStatuses),
  registeredOn: isoDate,
  ...reviewState,
  practiceCount: z.number().int(),
  photo: exemplarPhoto.nullable(),
  allowedActions: z.array(exemplarActions),
  version: z.number().int(),
});

export const linkedPractice = z.object({
  id: z.string(),
  title: z.string(),
  unitName: z.string(),
  status: z.enum(reviewStatuses),
});

export const exemplarDetail = exemplarItem.extend({
  story: z.string(),
  achievements: z.string(),
  practices: z.array(linkedPractice),
  steps: z.array(reviewStep),
});
export const exemplarResponse = z.object({ exemplar: exemplarDetail });

export const exemplarListQuery = pageQuery.extend({
  ...reviewListFilters,
  kind: z.enum(exemplarKinds).optional(),
  /** mine: the caller's subtree only; all (default): also every recognised exemplar. */
  scope: z.enum(["all", "mine"]).default("all"),
  sort: z.enum(["relevance", "recent", "title"]).default("recent"),
});
export const exemplarListResponse = listOf(exemplarItem);

/**
 * Who is honoured: a collective names a unit of the nominating unit's subtree; an individual names
 * a person of that subtree, or (outside the registry) a name with their unit or address.
 */
const subjectFields = {
  subjectUnitId: z.uuid().nullable().optional(),
  personId: z.uuid().nullable().optional(),
  personName: text(200).nullable().optional(),
  personUnitName: text(300).nullable().optional(),
};

export const createExemplarBody = z.object({
  kind: z.enum(exemplarKinds),
  /** The nominating unit. */
  unitId: z.uuid(),
  ...subjectFields,
  fieldCode: text(60).min(1),
  story: text(20_000).default(""),
  achievements: text(10_000).default(""),
  registeredOn: isoDate.optional(),
});
export const updateExemplarBody = z.object({
  version: z.number().int(),
  ...subjectFields,
  fieldCode: text(60).min(1).optional(),
  story: text(20_000).optional(),
  achievements: text(10_000).optional(),
});
export const linkPracticesBody = z.object({
  /** The recognised models the exemplar built or carried (the whole list: it replaces the old one). */
  practiceIds: z.array(z.uuid()).max(50),
  version: z.number().int(),
});
export const exemplarIdParams = z.object({ id: z.uuid() });

/** The public showcase: what a visitor without an account sees of a public, recognised exemplar. */
export const publicExemplarItem = z.object({
  id: z.string(),
  kind: z.enum(exemplarKinds),
  title: z.string(),
  /** Where the exemplar belongs: the person's unit or address, or the nominating unit. */
  subtitle: z.string(),
  excerpt: z.string(),
  field: fieldRef,
  unitName: z.string(),
  recognisedByName: z.string().nullable(),
  recognisedOn: isoDate.nullable(),
  imageUrl: z.string().nullable(),
  thumbUrl: z.string().nullable(),
});
export const publicExemplarDetail = publicExemplarItem.extend({
  story: z.string(),
  achievements: z.string(),
  imageWidth: z.number().int().nullable(),
  imageHeight: z.number().int().nullable(),
  /** Linked models that are on the showcase too. */
  practices: z.array(z.object({ id: z.string(), title: z.string() })),
});
export const publicExemplarListQuery = pageQuery.extend({
  q: text(200).optional(),
  field: text(60).optional(),
  kind: z.enum(exemplarKinds).optional(),
});
/** `v` (the photo's id) only makes a replaced photo a new address for caches. */
const photoVersion = { v: z.string().max(64).optional() };
export const photoQuery = fileVariantQuery.extend(photoVersion);
export const publicPhotoQuery = z.object({
  variant: z.enum(["display", "thumb"]).default("display"),
  ...photoVersion,
});
