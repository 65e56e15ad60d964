import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import { unitStatuses } from "./schema.ts";

const isoDate = z.iso.date();
export const unitActions = z.enum(["update", "createChild", "move", "merge", "split", "dissolve"]);

export const unitItem = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  depth: z.number().int(),
  kindCode: z.string().nullable(),
  status: z.enum(unitStatuses),
  childCount: z.number().int(),
});
export const unitListQuery = pageQuery.extend({ q: z.string().trim().max(100).optional() });
export const unitListResponse = listOf(unitItem);
export const childrenQuery = pageQuery.extend({ q: z.string().trim().max(100).optional() });

const contact = z.object({
  phone: z.string().trim().max(30).optional(),
  email: z.string().trim().max(120).optional(),
  address: z.string().trim().max(300).optional(),
});
const term = z.object({ name: z.string().trim().min(1).max(40), start: isoDate, end: isoDate.nullable() });

export const unitDetail = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  status: z.enum(unitStatuses),
  parentId: z.string().nullable(),
  successor: z.object({ id: z.string(), name: z.string() }).nullable(),
  adminAreaCode: z.string().nullable(),
  /** The administrative area of `adminAreaCode`, named (a province, or a commune and its province). */
  adminArea: z
    .object({ code: z.string(), name: z.string(), fullName: z.string(), provinceName: z.string().nullable() })
    .nullable(),
  documentCode: z.string().nullable(),
  contact: contact.nullable(),
  terms: z.array(term).nullable(),
  activeFrom: z.string().nullable(),
  activeTo: z.string().nullable(),
  breadcrumb: z.array(z.object({ id: z.string(), name: z.string() })),
  childCount: z.number().int(),
  version: z.number().int(),
  allowedActions: z.array(unitActions),
});
export const unitResponse = z.object({ unit: unitDetail });
export const unitIdParams = z.object({ id: z.uuid() });

const editable = {
  name: z.string().trim().min(1).max(200),
  shortName: z.string().trim().max(60).nullable().optional(),
  code: z.string().trim().min(1).max(30).nullable().optional(),
  kindId: z.uuid().nullable().optional(),
  adminAreaCode: z.string().trim().max(10).nullable().optional(),
  documentCode: z.string().trim().max(20).nullable().optional(),
  contact: contact.nullable().optional(),
  terms: z.array(term).max(20).nullable().optional(),
  activeFrom: isoDate.nullable().optional(),
};
export const createUnitBody = z.object({ parentId: z.uuid(), ...editable });
export const updateUnitBody = z.object({
  ...editable,
  name: editable.name.optional(),
  version: z.number().int().min(1),
});

export const moveUnitBody = z.object({ parentId: z.uuid(), on: isoDate, dryRun: z.boolean().default(false) });
export const mergeUnitsBody = z.object({
  sourceIds: z.array(z.uuid()).min(1).max(50),
  targetId: z.uuid(),
  on: isoDate,
  dryRun: z.boolean().default(false),
});
export const dissolveUnitBody = z.object({ on: isoDate });
const splitPart = z.object({
  name: editable.name,
  code: editable.code,
  shortName: editable.shortName,
  /** Defaults to the kind of the unit split (a cell splits into cells). */
  kindId: editable.kindId,
  /** Sub-units of the unit split that move under this part, with their subtrees. */
  childIds: z.array(z.uuid()).max(2_000).default([]),
  /** Active members of the unit split that transfer into this part on `on`. */
  personIds: z.array(z.uuid()).max(10_000).default([]),
});
export const splitUnitBody = z.object({
  on: isoDate,
  parts: z.array(splitPart).min(1).max(20),
  /** Close the unit split (status "dissolved"): then every active sub-unit and member must be assigned. */
  closeSource: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});
export const reorganisationResponse = z.object({
  dryRun: z.boolean(),
  /** What the step touches: units in the moved subtrees, active people in them. */
  units: z.number().int(),
  people: z.number().int(),
  unit: unitDetail.nullable(),
});

/** A split answers like a merge, plus the new units (none on a dry run). */
export const splitUnitResponse = reorganisationResponse.extend({
  parts: z.array(z.object({ id: z.string(), name: z.string(), code: z.string().nullable() })),
});

export const statsQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const statsResponse = z.object({
  unitId: z.string(),
  from: z.string(),
  to: z.string(),
  metrics: z.record(z.string(), z.number()),
  labels: z.record(z.string(), z.string()),
});

export const unitKindsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      level: z.number().int(),
    }),
  ),
});
export const historyResponse = z.object({
  items: z.array(
    z.object({ id: z.string(), kind: z.string(), on: z.string(), at: z.string(), details: z.unknown() }),
  ),
});
