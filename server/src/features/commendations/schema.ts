import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { at, id, optionalRef, ref, stamped, timestamps, version } from "../../db/columns.ts";
import { people } from "../people/schema.ts";
import { units } from "../units/schema.ts";

export const recipientKinds = ["collective", "individual"] as const;
export type RecipientKind = (typeof recipientKinds)[number];

/**
 * Hình thức khen thưởng — a form of commendation (biểu dương, giấy khen, bằng khen, cờ thi đua,
 * huy hiệu Đảng): its prestige (`rank`, higher is more), the unit kinds whose committees may issue
 * it and whom it may be given to. The national catalogue has no unit; a unit (a province that
 * issues its own rules) may add forms or redefine one of the same code for its subtree: the
 * definition of the nearest ancestor wins (Quy định 232-QĐ/TW; DOMAIN.md).
 */
export const commendationForms = pgTable(
  "commendation_forms",
  {
    id: id(),
    /** The unit whose subtree this definition applies to; null for the national catalogue. */
    unitId: optionalRef("unit_id", () => units.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    rank: integer("rank").notNull(),
    /** Unit kind codes (unit_kinds.code) whose committees may issue it. */
    issuerKinds: jsonb("issuer_kinds").$type<string[]>().notNull().default([]),
    recipientKinds: jsonb("recipient_kinds")
      .$type<RecipientKind[]>()
      .notNull()
      .default(["collective", "individual"]),
    active: boolean("active").notNull().default(true),
    ...timestamps,
    ...version,
  },
  (t) => [
    unique("commendation_forms_unit_code_key").on(t.unitId, t.code).nullsNotDistinct(),
    check("commendation_forms_rank_check", sql`${t.rank} between 0 and 1000`),
  ],
);
export type CommendationFormRow = typeof commendationForms.$inferSelect;

/** Where a proposal stands: with its unit, waiting at a unit up the chain, returned, or approved. */
export const proposalStatuses = ["draft", "submitted", "returned", "approved"] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

/**
 * Đề nghị khen thưởng — a unit proposes collectives and individuals of its subtree for a form and
 * a period (a year, or a span such as 2016–2020). It goes up the chain to a unit entitled to issue
 * the form: a unit not entitled forwards it; an entitled one approves it (which drafts the
 * decision), trims recipients, returns it or raises it to a higher form.
 */
export const commendationProposals = pgTable(
  "commendation_proposals",
  {
    id: id(),
    unitId: ref("unit_id", () => units.id),
    formId: ref("form_id", () => commendationForms.id),
    periodStart: integer("period_start").notNull(),
    periodEnd: integer("period_end").notNull(),
    /** Trích yếu — what is proposed, in one line. */
    title: text("title").notNull(),
    /** The achievement common to the recipients (each may add their own). */
    reason: text("reason").notNull().default(""),
    status: text("status", { enum: proposalStatuses }).notNull().default("draft"),
    /** Submitted: the unit whose reviewers it waits for, and since when. */
    reviewUnitId: optionalRef("review_unit_id", () => units.id),
    waitingSince: at("waiting_since"),
    approvedUnitId: optionalRef("approved_unit_id", () => units.id),
    approvedAt: at("approved_at"),
    ...timestamps,
    ...version,
  },
  (t) => [
    index("commendation_proposals_unit_idx").on(t.unitId, t.status),
    index("commendation_proposals_queue_idx").on(t.reviewUnitId, t.waitingSince),
    // Lists: a root actor's page walks the proposals in list order; a subtree's scope reads the
    // proposals of its units, waiting at them (the queue index) and approved by them.
    index("commendation_proposals_recent_idx").on(t.updatedAt.desc(), t.id.desc()),
    index("commendation_proposals_approved_idx").on(t.approvedUnitId),
    check("commendation_proposals_period_check", sql`${t.periodStart} <= ${t.periodEnd}`),
  ],
);
export type ProposalRow = typeof commendationProposals.$inferSelect;

/** A record that earned a commendation: a recognised model or exemplar, a member's commitment. */
export interface RecipientLink {
  type: "practice" | "exemplar" | "commitment";
  id: string;
}

/** Who is honoured, as proposals and decisions both keep it. */
const recipientColumns = () => ({
  id: id(),
  position: integer("position").notNull(),
  kind: text("kind", { enum: recipientKinds }).notNull(),
  /** A collective: the unit honoured. */
  subjectUnitId: optionalRef("subject_unit_id", () => units.id),
  /** An individual of the registry. */
  personId: optionalRef("person_id", () => people.id),
  /** The name printed: the unit's, the person's, or a named citizen's. */
  name: text("name").notNull(),
  /** Where they belong, as printed: the individual's unit or address, the collective's parent. */
  unitLabel: text("unit_label").notNull().default(""),
  /** The unit the recipient counts in (figures, histories): the collective, the person's unit, or the proposing unit for a citizen. */
  unitId: ref("unit_id", () => units.id),
  /** Thành tích — this recipient's achievement. */
  achievement: text("achievement").notNull().default(""),
  links: jsonb("links").$type<RecipientLink[]>().notNull().default([]),
});

export const recipientStatuses = ["proposed", "trimmed"] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

/** A recipient of a proposal; a reviewer's trim keeps the row with its reason. */
export const proposalRecipients = pgTable(
  "commendation_proposal_recipients",
  {
    ...recipientColumns(),
    proposalId: ref("proposal_id", () => commendationProposals.id, { onDelete: "cascade" }),
    status: text("status", { enum: recipientStatuses }).notNull().default("proposed"),
    trimReason: text("trim_reason"),
    trimmedAt: at("trimmed_at"),
    trimmedUnitId: optionalRef("trimmed_unit_id", () => units.id),
    trimmedBy: text("trimmed_by"),
  },
  (t) => [
    index("commendation_proposal_recipients_proposal_idx").on(t.proposalId, t.position),
    index("commendation_proposal_recipients_person_idx").on(t.personId),
    index("commendation_proposal_recipients_unit_idx").on(t.subjectUnitId),
    check(
      "commendation_proposal_recipients_subject_check",
      sql`(${t.kind} = 'collective' and ${t.subjectUnitId} is not null and ${t.personId} is null) or (${t.kind} = 'individual' and ${t.subjectUnitId} is null)`,
    ),
  ],
);
export type ProposalRecipientRow = typeof proposalRecipients.$inferSelect;

/** A draft is edited by its issuing unit; issued, it never changes; a correction supersedes it. */
export const decisionStatuses = ["draft", "issued", "corrected"] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];

