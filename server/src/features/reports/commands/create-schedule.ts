import { recordAudit } from "../../../lib/audit.ts";
import { authored, type CommandContext } from "../../../lib/command.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { defaultSections, sectionsWithKeys } from "../defaults.ts";
import { reportSchedules } from "../schema.ts";
import { checkMetrics, checkPickedTargets, manualMetricsOf } from "./request-checks.ts";
import type { ScheduleInput } from "./schedule-periods.ts";

export interface CreateScheduleInput extends CommandContext {
  unit: { id: string; path: string };
  body: ScheduleInput & Required<Pick<ScheduleInput, "title" | "recurrence" | "startsOn" | "targets">>;
}

export async function createSchedule({ tx, ctx, ...input }: CreateScheduleInput) {
  const { body } = input;
  checkMetrics(body.metrics ?? []);
  await checkPickedTargets(tx, input.unit, body.targets);
  const [row] = await tx
    .insert(reportSchedules)
    .values({
      unitId: input.unit.id,
      title: cleanText(body.title),
      recurrence: body.recurrence,
      startsOn: body.startsOn,
      dueDays: body.dueDays ?? 10,
      leadDays: body.leadDays ?? 30,
      targets: body.targets,
      sections: sectionsWithKeys(body.sections ?? defaultSections),
      metrics: body.metrics ?? [],
      manualMetrics: manualMetricsOf(body.manualMetrics ?? []),
      instructions: body.instructions ?? "",
      active: body.active ?? true,
      ...authored(ctx),
    })
    .returning();
  if (!row) throw new Error("no schedule");
  await recordAudit(tx, ctx, {
    event: "report_schedule.create",
    entityId: row.id,
    unitId: row.unitId,
    after: { title: row.title, recurrence: row.recurrence, startsOn: row.startsOn, targets: row.targets },
  });
  return row;
}
