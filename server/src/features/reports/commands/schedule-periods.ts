import { addDays, type Period, periodsAround } from "../defaults.ts";
import type { Recurrence, ReportScheduleRow, TargetSpec } from "../schema.ts";

/** A schedule's input and its periods: when each request is due and created. */

export interface ScheduleInput {
  title?: string | undefined;
  recurrence?: Recurrence | undefined;
  startsOn?: string | undefined;
  dueDays?: number | undefined;
  leadDays?: number | undefined;
  targets?: TargetSpec | undefined;
  sections?: { key?: string | undefined; title: string }[] | undefined;
  metrics?: string[] | undefined;
  manualMetrics?: { key: string; label: string; unit?: string | null | undefined }[] | undefined;
  instructions?: string | undefined;
  active?: boolean | undefined;
}

/** The day a schedule's request for a period is due, and the day it is created. */
export function datesOf(schedule: Pick<ReportScheduleRow, "dueDays" | "leadDays">, period: Period) {
  const dueOn = addDays(period.end, schedule.dueDays);
  return { dueOn, createdOn: addDays(dueOn, -schedule.leadDays) };
}

/** The next period a schedule will request (not created yet on `today`), for the UI. */
export function nextPeriod(schedule: ReportScheduleRow, today: string) {
  if (!schedule.active) return null;
  for (const period of periodsAround(schedule.recurrence, today)) {
    const { dueOn, createdOn } = datesOf(schedule, period);
    if (period.start >= schedule.startsOn && createdOn > today)
      return { periodStart: period.start, periodEnd: period.end, createdOn, dueOn };
  }
  return null;
}
