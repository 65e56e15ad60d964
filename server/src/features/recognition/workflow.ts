import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import { type AuditEvent, recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError, ruleViolation } from "../../lib/errors.ts";
import { ALWAYS, applyFigureDeltas, type FigureDelta, negate } from "../figures/index.ts";
import { unitKinds, units } from "../units/schema.ts";
import {
  campaignFields,
  type ReviewAction,
  type ReviewStatus,
  type ReviewStepRow,
  reviewSteps,
} from "./schema.ts";

/**
 * The review workflow shared by the items that go up the chain (models, exemplars): draft →
 * submitted to the parent unit → returned with comments, recognised at the reviewing unit's level,
 * or forwarded to the unit above it. Transitions are guarded by the current state in the WHERE
 * clause: of two reviewers acting at once, one succeeds and the other gets 409.
 */
export interface ReviewSubject {
  type: "practice" | "exemplar";
  table: PgTable;
  /** The prefix of the figures' metrics (`practices.`, `exemplars.`). */
  metricPrefix: string;
}

/** What the figures need of an item: its unit, field, dates and where it stands. */
export interface ReviewItemFacts {
  unitId: string;
  fieldCode: string;
  registeredOn: string;
  status: ReviewStatus;
  recognisedOn: string | null;
  recognisedLevel: string | null;
}

const statusAfter: Record<ReviewAction, ReviewStatus | null> = {
  submit: "submitted",
  forward: "submitted",
  return: "returned",
  recognise: "recognised",
  publish: null,
  unpublish: null,
};

/**
 * What one item contributes to the figures, dated: registered (a flow, and a stock by field), its
 * status over time (a stock per status, changing on the days of its review steps), and recognised
 * (a stock by level and by field, from the day of recognition).
 */
export function reviewContributions(
  prefix: string,
  item: ReviewItemFacts,
  steps: { action: ReviewAction; on: string }[],
): FigureDelta[] {
  const unitId = item.unitId;
  const start = item.registeredOn || ALWAYS;
  const deltas: FigureDelta[] = [
    { unitId, metric: `${prefix}registered`, on: start, delta: 1 },
    { unitId, metric: `${prefix}field:${item.fieldCode}`, on: start, delta: 1 },
  ];
  const timeline: { status: ReviewStatus; on: string }[] = [{ status: "draft", on: start }];
  for (const step of [...steps].sort((a, b) => a.on.localeCompare(b.on))) {
    const next = statusAfter[step.action];
    if (next && next !== timeline.at(-1)?.status)
      // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as strings
      timeline.push({ status: next, on: step.on < start ? start : step.on });
  }
  // Records entered after the fact (imports) carry their state without steps.
  if (timeline.at(-1)?.status !== item.status)
    timeline.push({ status: item.status, on: item.recognisedOn ?? start });
  timeline.forEach((t, i) => {
    deltas.push({ unitId, metric: `${prefix}status:${t.status}`, on: t.on, delta: 1 });
    const until = timeline[i + 1]?.on;
    if (until) deltas.push({ unitId, metric: `${prefix}status:${t.status}`, on: until, delta: -1 });
  });
  if (item.status === "recognised") {
    const on = item.recognisedOn ?? timeline.at(-1)?.on ?? start;
    deltas.push({ unitId, metric: `${prefix}recognised`, on, delta: 1 });
    if (item.recognisedLevel)
      deltas.push({ unitId, metric: `${prefix}level:${item.recognisedLevel}`, on, delta: 1 });
    deltas.push({ unitId, metric: `${prefix}recognised.field:${item.fieldCode}`, on, delta: 1 });
  }
  return deltas;
}

const dayOf = (at: Date) => vnToday(at.getTime());

/** The review steps of items, oldest first. */
export async function stepsOf(db: Executor, type: ReviewSubject["type"], ids: string[]) {
  if (!ids.length) return [] as ReviewStepRow[];
  return db
    .select()
    .from(reviewSteps)
    .where(and(eq(reviewSteps.subjectType, type), inArray(reviewSteps.subjectId, ids)))
    .orderBy(asc(reviewSteps.at));
}

export const stepFacts = (steps: ReviewStepRow[]) =>
  steps.map((s) => ({ action: s.action, on: dayOf(s.at) }));

interface Transition {
  subject: ReviewSubject;
  item: { id: string; unitId: string };
  /** The states the item must be in (the guard). */
  from: ReviewStatus[];
  /** Submitted items: the unit it must be waiting at. */
  waitingAt?: string;
  set: Record<string, unknown>;
  step: { action: ReviewAction; fromUnitId: string | null; toUnitId: string | null; comment: string | null };
  /** Loads the item's figure facts (called before and after the change). */
  facts: (tx: Executor) => Promise<ReviewItemFacts & { isPublic: boolean; reviewUnitId: string | null }>;
}

