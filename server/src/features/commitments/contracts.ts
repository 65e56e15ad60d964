import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import { commitmentStatuses, grades, ratingSheetStatuses } from "./schema.ts";

const year = z.coerce.number().int().min(2000).max(2100);
const text = (max: number) => z.string().trim().max(max);
const target = z.object({
  text: text(500).min(1),
  measure: text(200).optional(),
  result: text(1000).optional(),
});

export const yearQuery = z.object({ year: year.optional() });
export const unitYearQuery = z.object({ year: year.optional() });
export const unitIdParams = z.object({ id: z.uuid() });
export const idParams = z.object({ id: z.uuid() });
export const unitYearParams = z.object({ id: z.uuid(), year });

export const templateItem = z.object({
  unitId: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  studyPrompt: z.string(),
  actionPrompt: z.string(),
  targets: z.array(target),
  deadline: z.iso.date().nullable(),
  campaignWeight: z.number().int(),
  version: z.number().int(),
  /** Whether it is this unit's own template (else inherited from the unit named). */
  own: z.boolean(),
});
export const templateResponse = z.object({ template: templateItem.nullable() });
export const saveTemplateBody = z.object({
  year,
  studyPrompt: text(2000).default(""),
  actionPrompt: text(2000).default(""),
  targets: z.array(target).max(20).default([]),
  deadline: z.iso.date().nullable().optional(),
  campaignWeight: z.number().int().min(0).max(100).default(20),
  version: z.number().int().optional(),
});

export const commitmentItem = z.object({
  id: z.string(),
  personId: z.string(),
  fullName: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  year: z.number().int(),
  status: z.enum(commitmentStatuses),
  study: z.string(),
  actions: z.string(),
  targets: z.array(target),
  submittedAt: z.string().nullable(),
  midYearAssessment: z.string().nullable(),
  midYearAt: z.string().nullable(),
  yearEndAssessment: z.string().nullable(),
  yearEndAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  score: z.number().int().nullable(),
  reviewedAt: z.string().nullable(),
  /** The year is closed for this unit: changes only by a recorded correction. */
  locked: z.boolean(),
  allowedActions: z.array(z.enum(["review"])),
  version: z.number().int(),
});
export const myCommitmentResponse = z.object({
  year: z.number().int(),
  commitment: commitmentItem.nullable(),
  template: templateItem.nullable(),
  locked: z.boolean(),
});
export const saveCommitmentBody = z.object({
  year,
  study: text(5000).default(""),
  actions: text(5000).default(""),
  targets: z.array(target).max(20).default([]),
  /** The version read (absent for a first draft). */
  version: z.number().int().optional(),
});
export const submitCommitmentBody = z.object({ year });
export const assessmentBody = z.object({
  year,
  period: z.enum(["mid", "end"]),
  text: text(5000).min(1),
  /** The year-end results of the targets, in order. */
  results: z.array(text(1000)).max(20).optional(),
  version: z.number().int(),
});
export const reviewCommitmentBody = z.object({
  comment: text(2000).nullable().optional(),
  score: z.number().int().min(0).max(100).nullable().optional(),
  version: z.number().int(),
});
export const commitmentResponse = z.object({ commitment: commitmentItem });

export const unitCommitmentItem = z.object({
  personId: z.string(),
  fullName: z.string(),
  unitName: z.string(),
  commitmentId: z.string().nullable(),
  status: z.enum(commitmentStatuses).nullable(),
  submittedAt: z.string().nullable(),
  assessed: z.boolean(),
  score: z.number().int().nullable(),
});
export const unitCommitmentsQuery = pageQuery.extend({
  year: year.optional(),
  missing: z.stringbool().optional(),
});
export const unitCommitmentsResponse = listOf(unitCommitmentItem).extend({ year: z.number().int() });

const gradeEnum = z.enum(grades);
export const ratingRow = z.object({
  personId: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  commitment: z.object({ status: z.enum(commitmentStatuses), score: z.number().int().nullable() }).nullable(),
  /** The points the campaign weight suggests from the commitment's score and the cell's points. */
  proposed: z
    .object({ grade: gradeEnum, points: z.number().int().nullable(), reason: z.string().nullable() })
    .nullable(),
  final: z
    .object({ grade: gradeEnum, points: z.number().int().nullable(), reason: z.string().nullable() })
    .nullable(),
  ratingId: z.string().nullable(),
});
export const ratingSheetResponse = z.object({
  unitId: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  status: z.enum(ratingSheetStatuses),
  locked: z.boolean(),
  campaignWeight: z.number().int(),
  rows: z.array(ratingRow),
  allowedActions: z.array(z.enum(["propose", "confirm", "correct"])),
});
export const saveRatingsBody = z.object({
  year,
  version: z.number().int(),
  ratings: z
    .array(
      z.object({
        personId: z.uuid(),
        grade: gradeEnum,
        points: z.number().int().nullable().optional(),
        reason: z.string().max(2000).nullable().optional(),
      }),
    )
    .max(500),
});
export const confirmRatingsBody = z.object({
  year,
  version: z.number().int(),
  changes: z
    .array(
      z.object({
        personId: z.uuid(),
        grade: gradeEnum,
        points: z.number().int().nullable().optional(),
        reason: z.string().max(2000).nullable().optional(),
      }),
    )
    .max(500)
    .default([]),
});
export const correctionBody = z.object({
  grade: gradeEnum,
  points: z.number().int().min(0).max(100).nullable().optional(),
  reason: text(2000).min(1),
});
export const closeYearResponse = z.object({
  unitId: z.string(),
  year: z.number().int(),
  closedAt: z.string(),
});

export const historyResponse = z.object({
  items: z.array(
    z.object({
      year: z.number().int(),
      commitment: commitmentItem.nullable(),
      grade: gradeEnum.nullable(),
      points: z.number().int().nullable(),
    }),
  ),
});
