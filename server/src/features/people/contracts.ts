import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import { genders, personStatuses } from "./schema.ts";

const isoDate = z.iso.date();

export const personItem = z.object({
  id: z.string(),
  fullName: z.string(),
  givenName: z.string().nullable(),
  gender: z.enum(genders).nullable(),
  birthDate: z.string().nullable(),
  joinedOn: z.string().nullable(),
  officialOn: z.string().nullable(),
  position: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  status: z.enum(personStatuses),
  statusOn: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  version: z.number().int(),
  allowedActions: z.array(z.enum(["update", "transfer"])),
});

export const peopleListQuery = pageQuery.extend({
  unitId: z.uuid().optional(),
  /** "true": only the people of `unitId` itself, not of its sub-units (e.g. to split a unit). */
  direct: z.enum(["true", "false"]).optional(),
  q: z.string().trim().max(100).optional(),
  status: z.enum(personStatuses).optional(),
});
export const peopleListResponse = listOf(personItem).extend({ allowedActions: z.array(z.enum(["create"])) });

const fields = {
  fullName: z.string().trim().min(2).max(120),
  givenName: z.string().trim().max(60).nullable().optional(),
  gender: z.enum(genders).nullable().optional(),
  birthDate: isoDate.nullable().optional(),
  joinedOn: isoDate.nullable().optional(),
  officialOn: isoDate.nullable().optional(),
  position: z.string().trim().max(200).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +().-]{6,20}$/)
    .nullable()
    .optional(),
  email: z.email().max(120).nullable().optional(),
};
export const createPersonBody = z.object({ unitId: z.uuid(), ...fields });
export const updatePersonBody = z.object({
  ...fields,
  fullName: fields.fullName.optional(),
  status: z.enum(personStatuses).optional(),
  statusOn: isoDate.nullable().optional(),
  version: z.number().int().min(1),
});
export const transferPersonBody = z.object({
  toUnitId: z.uuid(),
  on: isoDate,
  reason: z.string().trim().max(300).nullable().optional(),
});
export const personResponse = z.object({ person: personItem });
export const personIdParams = z.object({ id: z.uuid() });
