import { byPrefix, flow, registerMetrics, stock } from "../figures/registry.ts";

const ageBands = [
  { key: "upTo30", min: 0, max: 30, vi: "đến 30 tuổi", en: "30 or younger" },
  { key: "31to40", min: 31, max: 40, vi: "31–40 tuổi", en: "31–40" },
  { key: "41to50", min: 41, max: 50, vi: "41–50 tuổi", en: "41–50" },
  { key: "51to60", min: 51, max: 60, vi: "51–60 tuổi", en: "51–60" },
  { key: "61to70", min: 61, max: 70, vi: "61–70 tuổi", en: "61–70" },
  { key: "over70", min: 71, max: 200, vi: "trên 70 tuổi", en: "over 70" },
];

registerMetrics([
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
    compute: (f) => {
      const year = Number(f.to.slice(0, 4));
      const out = Object.fromEntries(ageBands.map((b) => [`people.active.age.${b.key}`, 0]));
      for (const [born, count] of byPrefix(f.at, "people.active.born:")) {
        const age = year - Number(born);
        const band = ageBands.find((b) => age >= b.min && age <= b.max);
        if (band) out[`people.active.age.${band.key}`] = (out[`people.active.age.${band.key}`] ?? 0) + count;
      }
      return out;
    },
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
]);
