import { and, eq } from "drizzle-orm";
import { type CommandContext, edited, recordChange } from "../../../lib/command.ts";
import { changesNothing } from "../../../lib/edits.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { units } from "../../units/schema.ts";
import { sectionsWithKeys } from "../defaults.ts";
import { type ReportScheduleRow, reportSchedules } from "../schema.ts";
import { checkMetrics, checkPickedTargets, manualMetricsOf } from "./request-checks.ts";
import type { ScheduleInput } from "./schedule-periods.ts";

export interface UpdateScheduleInput extends CommandContext {
  current: ReportScheduleRow;
  body: ScheduleInput & { version: number };
}

/** Edits a schedule with the version read (409 when stale); `active: false` stops it. */
export async function updateSchedule({ tx, ctx, ...input }: UpdateScheduleInput) {
  const { current, body } = input;
  if (changesNothing(body, current)) return current;
  if (body.version !== current.version)
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  if (body.metrics) checkMetrics(body.metrics);
  if (body.targets) {
    const [unit] = await tx
      .select({ id: units.id, path: units.path })
      .from(units)
      .where(eq(units.id, current.unitId));
    if (unit) await checkPickedTargets(tx, unit, body.targets);
  }
  const [after] = await tx
    .update(reportSchedules)
    .set({
      ...(body.title !== undefined ? { title: cleanText(body.title) } : {}),
      ...(body.recurrence !== undefined ? { recurrence: body.recurrence } : {}),
      ...(body.startsOn !== undefined ? { startsOn: body.startsOn } : {}),
      ...(body.dueDays !== undefined ? { dueDays: body.dueDays } : {}),
      ...(body.leadDays !== undefined ? { leadDays: body.leadDays } : {}),
      ...(body.targets !== undefined ? { targets: body.targets } : {}),
      ...(body.sections !== undefined ? { sections: sectionsWithKeys(body.sections) } : {}),
      ...(body.metrics !== undefined ? { metrics: body.metrics } : {}),
      ...(body.manualMetrics !== undefined ? { manualMetrics: manualMetricsOf(body.manualMetrics) } : {}),
      ...(body.instructions !== undefined ? { instructions: body.instructions } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
      ...edited(ctx, reportSchedules.version),
    })
    .where(and(eq(reportSchedules.id, current.id), eq(reportSchedules.version, current.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT");
  await recordChange({ tx, ctx }, "report_schedule.update", after, { ...current }, { ...after });
  return after;
}
