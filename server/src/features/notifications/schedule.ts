import pg from "pg";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import { vnToday } from "../../lib/dates.ts";
import type { ModuleManifest } from "../../lib/manifest.ts";
import { channelsOf } from "./channels.ts";
import { deliverPending } from "./deliver.ts";
import { sendReminders } from "./reminders.ts";

/** Any constant shared by every instance: the key of the reminders' advisory lock. */
const REMINDERS_LOCK_KEY = 7_243_002;
const HOUR_MS = 3_600_000;

/** The hour of the day in Vietnam (UTC+7, no daylight saving). */
const vnHour = (now = Date.now()) => new Date(now + 7 * HOUR_MS).getUTCHours();

/**
 * On PostgreSQL, runs `fn` only if this instance takes the advisory lock (another instance that
 * holds it is already running the reminders: this one skips). PGlite serves one process.
 */
export async function underLock(database: Database, fn: () => Promise<void>): Promise<boolean> {
  const pool = (database.db as { $client?: unknown }).$client;
  if (database.kind !== "postgres" || !(pool instanceof pg.Pool)) {
    await fn();
    return true;
  }
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [
      REMINDERS_LOCK_KEY,
    ]);
    if (!rows[0]?.locked) return false;
    try {
      await fn();
    } finally {
      await client.query("select pg_advisory_unlock($1)", [REMINDERS_LOCK_KEY]);
    }
    return true;
  } finally {
    client.release();
  }
}

/**
 * The daily reminders, started by main.ts (never in tests): a tick a minute after the start and
 * then every hour retries the outbox's failed deliveries, and once a day, from REMINDERS_HOUR
 * (Vietnam time), sends the reminders of the whole tree, then runs every module's `daily`. One instance at a time (advisory lock);
 * a run after a restart the same day sends nothing new (the sends are keyed). Returns a stop.
 */
export function startReminderSchedule(input: {
  database: Database;
  config: Config;
  /** The modules whose `daily` runs after the reminders (the composition root's list). */
  modules: readonly ModuleManifest[];
  log: (message: string, error?: unknown) => void;
}): () => Promise<void> {
  const { database, config, log, modules } = input;
  const channels = channelsOf(config);
  let lastDay: string | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const tick = async () => {
    const today = vnToday();
    const due = lastDay !== today && vnHour() >= config.REMINDERS_HOUR;
    const ran = await underLock(database, async () => {
      if (due) {
        const run = await sendReminders({
          db: database.db,
          today,
          channels,
          publicUrl: config.PUBLIC_URL,
        });
        log(
          `Nhắc nhở (reminders) ${today}: cam kết ${run.commitment.sent}/${run.commitment.late}, xếp loại ${run.ratings.sent}/${run.ratings.late}`,
        );
        for (const m of modules) await m.daily?.({ db: database.db, today, log });
      }
      await deliverPending({ db: database.db, channels, publicUrl: config.PUBLIC_URL });
    });
    if (ran && due) lastDay = today;
  };
  const start = () => {
    if (stopped || running) return;
    running = tick()
      .catch((error) => log("Nhắc nhở (reminders) failed", error))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(start, 60_000);
  const hourly = setInterval(start, HOUR_MS);
  first.unref();
  hourly.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(hourly);
    await running;
  };
}