/**
 * Quyết định khen thưởng — the issuing unit's decision: its number in the official format
 * (`Số 125-QĐ/ĐU`, restarting each committee term), date, signer, form, reason, period and
 * recipients. Issued, it is immutable: a correction is a new decision with its own number that
 * references this one, which is then marked corrected; both are kept. Published down the issuing
 * unit's subtree. The header it prints (issuing body, code, the body above, place) is kept at issue.
 */
export const commendationDecisions = pgTable(
  "commendation_decisions",
  {
    id: id(),
    unitId: ref("unit_id", () => units.id),
    proposalId: optionalRef("proposal_id", () => commendationProposals.id),
    /** A correction: the decision it replaces. */
    correctsId: uuid("corrects_id").references((): AnyPgColumn => commendationDecisions.id),
    /** A corrected decision: the correction that replaced it. */
    correctedById: uuid("corrected_by_id").references((): AnyPgColumn => commendationDecisions.id),
    formId: ref("form_id", () => commendationForms.id),
    periodStart: integer("period_start").notNull(),
    periodEnd: integer("period_end").notNull(),
    status: text("status", { enum: decisionStatuses }).notNull().default("draft"),
    /** Trích yếu — "Về việc tặng Giấy khen …". */
    summary: text("summary").notNull().default(""),
    /** Căn cứ — the grounds, one a line. */
    preamble: text("preamble").notNull().default(""),
    /** The achievement all recipients are commended for (Điều 1). */
    reason: text("reason").notNull().default(""),
    /** A correction: what it corrects and why. */
    correctionReason: text("correction_reason"),
    /** Nơi nhận — one a line. */
    recipientsText: text("recipients_text").notNull().default(""),
    signerAuthority: text("signer_authority").notNull().default(""),
    signerTitle: text("signer_title").notNull().default(""),
    signerName: text("signer_name").notNull().default(""),
    number: integer("number"),
    numberTerm: text("number_term"),
    issuerCode: text("issuer_code"),
    issuerName: text("issuer_name"),
    upperName: text("upper_name"),
    place: text("place"),
    issuedOn: date("issued_on"),
    issuedAt: at("issued_at"),
    ...timestamps,
    ...version,
  },
  (t) => [
    index("commendation_decisions_unit_idx").on(t.unitId, t.status, t.issuedOn),
    index("commendation_decisions_proposal_idx").on(t.proposalId),
    // Lists in order for a root actor: drafts first, then the newest (the list's ORDER BY), and
    // the issued ones newest first (the histories of the whole tree).
    index("commendation_decisions_list_idx").on(
      sql`(${t.status} = 'draft') desc`,
      t.issuedOn.desc(),
      t.number.desc(),
      t.id.desc(),
    ),
    index("commendation_decisions_issued_idx")
      .on(t.issuedOn.desc(), t.id.desc())
      .where(sql`${t.status} <> 'draft'`),
    uniqueIndex("commendation_decisions_number_key").on(t.unitId, t.numberTerm, t.number),
    // One correction per decision.
    uniqueIndex("commendation_decisions_corrects_key").on(t.correctsId),
    check(
      "commendation_decisions_issued_check",
      sql`${t.status} = 'draft' or (${t.number} is not null and ${t.issuedOn} is not null and ${t.numberTerm} is not null)`,
    ),
    check("commendation_decisions_period_check", sql`${t.periodStart} <= ${t.periodEnd}`),
  ],
);
export type DecisionRow = typeof commendationDecisions.$inferSelect;

