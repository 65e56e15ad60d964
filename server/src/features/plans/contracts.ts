import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import { planKinds, planStatuses, taskStatuses } from "./schema.ts";

/** At most this many objectives and tasks in one plan. */
export const MAX_OBJECTIVES = 50;
export const MAX_TASKS = 200;

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const named = z.object({ id: z.string(), name: z.string() });
const year = z.coerce.number().int().min(2000).max(2100);
/** "2025–2030" (a hyphen or any dash between the years). */
export const termPattern = /^(\d{4})\s*[-–—]\s*(\d{4})$/u;
const term = text(20).regex(termPattern, "Nhiệm kỳ dạng 2025–2030 / A term like 2025–2030");

export const planActions = z.enum(["update", "issue", "delete", "cascade"]);

const signer = z.object({
  /** "T/M BAN THƯỜNG VỤ", or two lines with "K/T BÍ THƯ". */
  authority: text(200),
  title: text(200),
  name: text(200),
});

export const objectiveItem = z.object({
  id: z.string(),
  content: z.string(),
  inheritedFromId: z.string().nullable(),
});

export const taskItem = z.object({
  id: z.string(),
  content: z.string(),
  ownerUnit: named,
  deadline: isoDate.nullable(),
  status: z.enum(taskStatuses),
  /** Not done and past its deadline (judged in Asia/Ho_Chi_Minh). */
  overdue: z.boolean(),
  progress: z.number().int(),
  note: z.string(),
  inheritedFromId: z.string().nullable(),
  /** Whether the caller may report this task's progress now. */
  mayUpdate: z.boolean(),
  version: z.number().int(),
});

