import { z } from "zod";
import { reviewActions, reviewStatuses } from "./schema.ts";

const text = (max: number) => z.string().trim().max(max);
const named = z.object({ id: z.string(), name: z.string() });

export const fieldRef = z.object({ code: z.string(), name: z.string() });

const isoDate = z.iso.date();

/** Where an item stands in its review, as its lists and pages show it. */
export const reviewState = {
  /** Submitted: the unit it waits at, since when, and whether that is the caller's unit. */
  waitingAt: named.nullable(),
  waitingSince: z.string().nullable(),
  waitingForMe: z.boolean(),
  recognisedBy: named.extend({ kindCode: z.string().nullable(), kindName: z.string().nullable() }).nullable(),
  recognisedOn: isoDate.nullable(),
  isPublic: z.boolean(),
};

/** The filters of an item type's list: search, field, status, level, year, a unit's subtree. */
export const reviewListFilters = {
  q: text(200).optional(),
  field: text(60).optional(),
  status: z.enum(reviewStatuses).optional(),
  /** The recognising unit's kind code (the level): cell, grassroots, commune, province, central… */
  level: text(60).optional(),
  year: z.coerce.number().int().min(1945).max(2200).optional(),
  /** That unit's subtree (where the items were registered). */
  unitId: z.uuid().optional(),
};

export const reviewStep = z.object({
  action: z.enum(reviewActions),
  from: named.nullable(),
  to: named.nullable(),
  actorName: z.string().nullable(),
  comment: z.string().nullable(),
  at: z.string(),
});

/** The review workflow's bodies (models and exemplars). */
export const submitBody = z.object({ comment: text(2000).nullable().optional() });
export const reviewBody = z.object({
  decision: z.enum(["return", "recognise", "forward"]),
  comment: text(2000).nullable().optional(),
  /** On recognition: also show it on the public showcase. */
  public: z.boolean().optional(),
});
export const publishBody = z.object({ public: z.boolean() });
