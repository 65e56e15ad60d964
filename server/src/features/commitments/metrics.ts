import type { MetricDefinition } from "../../lib/figures.ts";
import { grades } from "./schema.ts";

const gradeNames = {
  excellent: { vi: "Hoàn thành xuất sắc nhiệm vụ", en: "Excellent" },
  good: { vi: "Hoàn thành tốt nhiệm vụ", en: "Good" },
  complete: { vi: "Hoàn thành nhiệm vụ", en: "Complete" },
  incomplete: { vi: "Không hoàn thành nhiệm vụ", en: "Incomplete" },
} as const;

/** The period's year: commitments and ratings are yearly, so figures read that year's keys. */
const yearOf = (to: string) => to.slice(0, 4);
const at = (f: { at: Map<string, number> }, key: string) => f.at.get(key) ?? 0;

/** The metrics this module derives from the figures (installed by the composition root). */
export const metrics: MetricDefinition[] = [
  {
    key: "commitments.count",
    label: {
      vi: "Đảng viên có bản cam kết (năm của kỳ)",
      en: "Members with a commitment (the period's year)",
    },
    compute: (f) => ({ "commitments.count": at(f, `commitments.submitted:${yearOf(f.to)}`) }),
  },
  {
    key: "commitments.share",
    label: { vi: "Tỉ lệ đảng viên có bản cam kết (%)", en: "Share of members with a commitment (%)" },
    compute: (f) => {
      const active = at(f, "people.active");
      const count = at(f, `commitments.submitted:${yearOf(f.to)}`);
      return { "commitments.share": active ? Math.round((1000 * count) / active) / 10 : 0 };
    },
  },
  {
    key: "commitments.assessed",
    label: { vi: "Bản cam kết đã đánh giá cuối năm", en: "Commitments assessed at the year's end" },
    compute: (f) => ({ "commitments.assessed": at(f, `commitments.assessed:${yearOf(f.to)}`) }),
  },
  {
    key: "commitments.proposed",
    label: { vi: "Chi bộ đề xuất xếp loại", en: "Grades proposed by cells" },
    keyLabels: Object.fromEntries(
      grades.map((g) => [
        `commitments.proposed.${g}`,
        { vi: `Đề xuất: ${gradeNames[g].vi}`, en: `Proposed: ${gradeNames[g].en}` },
      ]),
    ),
    compute: (f) =>
      Object.fromEntries(
        grades.map((g) => [`commitments.proposed.${g}`, at(f, `commitments.proposed:${yearOf(f.to)}:${g}`)]),
      ),
  },
  {
    key: "commitments.grade",
    label: { vi: "Xếp loại đảng viên (đã xác nhận)", en: "Members' grades (confirmed)" },
    keyLabels: Object.fromEntries(
      grades.map((g) => [`commitments.grade.${g}`, { vi: gradeNames[g].vi, en: gradeNames[g].en }]),
    ),
    compute: (f) =>
      Object.fromEntries(
        grades.map((g) => [`commitments.grade.${g}`, at(f, `commitments.final:${yearOf(f.to)}:${g}`)]),
      ),
  },
];
