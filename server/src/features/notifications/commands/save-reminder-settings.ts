import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { authored, edited, recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import type { UnitRow } from "../../units/schema.ts";
import { reminderSettings } from "../schema.ts";

/** An officer sets, for their unit's subtree and a year, the day cells must have proposed their ratings by. */
export async function saveReminderSettings(input: {
  tx: Executor;
  ctx: Ctx;
  unit: UnitRow;
  year: number;
  ratingsDue: string | null;
  version?: number | undefined;
}) {
  const { tx, ctx } = input;
  const [current] = await tx
    .select()
    .from(reminderSettings)
    .where(and(eq(reminderSettings.unitId, input.unit.id), eq(reminderSettings.year, input.year)));
  if (!current) {
    const [row] = await tx
      .insert(reminderSettings)
      .values({
        unitId: input.unit.id,
        year: input.year,
        ratingsDue: input.ratingsDue,
        ...authored(ctx),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("VERSION_CONFLICT"); // written at the same moment elsewhere
    await recordChange({ tx, ctx }, "reminder.settings", { id: row.unitId, unitId: row.unitId }, null, {
      year: row.year,
      ratingsDue: row.ratingsDue,
    });
    return row;
  }
  if (input.version === undefined || input.version !== current.version)
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  const [after] = await tx
    .update(reminderSettings)
    .set({
      ratingsDue: input.ratingsDue,
      ...edited(ctx, reminderSettings.version),
    })
    .where(
      and(
        eq(reminderSettings.unitId, input.unit.id),
        eq(reminderSettings.year, input.year),
        eq(reminderSettings.version, current.version),
      ),
    )
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await recordChange(
    { tx, ctx },
    "reminder.settings",
    { id: after.unitId, unitId: after.unitId },
    { year: current.year, ratingsDue: current.ratingsDue },
    { year: after.year, ratingsDue: after.ratingsDue },
  );
  return after;
}
