import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";
import { fileItem } from "../files/index.ts";

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const named = z.object({ id: z.string(), name: z.string() });
const year = z.coerce.number().int().min(1945).max(2200);

export const topicActions = z.enum(["update"]);
export const topicLink = z.object({
  title: text(300).min(1),
  url: z.url({ protocol: /^https?$/, error: "Liên kết phải bắt đầu bằng http:// hoặc https://" }).max(2000),
});

export const topicItem = z.object({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  summary: z.string(),
  /** The issuing unit. */
  unit: named,
  /** Issued by the caller's unit or one below it (not published down from above). */
  mine: z.boolean(),
  links: z.array(topicLink),
  fileCount: z.number().int(),
  allowedActions: z.array(topicActions),
  version: z.number().int(),
});
export const topicDetail = topicItem.extend({ files: z.array(fileItem) });
export const topicResponse = z.object({ topic: topicDetail });
export const topicListResponse = listOf(topicItem);
export const topicListQuery = pageQuery.extend({
  year: year.optional(),
  /** Only what applies to the caller's unit: topics issued by it or by the units above it, nearest first. */
  chain: z.stringbool().optional(),
});

export const createTopicBody = z.object({
  /** The issuing unit (default: the caller's). */
  unitId: z.uuid().optional(),
  year,
  title: text(300).min(3),
  summary: text(5000).default(""),
  links: z.array(topicLink).max(30).default([]),
});
export const updateTopicBody = z.object({
  version: z.number().int(),
  year: year.optional(),
  title: text(300).min(3).optional(),
  summary: text(5000).optional(),
  links: z.array(topicLink).max(30).optional(),
});
export const topicIdParams = z.object({ id: z.uuid() });
export const topicFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

/** Study coverage: the members of a subtree who studied the year's topic, and of each unit below. */
const coverage = z.object({
  studied: z.number().int(),
  members: z.number().int(),
  /** studied ÷ members, 0..1. */
  share: z.number(),
});
export const coverageQuery = z.object({ unitId: z.uuid().optional(), year: year.optional() });
export const coverageResponse = coverage.extend({
  unit: named,
  year: z.number().int(),
  /** The day the figures are read at: the year's last day, or today for the current year. */
  on: isoDate,
  children: z.array(coverage.extend({ unit: named })),
});

export const sessionActions = z.enum(["update"]);
export const attendee = z.object({ id: z.string(), fullName: z.string(), unitName: z.string() });
export const sessionItem = z.object({
  id: z.string(),
  unit: named,
  topic: z.object({ id: z.string(), title: z.string(), year: z.number().int() }),
  heldOn: isoDate,
  notes: z.string(),
  attendeeCount: z.number().int(),
  /** Whether the caller (their person record) was present. */
  attendedByMe: z.boolean(),
  allowedActions: z.array(sessionActions),
  version: z.number().int(),
});
export const sessionDetail = sessionItem.extend({
  /** Who was present (a member sees only themselves). */
  attendees: z.array(attendee),
});
export const sessionResponse = z.object({ session: sessionDetail });
export const sessionListResponse = listOf(sessionItem);
export const sessionListQuery = pageQuery.extend({
  /** That unit's subtree (default: the caller's). */
  unitId: z.uuid().optional(),
  topicId: z.uuid().optional(),
  year: year.optional(),
});
const personIds = z
  .array(z.uuid())
  .max(2000)
  .refine((ids) => new Set(ids).size === ids.length, "Danh sách người dự có người bị lặp");
export const createSessionBody = z.object({
  unitId: z.uuid(),
  topicId: z.uuid(),
  heldOn: isoDate,
  notes: text(5000).default(""),
  personIds,
});
export const updateSessionBody = z.object({
  version: z.number().int(),
  topicId: z.uuid().optional(),
  heldOn: isoDate.optional(),
  notes: text(5000).optional(),
  personIds: personIds.optional(),
});
export const sessionIdParams = z.object({ id: z.uuid() });
export const deleteSessionBody = z.object({ version: z.number().int() });

export const rosterQuery = z.object({ unitId: z.uuid().optional() });
export const rosterResponse = z.object({
  unit: named,
  items: z.array(
    z.object({ id: z.string(), fullName: z.string(), unitName: z.string(), position: z.string() }),
  ),
  /** More active people than the roster lists (it stops at 1,000). */
  truncated: z.boolean(),
});
