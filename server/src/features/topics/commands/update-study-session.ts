import { and, eq } from "drizzle-orm";
import type { EditCommand } from "../../../lib/command.ts";
import { edited, recordChange } from "../../../lib/command.ts";
import { changesNothing } from "../../../lib/edits.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline } from "../../../lib/vietnamese.ts";
import { type StudySessionRow, studyAttendance, studySessions } from "../schema.ts";
import {
  attendeeIds,
  checkAttendees,
  checkDay,
  insertAttendance,
  topicFor,
  withStudyFigures,
} from "./shared.ts";

/** Corrects a session (topic, day, notes, who was present); the version read must be current. */
export async function updateStudySession(
  edit: EditCommand<
    StudySessionRow & { unitPath: string; topicYear: number },
    {
      topicId?: string | undefined;
      heldOn?: string | undefined;
      notes?: string | undefined;
      personIds?: string[] | undefined;
    }
  >,
) {
  const { tx, ctx, current, changes: input } = edit;
  if (changesNothing(input, current)) return current;
  const unit = { path: current.unitPath };
  const topic =
    input.topicId !== undefined && input.topicId !== current.topicId
      ? await topicFor(tx, unit, input.topicId)
      : null;
  if (input.heldOn !== undefined && input.heldOn !== current.heldOn) checkDay(input.heldOn);
  const before = await attendeeIds(tx, current.id);
  if (input.personIds) {
    const had = new Set(before);
    await checkAttendees(
      tx,
      unit,
      input.personIds.filter((id) => !had.has(id)),
    );
  }
  const next = input.personIds ?? before;
  const years = [current.topicYear, ...(topic ? [topic.year] : [])];
  const after = await withStudyFigures(tx, [...before, ...next], years, async () => {
    const [updated] = await tx
      .update(studySessions)
      .set({
        ...(topic ? { topicId: topic.id } : {}),
        ...(input.heldOn !== undefined ? { heldOn: input.heldOn } : {}),
        ...(input.notes !== undefined ? { notes: cleanMultiline(input.notes) } : {}),
        ...edited(ctx, studySessions.version),
      })
      .where(and(eq(studySessions.id, current.id), eq(studySessions.version, input.version)))
      .returning();
    if (!updated) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
    if (input.personIds) {
      await tx.delete(studyAttendance).where(eq(studyAttendance.sessionId, current.id));
      await insertAttendance(tx, current.id, input.personIds);
    }
    return updated;
  });
  const { unitPath: _path, topicYear: _year, ...was } = current;
  await recordChange(
    { tx, ctx },
    "study_session.update",
    current,
    { ...was, personIds: before },
    { ...after, personIds: next },
  );
  return after;
}