export const planItem = z.object({
  id: z.string(),
  kind: z.enum(planKinds),
  /** Whole-term plans: the term; annual plans: the year. */
  term: z.string().nullable(),
  year: z.number().int().nullable(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  title: z.string(),
  summary: z.string(),
  unit: named,
  status: z.enum(planStatuses),
  /** "12-KH/ĐU" once issued. */
  number: z.string().nullable(),
  issuedOn: isoDate.nullable(),
  parentPlan: z.object({ id: z.string(), title: z.string(), unitName: z.string() }).nullable(),
  /** Issued by a unit above the caller's (published down to it), not its own subtree's. */
  fromAbove: z.boolean(),
  taskCount: z.number().int(),
  /** The average progress of its tasks, 0–100. */
  progress: z.number().int(),
  allowedActions: z.array(planActions),
  version: z.number().int(),
});

export const planDetail = planItem.extend({
  preamble: z.string(),
  purpose: z.string(),
  implementation: z.string(),
  recipients: z.string(),
  signer,
  place: z.string().nullable(),
  /** The term its number counts in. */
  numberTerm: z.string().nullable(),
  objectives: z.array(objectiveItem),
  tasks: z.array(taskItem),
  /** For a unit directly below the plan's: may the caller start its unit's plan from this one, and the one already started. */
  derivation: z.object({
    mayDerive: z.boolean(),
    derivedPlan: z.object({ id: z.string(), status: z.enum(planStatuses) }).nullable(),
  }),
  docxUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const planResponse = z.object({ plan: planDetail });

export const planListQuery = pageQuery.extend({
  /** The unit whose view to list (default: the caller's). */
  unitId: z.uuid().optional(),
  /** Plans in force in that year: annual plans of the year, whole-term plans whose term holds it. */
  year: year.optional(),
  kind: z.enum(planKinds).optional(),
  status: z.enum(planStatuses).optional(),
  /**
   * all (default): the unit's subtree's plans and those issued above it (published down to it);
   * unit: the unit's own; above: issued by the units above it; below: its subordinate units'.
   */
  scope: z.enum(["all", "unit", "above", "below"]).default("all"),
});
export const planListResponse = listOf(planItem);

const objectiveInput = z.object({ id: z.uuid().optional(), content: text(2000).min(1) });
const taskInput = z.object({
  /** An existing task of the plan (kept, with its link to the parent's task); none for a new one. */
  id: z.uuid().optional(),
  content: text(2000).min(1),
  /** The plan's unit (default) or a unit below it. */
  ownerUnitId: z.uuid().optional(),
  deadline: isoDate.nullable().optional(),
});
const uniqueIds = (items: { id?: string | undefined }[]) => {
  const ids = items.flatMap((i) => (i.id ? [i.id] : []));
  return new Set(ids).size === ids.length;
};
const objectives = z
  .array(objectiveInput)
  .max(MAX_OBJECTIVES)
  .refine(uniqueIds, "Mỗi mục tiêu chỉ một lần / Each objective once");
const tasks = z
  .array(taskInput)
  .max(MAX_TASKS)
  .refine(uniqueIds, "Mỗi nhiệm vụ chỉ một lần / Each task once");

const documentFields = {
  title: text(300).min(3),
  summary: text(500).min(3),
  preamble: text(5000),
  purpose: text(20_000),
  implementation: text(20_000),
  recipients: text(2000),
  signer: signer.partial(),
};

export const createPlanBody = z
  .object({
    /** The plan's unit (default: the caller's). */
    unitId: z.uuid().optional(),
    kind: z.enum(planKinds),
    term: term.optional(),
    year: year.optional(),
    ...documentFields,
    preamble: documentFields.preamble.default(""),
    purpose: documentFields.purpose.default(""),
    implementation: documentFields.implementation.default(""),
    recipients: documentFields.recipients.optional(),
    signer: documentFields.signer.optional(),
    objectives: objectives.default([]),
    tasks: tasks.default([]),
  })
  .superRefine((body, ctx) => {
    if (body.kind === "whole_term" && !body.term)
      ctx.addIssue({ code: "custom", path: ["term"], message: "Cần nhiệm kỳ / A term is required" });
    if (body.kind === "annual" && body.year === undefined)
      ctx.addIssue({ code: "custom", path: ["year"], message: "Cần năm / A year is required" });
  });

export const updatePlanBody = z.object({
  version: z.number().int(),
  term: term.optional(),
  year: year.optional(),
  title: documentFields.title.optional(),
  summary: documentFields.summary.optional(),
  preamble: documentFields.preamble.optional(),
  purpose: documentFields.purpose.optional(),
  implementation: documentFields.implementation.optional(),
  recipients: documentFields.recipients.optional(),
  signer: documentFields.signer.optional(),
  /** The whole list, in order: listed ids are kept, others removed, new ones added. */
  objectives: objectives.optional(),
  tasks: tasks.optional(),
});

export const issuePlanBody = z.object({
  /** The date the document bears (default: today); not in the future. */
  issuedOn: isoDate.optional(),
  /** The place it is dated at (default: the unit's, or its nearest ancestor's, administrative area). */
  place: text(100).min(2).optional(),
});

export const derivePlanBody = z.object({
  /** The unit directly below the plan's whose plan to start (default: the caller's). */
  unitId: z.uuid().optional(),
});

export const updateTaskBody = z.object({
  version: z.number().int(),
  status: z.enum(taskStatuses).optional(),
  progress: z.number().int().min(0).max(100).optional(),
  note: text(2000).optional(),
});
export const taskResponse = z.object({ task: taskItem });

export const planIdParams = z.object({ id: z.uuid() });
export const planTaskParams = z.object({ id: z.uuid(), taskId: z.uuid() });

const taskProgress = z.object({
  total: z.number().int(),
  done: z.number().int(),
  inProgress: z.number().int(),
  notStarted: z.number().int(),
  overdue: z.number().int(),
  /** Average progress, 0–100. */
  progress: z.number().int(),
});

export const cascadeResponse = z.object({
  planId: z.string(),
  /** How many of the units directly below have issued their plan derived from this one. */
  issued: z.number().int(),
  total: z.number().int(),
  units: z.array(
    z.object({
      unit: named,
      plan: z
        .object({
          id: z.string(),
          status: z.enum(planStatuses),
          number: z.string().nullable(),
          issuedOn: isoDate.nullable(),
        })
        .nullable(),
      /** The inherited tasks of its derived plan. */
      tasks: taskProgress,
      items: z.array(
        z.object({
          taskId: z.string(),
          inheritedFromId: z.string(),
          status: z.enum(taskStatuses),
          progress: z.number().int(),
          overdue: z.boolean(),
        }),
      ),
    }),
  ),
  /** For each task of this plan: how its copies in the units' derived plans progress. */
  byTask: z.array(
    z.object({
      taskId: z.string(),
      units: z.number().int(),
      done: z.number().int(),
      progress: z.number().int(),
    }),
  ),
});
