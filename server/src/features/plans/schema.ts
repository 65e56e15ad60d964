import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { at, id, ref, timestamps, version } from "../../db/columns.ts";
import { units } from "../units/schema.ts";

/** Kế hoạch toàn khóa / hằng năm. */
export const planKinds = ["whole_term", "annual"] as const;
export type PlanKind = (typeof planKinds)[number];
/** A draft is the unit's own; an issued plan is published down its subtree and no longer edited. */
export const planStatuses = ["draft", "issued"] as const;
export type PlanStatus = (typeof planStatuses)[number];
/** What the owner unit records; "overdue" is computed from the deadline, never stored. */
export const taskStatuses = ["not_started", "in_progress", "done"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/**
 * Kế hoạch — a unit's whole-term (e.g. 2025–2030) or annual plan to carry out the campaign. A lower
 * unit starts its plan from its parent's (`parentPlanId`: objectives and tasks copied and linked,
 * then adapted). On issue the plan gets its document number (`number`, restarting at 01 for each
 * type in each committee term `numberTerm`) and keeps what its header printed then (the issuing
 * body's name and code, the body above it, the place), so a later rename does not change an issued
 * document.
 */
export const plans = pgTable(
  "plans",
  {
    id: id(),
    unitId: ref("unit_id", () => units.id),
    kind: text("kind", { enum: planKinds }).notNull(),
    /** Whole-term plans: the committee term ("2025–2030"). */
    term: text("term"),
    /** The years the plan covers: the term's, or the annual plan's year (both ends). */
    startYear: integer("start_year").notNull(),
    endYear: integer("end_year").notNull(),
    title: text("title").notNull(),
    /** Trích yếu — the summary line printed under KẾ HOẠCH. */
    summary: text("summary").notNull().default(""),
    /** Căn cứ — the opening paragraph (what the plan carries out). */
    preamble: text("preamble").notNull().default(""),
    /** I. Mục đích, yêu cầu. */
    purpose: text("purpose").notNull().default(""),
    /** III. Tổ chức thực hiện. */
    implementation: text("implementation").notNull().default(""),
    /** Nơi nhận — one recipient a line. */
    recipients: text("recipients").notNull().default(""),
    /** The signing block: "T/M BAN THƯỜNG VỤ" (optionally "K/T BÍ THƯ" on a second line), title, name. */
    signerAuthority: text("signer_authority").notNull().default(""),
    signerTitle: text("signer_title").notNull().default(""),
    signerName: text("signer_name").notNull().default(""),
    status: text("status", { enum: planStatuses }).notNull().default("draft"),
    /** The parent unit's plan this one was derived from. */
    parentPlanId: uuid("parent_plan_id").references((): AnyPgColumn => plans.id),
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
    index("plans_unit_idx").on(t.unitId, t.startYear),
    index("plans_parent_idx").on(t.parentPlanId),
    // No two issued plans of a unit share a number in a term (drafts have none: nulls are distinct).
    uniqueIndex("plans_number_key").on(t.unitId, t.numberTerm, t.number),
    // One plan of a unit derived from a given plan of its parent.
    uniqueIndex("plans_derived_key").on(t.unitId, t.parentPlanId),
    check(
      "plans_period_check",
      sql`(${t.kind} = 'whole_term' and ${t.term} is not null and ${t.startYear} < ${t.endYear}) or (${t.kind} = 'annual' and ${t.startYear} = ${t.endYear})`,
    ),
    check(
      "plans_issued_check",
      sql`${t.status} = 'draft' or (${t.number} is not null and ${t.issuedOn} is not null and ${t.numberTerm} is not null)`,
    ),
  ],
);
export type PlanRow = typeof plans.$inferSelect;

/** Mục tiêu — an objective of a plan, in order; a derived plan's copies link to the parent's. */
export const planObjectives = pgTable(
  "plan_objectives",
  {
    id: id(),
    planId: ref("plan_id", () => plans.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    content: text("content").notNull(),
    inheritedFromId: uuid("inherited_from_id").references((): AnyPgColumn => planObjectives.id),
  },
  (t) => [index("plan_objectives_plan_idx").on(t.planId, t.position)],
);
export type PlanObjectiveRow = typeof planObjectives.$inferSelect;

/**
 * Nhiệm vụ — a task of a plan: the unit in charge (the plan's unit or one below it), its deadline,
 * and the progress its owner unit reports once the plan is issued. A derived plan's copies link to
 * the parent plan's task (`inheritedFromId`), which is how the parent follows them.
 */
export const planTasks = pgTable(
  "plan_tasks",
  {
    id: id(),
    planId: ref("plan_id", () => plans.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    content: text("content").notNull(),
    ownerUnitId: ref("owner_unit_id", () => units.id),
    deadline: date("deadline"),
    status: text("status", { enum: taskStatuses }).notNull().default("not_started"),
    progress: integer("progress").notNull().default(0),
    /** What the owner unit reports: results so far, difficulties. */
    note: text("note").notNull().default(""),
    inheritedFromId: uuid("inherited_from_id").references((): AnyPgColumn => planTasks.id),
    ...timestamps,
    ...version,
  },
  (t) => [
    index("plan_tasks_plan_idx").on(t.planId, t.position),
    index("plan_tasks_inherited_idx").on(t.inheritedFromId),
    index("plan_tasks_owner_idx").on(t.ownerUnitId),
    check("plan_tasks_progress_check", sql`${t.progress} between 0 and 100`),
  ],
);
export type PlanTaskRow = typeof planTasks.$inferSelect;
