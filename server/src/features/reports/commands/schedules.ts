import { and, eq, sql } from "drizzle-orm";
import type { Db, Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import { type Ctx, systemCtx } from "../../../lib/auth/actor.ts";
import { changesNothing } from "../../../lib/edits.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { units } from "../../units/schema.ts";
import { addDays, defaultSections, type Period, periodsAround, sectionsWithKeys } from "../defaults.ts";
import { type Recurrence, type ReportScheduleRow, reportSchedules, type TargetSpec } from "../schema.ts";
import { checkMetrics, checkPickedTargets, createReportRequest, manualMetricsOf } from "./requests.ts";

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

export async function createSchedule(
  tx: Executor,
  ctx: Ctx,
  input: {
    unit: { id: string; path: string };
    body: ScheduleInput & Required<Pick<ScheduleInput, "title" | "recurrence" | "startsOn" | "targets">>;
  },
) {
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
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
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

/** Edits a schedule with the version read (409 when stale); `active: false` stops it. */
export async function updateSchedule(
  tx: Executor,
  ctx: Ctx,
  input: { current: ReportScheduleRow; body: ScheduleInput & { version: number } },
) {
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
      version: sql`${reportSchedules.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(reportSchedules.id, current.id), eq(reportSchedules.version, current.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT");
  await recordAudit(tx, ctx, {
    event: "report_schedule.update",
    entityId: after.id,
    unitId: after.unitId,
    before: { ...current },
    after: { ...after },
  });
  return after;
}

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
          createReportRequest(tx, systemCtx(), {
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
