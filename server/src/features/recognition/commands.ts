import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { applyFigureDeltas, negate } from "../figures/index.ts";
import { campaignFields } from "./schema.ts";
import {
  publishItem,
  type ReviewDecision,
  type ReviewItemFacts,
  type ReviewSubject,
  reviewContributions,
  reviewItem,
  submitItem,
} from "./workflow.ts";

/** The id of a field of the campaign's list by its code (422 naming `body.fieldCode` when unknown). */
export async function fieldIdOf(tx: Executor, code: string) {
  const [field] = await tx
    .select({ id: campaignFields.id })
    .from(campaignFields)
    .where(eq(campaignFields.code, code));
  if (!field)
    throw new AppError("RULE_VIOLATION", {
      message: { vi: "Lĩnh vực không có trong danh mục.", en: "Unknown field." },
      details: [{ path: "body.fieldCode", message: "unknown" }],
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
