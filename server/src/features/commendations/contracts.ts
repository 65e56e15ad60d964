import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import {
  decisionStatuses,
  proposalStatuses,
  recipientKinds,
  recipientStatuses,
  stepActions,
} from "./schema.ts";

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const named = z.object({ id: z.string(), name: z.string() });
const year = z.number().int().min(1945).max(2200);
const comment = text(2000).nullable().optional();

export const MAX_RECIPIENTS = 2000;

// Forms ----------------------------------------------------------------------------------------

export const formRef = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  rank: z.number().int(),
});

export const formItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  /** The Vietnamese name whatever the language asked for (what administrators edit). */
  nameVi: z.string(),
  nameEn: z.string(),
  rank: z.number().int(),
  /** Unit kind codes whose committees may issue it. */
  issuerKinds: z.array(z.string()),
  recipientKinds: z.array(z.enum(recipientKinds)),
  active: z.boolean(),
  /** The unit whose subtree this definition applies to; null for the national catalogue. */
  unit: named.nullable(),
  /** Whether the caller's unit (or the proposing unit asked for) may issue it. */
  entitled: z.boolean(),
  /** Where a proposal of it from that unit would be decided: the nearest unit above entitled to it. */
  issuer: named.nullable(),
  allowedActions: z.array(z.enum(["update"])),
  version: z.number().int(),
});
export const formListQuery = pageQuery.extend({
  /** effective: the catalogue that applies to the caller's unit; all: every definition in sight. */
  view: z.enum(["effective", "all"]).default("effective"),
  /** A proposing unit of the caller's subtree: its catalogue, entitlement and issuer above (default: the caller's unit). */
  unitId: z.uuid().optional(),
});
export const formListResponse = listOf(formItem);
const kindCodes = z.array(text(60).min(1)).max(30);
export const createFormBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, "Mã gồm chữ thường không dấu, số và dấu gạch dưới"),
  name: text(200).min(2),
  nameEn: text(200).min(2),
  rank: z.number().int().min(0).max(1000),
  issuerKinds: kindCodes,
  recipientKinds: z.array(z.enum(recipientKinds)).min(1).max(2),
  active: z.boolean().default(true),
});
export const updateFormBody = z.object({
  version: z.number().int(),
  name: text(200).min(2).optional(),
  nameEn: text(200).min(2).optional(),
  rank: z.number().int().min(0).max(1000).optional(),
  issuerKinds: kindCodes.optional(),
  recipientKinds: z.array(z.enum(recipientKinds)).min(1).max(2).optional(),
  active: z.boolean().optional(),
});
export const formResponse = z.object({ form: formItem });
export const idParams = z.object({ id: z.uuid() });

// Recipients -----------------------------------------------------------------------------------

export const linkTypes = ["practice", "exemplar", "commitment"] as const;
export const recipientInput = z.object({
  kind: z.enum(recipientKinds),
  /** A collective: a unit of the proposing unit's subtree. */
  unitId: z.uuid().optional(),
  /** An individual of the registry, in the proposing unit's subtree. */
  personId: z.uuid().optional(),
  /** Or a named citizen, with their unit or address. */
  personName: text(200).optional(),
  personUnitName: text(300).optional(),
  achievement: text(5000).default(""),
  links: z
    .array(z.object({ type: z.enum(linkTypes), id: z.uuid() }))
    .max(20)
    .default([]),
});
export type RecipientInput = z.output<typeof recipientInput>;

export const recipientItem = z.object({
  id: z.string(),
  position: z.number().int(),
  kind: z.enum(recipientKinds),
  name: z.string(),
  unitLabel: z.string(),
  /** The unit the recipient counts in. */
  unit: named,
  subjectUnitId: z.string().nullable(),
  personId: z.string().nullable(),
  achievement: z.string(),
  links: z.array(z.object({ type: z.enum(linkTypes), id: z.string(), title: z.string() })),
});
export const proposalRecipientItem = recipientItem.extend({
  status: z.enum(recipientStatuses),
  trimReason: z.string().nullable(),
  trimmedBy: z.string().nullable(),
  trimmedAt: z.string().nullable(),
  trimmedUnit: named.nullable(),
});

export const warningItem = z.object({
  code: z.enum(["duplicate", "outside_issuer", "recipient_outside_issuer"]),
  message: z.string(),
  recipientId: z.string().nullable(),
  /** The other proposal or decision naming the same recipient (duplicates). */
  other: z.object({ type: z.enum(["proposal", "decision"]), label: z.string() }).nullable(),
});

