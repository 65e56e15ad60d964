// Dates are shown the Vietnamese way (dd/MM/yyyy, 24-hour time) and always in Vietnam's time
// zone, whatever the device's own zone is.

export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const dateTimeParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(value: string | Date): Record<string, string> | null {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const result: Record<string, string> = {};
  for (const part of dateTimeParts.formatToParts(date)) result[part.type] = part.value;
  return result;
}

/** An ISO date (YYYY-MM-DD) is a calendar day: shown as is, no time zone shift. */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** dd/MM/yyyy */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "string") {
    const day = ISO_DAY.exec(value);
    if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  }
  const p = parts(value);
  return p ? `${p.day}/${p.month}/${p.year}` : String(value);
}

/** dd/MM/yyyy HH:mm */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const p = parts(value);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : String(value);
}

/** Today in Vietnam as an ISO date (YYYY-MM-DD), whatever the device's own zone is. */
export function todayInVietnam(now: Date = new Date()): string {
  const p = parts(now);
  return p ? `${p.year}-${p.month}-${p.day}` : now.toISOString().slice(0, 10);
}

/** A count in the Vietnamese way (1.234), or the English one (1,234). */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN").format(value);
}
