import { z } from "zod";
import { reviewActions } from "./schema.ts";

const text = (max: number) => z.string().trim().max(max);
const named = z.object({ id: z.string(), name: z.string() });

export const fieldRef = z.object({ code: z.string(), name: z.string() });

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