export const stepItem = z.object({
  action: z.enum(stepActions),
  from: named.nullable(),
  to: named.nullable(),
  actorName: z.string().nullable(),
  comment: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});

// Proposals ------------------------------------------------------------------------------------

export const reviewActions = ["forward", "return", "trim", "approve", "raise"] as const;

export const proposalItem = z.object({
  id: z.string(),
  title: z.string(),
  unit: named,
  form: formRef,
  periodStart: z.number().int(),
  periodEnd: z.number().int(),
  status: z.enum(proposalStatuses),
  waitingAt: named.nullable(),
  waitingSince: z.string().nullable(),
  /** Submitted and waiting at the caller's unit. */
  waitingForMe: z.boolean(),
  approvedBy: named.nullable(),
  decision: z
    .object({ id: z.string(), status: z.enum(decisionStatuses), symbol: z.string().nullable() })
    .nullable(),
  recipientCount: z.number().int(),
  collectiveCount: z.number().int(),
  individualCount: z.number().int(),
  trimmedCount: z.number().int(),
  allowedActions: z.array(z.enum(["update", "submit"])),
  updatedAt: z.string(),
  version: z.number().int(),
});
export const proposalDetail = proposalItem.extend({
  reason: z.string(),
  recipients: z.array(proposalRecipientItem),
  steps: z.array(stepItem),
  warnings: z.array(warningItem),
  /** Where it goes (a draft: the nearest unit above entitled to the form) or waits, and whether that unit may issue it. */
  issuer: named.extend({ entitled: z.boolean() }).nullable(),
  /** The review steps the caller's unit may take now. */
  reviewActions: z.array(z.enum(reviewActions)),
  /** Forms of a higher rank the reviewing unit may raise it to. */
  higherForms: z.array(formRef),
});
export const proposalResponse = z.object({ proposal: proposalDetail });
export const proposalListQuery = pageQuery.extend({
  status: z.enum(proposalStatuses).optional(),
  /** That unit's subtree (proposed there). */
  unitId: z.uuid().optional(),
  form: text(60).optional(),
  /** Proposals whose period includes this year. */
  year: z.coerce.number().int().min(1945).max(2200).optional(),
  q: text(200).optional(),
});
export const proposalListResponse = listOf(proposalItem);

export const createProposalBody = z.object({
  /** The proposing unit (default: the caller's). */
  unitId: z.uuid().optional(),
  formId: z.uuid(),
  periodStart: year,
  periodEnd: year,
  title: text(500).min(3),
  reason: text(5000).default(""),
  recipients: z.array(recipientInput).max(MAX_RECIPIENTS).default([]),
});
export const updateProposalBody = z.object({
  version: z.number().int(),
  formId: z.uuid().optional(),
  periodStart: year.optional(),
  periodEnd: year.optional(),
  title: text(500).min(3).optional(),
  reason: text(5000).optional(),
  /** The whole list, in order (replaces the previous one). */
  recipients: z.array(recipientInput).max(MAX_RECIPIENTS).optional(),
});
export const submitBody = z.object({
  /** A unit of the chain above (default: the parent). */
  toUnitId: z.uuid().optional(),
  comment,
});
export const reviewBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("forward"), comment }),
  z.object({ action: z.literal("return"), comment: text(2000).min(1, "Hãy ghi ý kiến khi trả lại") }),
  z.object({ action: z.literal("approve"), comment }),
  z.object({ action: z.literal("raise"), formId: z.uuid(), comment }),
  z.object({
    action: z.literal("trim"),
    recipients: z
      .array(z.object({ id: z.uuid(), reason: text(1000).min(3, "Hãy ghi lý do không đề nghị") }))
      .min(1)
      .max(MAX_RECIPIENTS),
    comment,
  }),
]);
export type ReviewBody = z.output<typeof reviewBody>;

export const resolveBody = z.object({
  /** The proposing unit: matches are looked for in its subtree. */
  unitId: z.uuid(),
  kind: z.enum(recipientKinds),
  /** One name a line, as pasted. */
  lines: z.array(text(300)).min(1).max(MAX_RECIPIENTS),
});
export const resolveResponse = z.object({
  items: z.array(
    z.object({
      line: z.string(),
      matches: z.array(
        z.object({ id: z.string(), name: z.string(), unitName: z.string(), unitId: z.string() }),
      ),
    }),
  ),
});

