import { and, eq, isNull, sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { vnToday } from "../../lib/dates.ts";
import type { Deps } from "../../lib/http.ts";
import type { JobSchedule } from "../../lib/jobs.ts";
import type { ModuleManifest } from "../../lib/manifest.ts";
import { channelsOf } from "./channels.ts";
import { deliverPending } from "./deliver.ts";
import { sendReminders } from "./reminders.ts";
import { dailyRuns } from "./schema.ts";

/**
 * Takes today's daily run for this instance: false if it already finished today (another
 * instance, an earlier occurrence). A run cut short (its instance died) is taken again.
 */
export async function claimDailyRun(db: Db, day: string, instance: string): Promise<boolean> {
  const claimed = await db
    .insert(dailyRuns)
    .values({ day, instance })
    .onConflictDoUpdate({
      target: dailyRuns.day,
      set: { startedAt: sql`now()`, instance },
      setWhere: isNull(dailyRuns.finishedAt),
    })
    .returning({ day: dailyRuns.day });
  return claimed.length > 0;
}

/** The daily run: the reminders of the whole tree, then every module's `daily`, then the deliveries. */
export async function runDaily(input: {
  deps: Pick<Deps, "db" | "config"> & Partial<Pick<Deps, "events">>;
  modules: readonly ModuleManifest[];
  log: (message: string, error?: unknown) => void;
  today?: string;
}): Promise<boolean> {
  const { deps, modules, log } = input;
  const { db, config } = deps;
  const today = input.today ?? vnToday();
  if (!(await claimDailyRun(db, today, config.instanceName))) return false;
  const channels = channelsOf(config);
  const run = await sendReminders({
    db,
    today,
    channels,
    publicUrl: config.PUBLIC_URL,
    ...(deps.events ? { events: deps.events } : {}),
  });
  log(
    `Nhắc nhở (reminders) ${today}: cam kết ${run.commitment.sent}/${run.commitment.late}, xếp loại ${run.ratings.sent}/${run.ratings.late}`,
  );
  for (const m of modules) await m.daily?.({ db, today, log });
  await deliverPending({ db, channels, publicUrl: config.PUBLIC_URL });
  await db
    .update(dailyRuns)
    .set({ finishedAt: new Date() })
    .where(and(eq(dailyRuns.day, today), isNull(dailyRuns.finishedAt)));
  return true;
}

/**
 * The daily run and the hourly retries of e-mail and webhook deliveries, as job-queue schedules:
 * exactly one instance runs each occurrence, and a day missed while every instance was down is
 * run once when one comes back (pg-boss's `missed: "once"`). Started by app.ts unless REMINDERS is off.
 */
export function dailySchedules(input: { config: Config; modules: readonly ModuleManifest[] }): JobSchedule[] {
  const { config, modules } = input;
  return [
    {
      name: "daily-run",
      cron: config.DAILY_RUN_CRON ?? `0 ${config.REMINDERS_HOUR} * * *`,
      async run({ deps, log }) {
        await runDaily({ deps, modules, log });
      },
    },
    {
      name: "deliveries-retry",
      cron: "17 * * * *",
      async run({ deps }) {
        await deliverPending({
          db: deps.db,
          channels: channelsOf(deps.config),
          publicUrl: deps.config.PUBLIC_URL,
        });
      },
    },
  ];
}