/**
 * Moves an item along the workflow in the caller's transaction: the guarded update (409 when the
 * state has moved on), the step, the figures (the item's contributions before and after) and the
 * audit event.
 */
export async function transition(tx: Executor, ctx: Ctx, t: Transition) {
  const table = t.subject.table;
  const sets = Object.entries(t.set).map(
    ([column, value]) =>
      sql`${sql.identifier(column)} = ${value instanceof Date ? value.toISOString() : value}`,
  );
  const guard = t.waitingAt ? sql` and review_unit_id = ${t.waitingAt}` : sql``;
  await tx.execute(sql`select id from ${table} where id = ${t.item.id} for update`);
  const before = await t.facts(tx);
  const result = (await tx.execute(sql`
    update ${table} set ${sql.join(sets, sql`, `)}, version = version + 1, updated_at = now(), updated_by = ${ctx.actor?.userId ?? null}
    where id = ${t.item.id} and status in (${sql.join(
      t.from.map((s) => sql`${s}`),
      sql`, `,
    )})${guard}
    returning id`)) as unknown as { rows: { id: string }[] };
  if (!result.rows.length) throw new AppError("STATE_CONFLICT");
  const after = await t.facts(tx);
  const stepsBefore = stepFacts(await stepsOf(tx, t.subject.type, [t.item.id]));
  await tx.insert(reviewSteps).values({
    subjectType: t.subject.type,
    subjectId: t.item.id,
    action: t.step.action,
    fromUnitId: t.step.fromUnitId,
    toUnitId: t.step.toUnitId,
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.displayName ?? null,
    comment: t.step.comment,
  });
  const stepsAfter = [...stepsBefore, { action: t.step.action, on: vnToday() }];
  await applyFigureDeltas(tx, [
    ...negate(reviewContributions(t.subject.metricPrefix, before, stepsBefore)),
    ...reviewContributions(t.subject.metricPrefix, after, stepsAfter),
  ]);
  await recordAudit(tx, ctx, {
    event: `${t.subject.type}.${t.step.action}` as AuditEvent,
    entityId: t.item.id,
    unitId: t.item.unitId,
    before: pick(before),
    after: { ...pick(after), ...(t.step.comment ? { comment: t.step.comment } : {}) },
  });
}

const pick = (f: Awaited<ReturnType<Transition["facts"]>>) => ({
  status: f.status,
  reviewUnitId: f.reviewUnitId,
  recognisedLevel: f.recognisedLevel,
  isPublic: f.isPublic,
});

/** The unit a submitted item goes to: the parent of `unitId` (422 at the root: nobody above). */
export async function parentOf(tx: Executor, unitId: string) {
  const [unit] = await tx.select({ parentId: units.parentId }).from(units).where(eq(units.id, unitId));
  if (!unit?.parentId)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Không có cấp trên để gửi lên: đơn vị cao nhất tự công nhận.",
        en: "There is no upper unit to submit to.",
      },
    });
  return unit.parentId;
}

/** A reviewing unit's kind code (the level a recognition is made at) and its parent. */
export async function reviewingUnit(tx: Executor, unitId: string) {
  const [unit] = await tx
    .select({ id: units.id, parentId: units.parentId, kindCode: unitKinds.code })
    .from(units)
    .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
    .where(eq(units.id, unitId));
  if (!unit) throw new AppError("NOT_FOUND");
  return unit;
}

export type ReviewDecision = "return" | "recognise" | "forward";

/**
 * The step a reviewing unit takes on an item waiting for it: return (a comment required),
 * recognise at its level, or forward to the unit above it.
 */
export async function reviewItem(
  tx: Executor,
  ctx: Ctx,
  input: {
    subject: ReviewSubject;
    item: { id: string; unitId: string };
    reviewUnitId: string;
    decision: ReviewDecision;
    comment: string | null;
    makePublic?: boolean;
    facts: Transition["facts"];
  },
) {
  const reviewer = await reviewingUnit(tx, input.reviewUnitId);
  const common = {
    subject: input.subject,
    item: input.item,
    from: ["submitted" as const],
    waitingAt: reviewer.id,
    facts: input.facts,
  };
  if (input.decision === "return") {
    if (!input.comment?.trim())
      throw new AppError("VALIDATION_FAILED", {
        message: { vi: "Hãy ghi ý kiến khi trả lại.", en: "Say why when returning it." },
        details: [{ path: "body.comment", message: "required" }],
      });
    return transition(tx, ctx, {
      ...common,
      set: { status: "returned", review_unit_id: null, waiting_since: null },
      step: {
        action: "return",
        fromUnitId: reviewer.id,
        toUnitId: input.item.unitId,
        comment: input.comment,
      },
    });
  }
  if (input.decision === "forward") {
    if (!reviewer.parentId)
      throw new AppError("RULE_VIOLATION", {
        message: { vi: "Không có cấp trên để chuyển lên.", en: "There is no upper unit to forward to." },
      });
    return transition(tx, ctx, {
      ...common,
      set: { review_unit_id: reviewer.parentId, waiting_since: new Date() },
      step: {
        action: "forward",
        fromUnitId: reviewer.id,
        toUnitId: reviewer.parentId,
        comment: input.comment,
      },
    });
  }
  return transition(tx, ctx, {
    ...common,
    set: {
      status: "recognised",
      review_unit_id: null,
      waiting_since: null,
      recognised_unit_id: reviewer.id,
      recognised_level: reviewer.kindCode,
      recognised_on: vnToday(),
      ...(input.makePublic !== undefined ? { is_public: input.makePublic } : {}),
    },
    step: { action: "recognise", fromUnitId: reviewer.id, toUnitId: null, comment: input.comment },
  });
}

