import { dayAfter, dayBefore } from "../../lib/dates.ts";
import type { Recurrence, ReportSection, RequestKind } from "./schema.ts";

/** The usual parts of a review report (DOMAIN.md): results; limitations and causes; lessons; directions; proposals. */
export const defaultSections: ReportSection[] = [
  { key: "results", title: "Kết quả đạt được" },
  { key: "limitations", title: "Hạn chế, nguyên nhân" },
  { key: "lessons", title: "Bài học kinh nghiệm" },
  { key: "directions", title: "Phương hướng, nhiệm vụ thời gian tới" },
  { key: "proposals", title: "Đề xuất, kiến nghị" },
];

/** Sections keep their given key; those without one get s1, s2… (each key once). */
export function sectionsWithKeys(sections: { key?: string | undefined; title: string }[]): ReportSection[] {
  const used = new Set<string>();
  return sections.map((s, i) => {
    let key = s.key ?? `s${i + 1}`;
    while (used.has(key)) key = `${key}_${i + 1}`;
    used.add(key);
    return { key, title: s.title };
  });
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Adds days to an ISO day (negative: before it). */
export function addDays(day: string, days: number): string {
  let out = day;
  for (let i = 0; i < Math.abs(days); i++) out = days > 0 ? dayAfter(out) : dayBefore(out);
  return out;
}

export interface Period {
  start: string;
  end: string;
  /** "quý II năm 2026", "6 tháng đầu năm 2026", "năm 2026". */
  label: string;
}

const ROMAN = ["I", "II", "III", "IV"];
const monthsOf: Record<Recurrence, number> = { quarterly: 3, six_month: 6, annual: 12 };

/** The period of a recurrence that holds a day. */
export function periodHolding(recurrence: Recurrence, day: string): Period {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const span = monthsOf[recurrence];
  const index = Math.floor((month - 1) / span);
  const firstMonth = index * span + 1;
  const lastMonth = firstMonth + span - 1;
  const start = `${pad(year, 4)}-${pad(firstMonth)}-01`;
  const end = `${pad(year, 4)}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`;
  const label =
    recurrence === "annual"
      ? `năm ${year}`
      : recurrence === "six_month"
        ? `${index === 0 ? "6 tháng đầu năm" : "6 tháng cuối năm"} ${year}`
        : `quý ${ROMAN[index]} năm ${year}`;
  return { start, end, label };
}

/** The periods around a day: the one before, the one holding it and the next. */
export function periodsAround(recurrence: Recurrence, day: string): Period[] {
  const current = periodHolding(recurrence, day);
  return [
    periodHolding(recurrence, dayBefore(current.start)),
    current,
    periodHolding(recurrence, dayAfter(current.end)),
  ];
}

export const kindOfRecurrence = (r: Recurrence): RequestKind => r;

/** Vietnamese names of the request kinds (the documents' summary lines). */
export const kindNames: Record<RequestKind, { vi: string; en: string }> = {
  quarterly: { vi: "Báo cáo quý", en: "Quarterly report" },
  six_month: { vi: "Báo cáo sơ kết 6 tháng", en: "Six-month report" },
  annual: { vi: "Báo cáo năm", en: "Annual report" },
  review: { vi: "Báo cáo sơ kết, tổng kết", en: "Multi-year review" },
  ad_hoc: { vi: "Báo cáo đột xuất", en: "Ad hoc report" },
};
