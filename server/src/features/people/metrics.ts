import { flow, type MetricDefinition, stock } from "../../lib/figures.ts";
import { ageBands } from "./figures.ts";

/** The metrics this module derives from the figures (installed by the composition root). */
export const metrics: MetricDefinition[] = [
  {
    key: "people.active",
    label: { vi: "Đảng viên đang sinh hoạt (cuối kỳ)", en: "Active members (end of period)" },
    compute: (f) => ({ "people.active": stock("people.active")(f) }),
  },
  {
    key: "people.active.gender",
    label: { vi: "Đảng viên theo giới tính", en: "Members by gender" },
    keyLabels: {
      "people.active.male": { vi: "Đảng viên nam", en: "Male members" },
      "people.active.female": { vi: "Đảng viên nữ", en: "Female members" },
    },
    compute: (f) => ({
      "people.active.male": stock("people.active.gender:male")(f),
      "people.active.female": stock("people.active.gender:female")(f),
    }),
  },
  {
    key: "people.active.age",
    label: { vi: "Đảng viên theo độ tuổi (cuối kỳ)", en: "Members by age band (end of period)" },
    keyLabels: Object.fromEntries(
      ageBands.map((b) => [
        `people.active.age.${b.key}`,
        { vi: `Đảng viên ${b.vi}`, en: `Members aged ${b.en}` },
      ]),
    ),
    compute: (f) =>
      Object.fromEntries(
        ageBands.map((b) => [`people.active.age.${b.key}`, stock(`people.active.age:${b.key}`)(f)]),
      ),
  },
  {
    key: "people.joined",
    label: { vi: "Kết nạp trong kỳ", en: "Joined in the period" },
    compute: (f) => ({ "people.joined": flow("people.joined")(f) }),
  },
  {
    key: "people.left",
    label: { vi: "Ra khỏi danh sách trong kỳ", en: "Left in the period" },
    keyLabels: {
      "people.left.deceased": { vi: "Từ trần trong kỳ", en: "Deceased in the period" },
      "people.left.removed": { vi: "Xóa tên, khai trừ trong kỳ", en: "Removed in the period" },
      "people.left.transferred": {
        vi: "Chuyển sinh hoạt ra ngoài trong kỳ",
        en: "Transferred out in the period",
      },
    },
    compute: (f) => ({
      "people.left.deceased": flow("people.left:deceased")(f),
      "people.left.removed": flow("people.left:removed")(f),
      "people.left.transferred": flow("people.left:transferred")(f),
    }),
  },
];