/** Sends a draft or returned item to the unit above its own. */
export async function submitItem(
  tx: Executor,
  ctx: Ctx,
  input: {
    subject: ReviewSubject;
    item: { id: string; unitId: string };
    comment: string | null;
    facts: Transition["facts"];
  },
) {
  const to = await parentOf(tx, input.item.unitId);
  return transition(tx, ctx, {
    subject: input.subject,
    item: input.item,
    from: ["draft", "returned"],
    set: { status: "submitted", review_unit_id: to, waiting_since: new Date() },
    step: { action: "submit", fromUnitId: input.item.unitId, toUnitId: to, comment: input.comment },
    facts: input.facts,
  });
}

/** Shows a recognised item on the public showcase, or withdraws it. */
export async function publishItem(
  tx: Executor,
  ctx: Ctx,
  input: {
    subject: ReviewSubject;
    item: { id: string; unitId: string };
    isPublic: boolean;
    facts: Transition["facts"];
  },
) {
  return transition(tx, ctx, {
    subject: input.subject,
    item: input.item,
    from: ["recognised"],
    set: { is_public: input.isPublic },
    step: {
      action: input.isPublic ? "publish" : "unpublish",
      fromUnitId: null,
      toUnitId: null,
      comment: null,
    },
    facts: input.facts,
  });
}

/** The id of a field of the campaign's list by its code (422 naming `body.fieldCode` when unknown). */
export async function fieldIdOf(tx: Executor, code: string) {
  const [field] = await tx
    .select({ id: campaignFields.id })
    .from(campaignFields)
    .where(eq(campaignFields.code, code));
  if (!field)
    throw ruleViolation("body.fieldCode", "unknown", {
      vi: "Lĩnh vực không có trong danh mục.",
      en: "Unknown field.",
    });
  return field.id;
}

/** After an edit: an item whose field changed moves its registration figures to the new field. */
export async function refigureField(
  tx: Executor,
  prefix: string,
  before: ReviewItemFacts,
  after: ReviewItemFacts,
) {
  if (after.fieldCode !== before.fieldCode)
    await applyFigureDeltas(tx, [
      ...negate(reviewContributions(prefix, before, [])),
      ...reviewContributions(prefix, after, []),
    ]);
}

/** What the workflow reads of an item before and after each step. */
export type ReviewFactsOf = (
  tx: Executor,
  id: string,
) => Promise<ReviewItemFacts & { isPublic: boolean; reviewUnitId: string | null }>;

/** The reviewing unit's step on an item waiting for it. */
export interface ReviewInput {
  reviewUnitId: string;
  decision: ReviewDecision;
  comment: string | null;
  makePublic?: boolean;
}

type Item = { id: string; unitId: string };

/** An item type's workflow commands (submit, review, publish), each in the caller's transaction. */
export function reviewCommands(subject: ReviewSubject, factsOf: ReviewFactsOf) {
  const item = (r: Item) => ({ id: r.id, unitId: r.unitId });
  const facts = (id: string) => (tx: Executor) => factsOf(tx, id);
  return {
    submit: <R extends Item>(tx: Executor, ctx: Ctx, r: R, comment: string | null) =>
      submitItem(tx, ctx, { subject, item: item(r), comment, facts: facts(r.id) }),
    review: <R extends Item>(tx: Executor, ctx: Ctx, r: R, input: ReviewInput) =>
      reviewItem(tx, ctx, { subject, item: item(r), ...input, facts: facts(r.id) }),
    publish: <R extends Item>(tx: Executor, ctx: Ctx, r: R, isPublic: boolean) =>
      publishItem(tx, ctx, { subject, item: item(r), isPublic, facts: facts(r.id) }),
  };
}
