import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";

import { fileItem } from "../files/index.ts";
import { fieldRef, reviewListFilters, reviewState, reviewStep } from "../recognition/index.ts";

import { reviewStatuses } from "../recognition/schema.ts";
import { practiceKinds } from "./schema.ts";

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const named = z.object({ id: z.string(), name: z.string() });

export const practiceActions = z.enum(["update", "submit", "review", "publish"]);

export const practiceItem = z.object({
  id: z.string(),
  kind: z.enum(practiceKinds),
  title: z.string(),
  summary: z.string(),
  field: fieldRef,
  unit: named,
  person: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  status: z.enum(reviewStatuses),
  registeredOn: isoDate,
  startedOn: isoDate.nullable(),
  ...reviewState,
  adoptionCount: z.number().int(),
  cover: z.object({ thumbUrl: z.string().nullable(), displayUrl: z.string().nullable() }).nullable(),
  allowedActions: z.array(practiceActions),
  version: z.number().int(),
});

export const practiceDetail = practiceItem.extend({
  description: z.string(),
  results: z.string(),
  files: z.array(fileItem),
  steps: z.array(reviewStep),
  exemplars: z.array(z.object({ id: z.string(), title: z.string() })),
  /** Whether the caller's unit already adopted it, and may record that it does. */
  adoptedByMyUnit: z.boolean(),
  mayAdopt: z.boolean(),
});
export const practiceResponse = z.object({ practice: practiceDetail });

export const practiceListQuery = pageQuery.extend({
  ...reviewListFilters,
  /** mine: the caller's subtree only; all (default): also every recognised model. */
  scope: z.enum(["all", "mine"]).default("all"),
  sort: z.enum(["relevance", "recent", "title"]).default("recent"),
});
export const practiceListResponse = listOf(practiceItem);

const practiceFields = {
  title: text(300).min(3),
  summary: text(1000).default(""),
  description: text(20_000).default(""),
  results: text(10_000).default(""),
  fieldCode: text(60).min(1),
  startedOn: isoDate.nullable().optional(),
};
export const createPracticeBody = z.object({
  kind: z.enum(practiceKinds).default("collective"),
  unitId: z.uuid(),
  personId: z.uuid().nullable().optional(),
  registeredOn: isoDate.optional(),
  ...practiceFields,
});
export const updatePracticeBody = z.object({
  version: z.number().int(),
  title: practiceFields.title.optional(),
  summary: text(1000).optional(),
  description: text(20_000).optional(),
  results: text(10_000).optional(),
  fieldCode: practiceFields.fieldCode.optional(),
  startedOn: isoDate.nullable().optional(),
  personId: z.uuid().nullable().optional(),
});
export const practiceIdParams = z.object({ id: z.uuid() });
export const practiceFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

export const adoptionItem = z.object({
  id: z.string(),
  practice: z.object({ id: z.string(), title: z.string() }),
  unit: named,
  startedOn: isoDate,
  notes: z.string(),
  results: z.string(),
  mayEdit: z.boolean(),
  version: z.number().int(),
});
export const adoptionListResponse = listOf(adoptionItem);
export const adoptionListQuery = pageQuery.extend({ q: text(100).optional() });
export const createAdoptionBody = z.object({
  /** The adopting unit (default: the caller's). */
  unitId: z.uuid().optional(),
  startedOn: isoDate,
  notes: text(5000).default(""),
});
export const updateAdoptionBody = z.object({
  version: z.number().int(),
  startedOn: isoDate.optional(),
  notes: text(5000).optional(),
  results: text(10_000).optional(),
});
export const adoptionResponse = z.object({ adoption: adoptionItem });
export const adoptionIdParams = z.object({ id: z.uuid() });

/** How a model spread: adoptions per year and per province (or per child of the caller's unit). */
export const spreadResponse = z.object({
  total: z.number().int(),
  byYear: z.array(z.object({ year: z.number().int(), count: z.number().int() })),
  byArea: z.array(named.extend({ count: z.number().int() })),
});

export const fieldsResponse = z.object({
  items: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string() })),
});

/** The public showcase: what a visitor without an account sees of a public, recognised model. */
export const publicPracticeItem = z.object({
  id: z.string(),
  kind: z.enum(practiceKinds),
  title: z.string(),
  summary: z.string(),
  field: fieldRef,
  unitName: z.string(),
  recognisedByName: z.string().nullable(),
  recognisedOn: isoDate.nullable(),
  imageUrl: z.string().nullable(),
});
export const publicPracticeDetail = publicPracticeItem.extend({
  description: z.string(),
  results: z.string(),
  images: z.array(
    z.object({
      url: z.string(),
      thumbUrl: z.string(),
      width: z.number().nullable(),
      height: z.number().nullable(),
    }),
  ),
  adoptionCount: z.number().int(),
});
export const publicPracticeListQuery = pageQuery.extend({
  q: text(200).optional(),
  field: text(60).optional(),
});
