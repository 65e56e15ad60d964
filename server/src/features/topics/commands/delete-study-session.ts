import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { type StudySessionRow, studySessions } from "../schema.ts";
import { attendeeIds, withStudyFigures } from "./shared.ts";

/** Removes a session recorded by mistake (the version read must be current); the figures follow. */
export async function deleteStudySession({
  tx,
  ctx,
  current,
  version,
}: {
  tx: Executor;
  ctx: Ctx;
  current: StudySessionRow & { topicYear: number };
  version: number;
}) {
  const before = await attendeeIds(tx, current.id);
  await withStudyFigures(tx, before, [current.topicYear], async () => {
    const [gone] = await tx
      .delete(studySessions)
      .where(and(eq(studySessions.id, current.id), eq(studySessions.version, version)))
      .returning({ id: studySessions.id });
    if (!gone) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  });
  await recordChange(
    { tx, ctx },
    "study_session.delete",
    current,
    { heldOn: current.heldOn, topicId: current.topicId, notes: current.notes, personIds: before },
    null,
  );
}
