import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import { posterSizes } from "./poster.ts";

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const named = z.object({ id: z.string(), name: z.string() });

export const standardActions = z.enum(["update", "confirmations"]);

export const standardVersion = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  items: z.array(z.string()),
  note: z.string(),
  effectiveOn: isoDate,
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});

export const standardItem = z.object({
  id: z.string(),
  unit: named,
  /** The unit's own list, or one of a unit below the caller's (not published down from above). */
  mine: z.boolean(),
  /** The version in force. */
  title: z.string(),
  items: z.array(z.string()),
  currentNumber: z.number().int(),
  effectiveOn: isoDate,
  /** When the caller confirmed reading the version in force (null: not yet). */
  confirmedAt: z.string().nullable(),
  allowedActions: z.array(standardActions),
  version: z.number().int(),
});
export const standardDetail = standardItem.extend({
  /** Every version, the latest first. */
  versions: z.array(standardVersion),
});
export const standardResponse = z.object({ standard: standardDetail });
export const standardListResponse = listOf(standardItem);
export const standardListQuery = pageQuery.extend({
  /** Only what applies to the caller's unit: its own list and those of the units above it, nearest first. */
  chain: z.stringbool().optional(),
});

const content = {
  title: text(300).min(3),
  items: z.array(text(300).min(2)).min(1).max(20),
  /** Default: today. */
  effectiveOn: isoDate.optional(),
  note: text(1000).default(""),
};
export const createStandardBody = z.object({
  /** The unit (default: the caller's); one list per unit. */
  unitId: z.uuid().optional(),
  ...content,
});
/** A revision: the new version supersedes the one in force. */
export const reviseStandardBody = z.object({ version: z.number().int(), ...content });
export const standardIdParams = z.object({ id: z.uuid() });
export const posterQuery = z.object({ size: z.enum(posterSizes).default("A4") });

/** The caller confirms the version in force, as read (`version`: 409 when it has been revised since). */
export const confirmBody = z.object({ version: z.number().int() });
export const confirmResponse = z.object({ confirmedAt: z.string(), number: z.number().int() });

export const confirmationsResponse = listOf(
  z.object({
    userName: z.string(),
    personName: z.string().nullable(),
    unit: named,
    confirmedAt: z.string(),
  }),
).extend({
  number: z.number().int(),
  /** Members of the unit's subtree who confirmed the version in force, of its active members. */
  confirmedMembers: z.number().int(),
  members: z.number().int(),
  /** Active people of the unit's subtree who have not confirmed it (only for a subtree of a few hundred). */
  notConfirmed: z.array(z.object({ id: z.string(), fullName: z.string(), unitName: z.string() })).nullable(),
});
export const confirmationsQuery = pageQuery;
