import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { authored } from "../../../lib/command.ts";
import { cleanMultiline } from "../../../lib/vietnamese.ts";
import type { UnitRow } from "../../units/schema.ts";
import { studySessions } from "../schema.ts";
import { checkAttendees, checkDay, insertAttendance, topicFor, withStudyFigures } from "./shared.ts";

/** Records a unit's study session and who was present; the study figures follow. */
export async function createStudySession(input: {
  tx: Executor;
  ctx: Ctx;
  unit: UnitRow;
  topicId: string;
  heldOn: string;
  notes: string;
  personIds: string[];
}) {
  const { tx, ctx } = input;
  const topic = await topicFor(tx, input.unit, input.topicId);
  checkDay(input.heldOn);
  await checkAttendees(tx, input.unit, input.personIds);
  const row = await withStudyFigures(tx, input.personIds, [topic.year], async () => {
    const [session] = await tx
      .insert(studySessions)
      .values({
        unitId: input.unit.id,
        topicId: topic.id,
        heldOn: input.heldOn,
        notes: cleanMultiline(input.notes),
        ...authored(ctx),
      })
      .returning();
    if (!session) throw new Error("no session row");
    await insertAttendance(tx, session.id, input.personIds);
    return session;
  });
  await recordAudit(tx, ctx, {
    event: "study_session.create",
    entityId: row.id,
    unitId: row.unitId,
    after: { ...row, personIds: input.personIds },
  });
  return row;
}