export const queueCounts = z.object({
  /** Proposals waiting for the caller's unit. */
  proposals: z.number().int(),
  /** Draft decisions of the caller's unit, waiting to be issued. */
  decisions: z.number().int(),
});

// Decisions ------------------------------------------------------------------------------------

const decisionRef = z.object({
  id: z.string(),
  symbol: z.string().nullable(),
  status: z.enum(decisionStatuses),
});
export const signer = z.object({ authority: z.string(), title: z.string(), name: z.string() });

export const decisionItem = z.object({
  id: z.string(),
  status: z.enum(decisionStatuses),
  /** "01-QĐ/ĐU" once issued. */
  symbol: z.string().nullable(),
  number: z.number().int().nullable(),
  issuedOn: isoDate.nullable(),
  unit: named,
  form: formRef,
  periodStart: z.number().int(),
  periodEnd: z.number().int(),
  summary: z.string(),
  signer,
  recipientCount: z.number().int(),
  collectiveCount: z.number().int(),
  individualCount: z.number().int(),
  proposalId: z.string().nullable(),
  corrects: decisionRef.nullable(),
  correctedBy: decisionRef.nullable(),
  allowedActions: z.array(z.enum(["update", "issue", "correct", "certificates"])),
  updatedAt: z.string(),
  version: z.number().int(),
});
export const certificateFile = z.object({
  id: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  url: z.string(),
  createdAt: z.string(),
});
export const decisionDetail = decisionItem.extend({
  /** A draft: the number it would take if issued today ("07-QĐ/ĐU"), not reserved; null once issued. */
  numberPreview: z.string().nullable(),
  preamble: z.string(),
  reason: z.string(),
  correctionReason: z.string().nullable(),
  recipientsText: z.string(),
  place: z.string().nullable(),
  recipients: z.array(recipientItem.extend({ certificateUrl: z.string().nullable() })),
  steps: z.array(stepItem),
  certificates: z.array(certificateFile),
  documentUrl: z.string(),
});
export const decisionResponse = z.object({ decision: decisionDetail });
export const decisionListQuery = pageQuery.extend({
  status: z.enum(decisionStatuses).optional(),
  unitId: z.uuid().optional(),
  form: text(60).optional(),
  year: z.coerce.number().int().min(1945).max(2200).optional(),
  q: text(200).optional(),
});
export const decisionListResponse = listOf(decisionItem);
export const updateDecisionBody = z.object({
  version: z.number().int(),
  summary: text(1000).optional(),
  preamble: text(10_000).optional(),
  reason: text(5000).optional(),
  recipientsText: text(3000).optional(),
  place: text(100).nullable().optional(),
  signer: z
    .object({ authority: text(200).optional(), title: text(200).optional(), name: text(200).optional() })
    .optional(),
});
export const decisionRecipientsBody = z.object({
  version: z.number().int(),
  /** The recipients kept, in order, with their printed name, unit and achievement. */
  recipients: z
    .array(z.object({ id: z.uuid(), name: text(300).min(1), unitLabel: text(300), achievement: text(5000) }))
    .min(1)
    .max(MAX_RECIPIENTS),
});
export const issueBody = z.object({ issuedOn: isoDate.optional() });
export const correctionBody = z.object({ reason: text(2000).min(3, "Hãy ghi nội dung, lý do đính chính") });
export const decisionFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });
export const decisionRecipientParams = z.object({ id: z.uuid(), recipientId: z.uuid() });
export const jobStarted = z.object({ jobId: z.string() });

// Histories ------------------------------------------------------------------------------------

export const historyItem = z.object({
  recipientId: z.string(),
  kind: z.enum(recipientKinds),
  name: z.string(),
  unitLabel: z.string(),
  achievement: z.string(),
  links: z.array(z.object({ type: z.enum(linkTypes), id: z.string(), title: z.string() })),
  decision: z.object({
    id: z.string(),
    status: z.enum(decisionStatuses),
    symbol: z.string().nullable(),
    issuedOn: isoDate.nullable(),
    unit: named,
    form: formRef,
    periodStart: z.number().int(),
    periodEnd: z.number().int(),
  }),
  certificateUrl: z.string(),
});
export const historyListResponse = listOf(historyItem);
export const unitHistoryQuery = pageQuery.extend({
  /** unit: the unit's own commendations as a collective (default); subtree: every recipient counting in its subtree. */
  scope: z.enum(["unit", "subtree"]).default("unit"),
});
