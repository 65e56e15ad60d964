import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import type { EditCommand } from "../../../lib/command.ts";
import { edited } from "../../../lib/command.ts";
import { changesNothing } from "../../../lib/edits.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../../lib/vietnamese.ts";
import { studySessions, type TopicLink, type TopicRow, topics } from "../schema.ts";
import { cleanLinks, duplicateYear } from "./shared.ts";

/**
 * Edits a topic; the version read must still be current. Its year is fixed once a session has
 * studied it (the study figures count by it).
 */
export async function updateTopic(
  edit: EditCommand<
    TopicRow,
    {
      year?: number | undefined;
      title?: string | undefined;
      summary?: string | undefined;
      links?: TopicLink[] | undefined;
    }
  >,
) {
  const { tx, ctx, current, changes: input } = edit;
  if (changesNothing(input, current)) return current;
  if (input.year !== undefined && input.year !== current.year) {
    const studied = await tx.$count(studySessions, eq(studySessions.topicId, current.id));
    if (studied)
      throw ruleViolation("body.year", "studied", {
        vi: "Chuyên đề đã có buổi học tập nên không đổi được năm.",
        en: "The topic has study sessions: its year cannot change.",
      });
    const [taken] = await tx
      .select({ id: topics.id })
      .from(topics)
      .where(and(eq(topics.unitId, current.unitId), eq(topics.year, input.year)));
    if (taken) throw duplicateYear();
  }
  const [after] = await tx
    .update(topics)
    .set({
      ...(input.year !== undefined ? { year: input.year } : {}),
      ...(input.title !== undefined ? { title: cleanText(input.title) } : {}),
      ...(input.summary !== undefined ? { summary: cleanMultiline(input.summary) } : {}),
      ...(input.links !== undefined ? { links: cleanLinks(input.links) } : {}),
      ...edited(ctx, topics.version),
    })
    .where(and(eq(topics.id, current.id), eq(topics.version, input.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await recordAudit(tx, ctx, {
    event: "topic.update",
    entityId: current.id,
    unitId: current.unitId,
    before: current,
    after,
  });
  return after;
}