/** A recipient of a decision, in the order of its annex (their certificates' order). */
export const decisionRecipients = pgTable(
  "commendation_decision_recipients",
  {
    ...recipientColumns(),
    decisionId: ref("decision_id", () => commendationDecisions.id, { onDelete: "cascade" }),
    proposalRecipientId: optionalRef("proposal_recipient_id", () => proposalRecipients.id),
  },
  (t) => [
    index("commendation_decision_recipients_decision_idx").on(t.decisionId, t.position),
    index("commendation_decision_recipients_person_idx").on(t.personId),
    index("commendation_decision_recipients_unit_idx").on(t.unitId),
    index("commendation_decision_recipients_subject_idx").on(t.subjectUnitId),
  ],
);
export type DecisionRecipientRow = typeof decisionRecipients.$inferSelect;

export const stepActions = [
  "submit",
  "forward",
  "return",
  "trim",
  "raise",
  "approve",
  "discard",
  "issue",
  "correct",
] as const;
export type StepAction = (typeof stepActions)[number];

/** Every step of a proposal or a decision: who acted, from which unit, where it went, when, why. */
export const commendationSteps = pgTable(
  "commendation_steps",
  {
    id: id(),
    subjectType: text("subject_type", { enum: ["proposal", "decision"] }).notNull(),
    subjectId: uuid("subject_id").notNull(),
    action: text("action", { enum: stepActions }).notNull(),
    fromUnitId: optionalRef("from_unit_id", () => units.id),
    toUnitId: optionalRef("to_unit_id", () => units.id),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    comment: text("comment"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    at: stamped("at"),
  },
  (t) => [index("commendation_steps_subject_idx").on(t.subjectType, t.subjectId, t.at)],
);
export type CommendationStepRow = typeof commendationSteps.$inferSelect;
