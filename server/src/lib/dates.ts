/** Dates as the campaign counts them: ISO days (YYYY-MM-DD) in Vietnam's time zone (UTC+7, no DST). */

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Today in Asia/Ho_Chi_Minh. */
export const vnToday = (now = Date.now()) => new Date(now + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

export const dayBefore = (day: string) => new Date(dayMs(day) - DAY_MS).toISOString().slice(0, 10);
export const dayAfter = (day: string) => new Date(dayMs(day) + DAY_MS).toISOString().slice(0, 10);

export const yearStart = (day: string) => `${day.slice(0, 4)}-01-01`;
export const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
