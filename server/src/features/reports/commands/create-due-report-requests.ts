import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { systemCtx } from "../../../lib/auth/actor.ts";
import { units } from "../../units/schema.ts";
import { periodsAround } from "../defaults.ts";
import { reportSchedules } from "../schema.ts";
import { createReportRequest } from "./create-report-request.ts";
import { datesOf } from "./schedule-periods.ts";

/**
 * The daily run's part for reports: for each active schedule, the requests of the periods whose
 * creation day has come and whose due date has not passed (the period before today's, today's and
 * the next), each created once (the unique key of schedule and period: a second run, or a second
 * instance, creates nothing). Each request in its own transaction; a schedule whose targets are
 * gone is skipped and logged. Testable directly with any `today`.
 */
export async function createDueReportRequests(input: {
  db: Db;
  today: string;
  log?: (message: string, error?: unknown) => void;
}): Promise<{ created: { scheduleId: string; requestId: string; periodStart: string }[] }> {
  const { db, today } = input;
  const log = input.log ?? (() => {});
  const schedules = await db
    .select({ schedule: reportSchedules, path: units.path, depth: units.depth })
    .from(reportSchedules)
    .innerJoin(units, eq(units.id, reportSchedules.unitId))
    .where(and(eq(reportSchedules.active, true), eq(units.status, "active")));
  const created: { scheduleId: string; requestId: string; periodStart: string }[] = [];
  for (const { schedule, path, depth } of schedules) {
    for (const period of periodsAround(schedule.recurrence, today)) {
      const { dueOn, createdOn } = datesOf(schedule, period);
      if (period.start < schedule.startsOn || createdOn > today || dueOn < today) continue;
      try {
        const request = await db.transaction((tx) =>
          createReportRequest({
            tx,
            ctx: systemCtx(),
            requester: { id: schedule.unitId, path, depth },
            scheduleId: schedule.id,
            body: {
              title: `${schedule.title} ${period.label}`,
              kind: schedule.recurrence,
              periodStart: period.start,
              periodEnd: period.end,
              dueOn,
              targets: schedule.targets,
              sections: schedule.sections,
              metrics: schedule.metrics,
              manualMetrics: schedule.manualMetrics,
              instructions: schedule.instructions,
            },
          }),
        );
        if (request)
          created.push({ scheduleId: schedule.id, requestId: request.id, periodStart: period.start });
      } catch (error) {
        log(`Lịch báo cáo (report schedule) ${schedule.id} ${period.start}: not created`, error);
      }
    }
  }
  return { created };
}
