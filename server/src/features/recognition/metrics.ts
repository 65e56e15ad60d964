import type { Message } from "../../lib/errors.ts";
import { byPrefix, flow, type MetricDefinition, stock } from "../../lib/figures.ts";
import { reviewStatuses } from "./schema.ts";

const statusNames: Record<(typeof reviewStatuses)[number], Message> = {
  draft: { vi: "đang soạn", en: "draft" },
  submitted: { vi: "chờ xét duyệt", en: "awaiting review" },
  returned: { vi: "bị trả lại", en: "returned" },
  recognised: { vi: "đã công nhận", en: "recognised" },
};

/**
 * The metrics of an item type that goes through the review workflow (models, exemplars): counts
 * registered (stock and flow), by status and by field at the end of the period, recognised (flow,
 * stock, by level and by field).
 */
export function reviewMetrics(prefix: "practices" | "exemplars", noun: Message): MetricDefinition[] {
  const raw = (key: string) => `${prefix}.${key}`;
  const fromPrefix = (f: Map<string, number>, p: string, to: string) =>
    Object.fromEntries([...byPrefix(f, raw(p))].map(([k, n]) => [`${prefix}.${to}.${k}`, n]));
  return [
    {
      key: `${prefix}.total`,
      label: {
        vi: `${noun.vi} đã đăng ký (lũy kế cuối kỳ)`,
        en: `${noun.en} registered (to the end of the period)`,
      },
      compute: (f) => ({ [`${prefix}.total`]: stock(raw("registered"))(f) }),
    },
    {
      key: `${prefix}.registered`,
      label: { vi: `${noun.vi} đăng ký trong kỳ`, en: `${noun.en} registered in the period` },
      compute: (f) => ({ [`${prefix}.registered`]: flow(raw("registered"))(f) }),
    },
    {
      key: `${prefix}.status`,
      label: { vi: `${noun.vi} theo trạng thái (cuối kỳ)`, en: `${noun.en} by status (end of period)` },
      keyLabels: Object.fromEntries(
        reviewStatuses.map((s) => [
          `${prefix}.status.${s}`,
          { vi: `${noun.vi} ${statusNames[s].vi}`, en: `${noun.en} ${statusNames[s].en}` },
        ]),
      ),
      compute: (f) =>
        Object.fromEntries(
          reviewStatuses.map((s) => [`${prefix}.status.${s}`, stock(raw(`status:${s}`))(f)]),
        ),
    },
    {
      key: `${prefix}.field`,
      label: { vi: `${noun.vi} theo lĩnh vực (lũy kế)`, en: `${noun.en} by field (to date)` },
      parts: ["field"],
      compute: (f) => fromPrefix(f.at, "field:", "field"),
    },
    {
      key: `${prefix}.recognised`,
      label: { vi: `${noun.vi} được công nhận trong kỳ`, en: `${noun.en} recognised in the period` },
      compute: (f) => ({ [`${prefix}.recognised`]: flow(raw("recognised"))(f) }),
    },
    {
      key: `${prefix}.recognisedTotal`,
      label: { vi: `${noun.vi} đã được công nhận (lũy kế)`, en: `${noun.en} recognised (to date)` },
      compute: (f) => ({ [`${prefix}.recognisedTotal`]: stock(raw("recognised"))(f) }),
    },
    {
      key: `${prefix}.level`,
      label: { vi: `${noun.vi} được công nhận theo cấp`, en: `${noun.en} recognised by level` },
      parts: ["unitKind"],
      compute: (f) => fromPrefix(f.at, "level:", "level"),
    },
    {
      key: `${prefix}.recognisedField`,
      label: { vi: `${noun.vi} được công nhận theo lĩnh vực`, en: `${noun.en} recognised by field` },
      parts: ["field"],
      compute: (f) => fromPrefix(f.at, "recognised.field:", "recognisedField"),
    },
  ];
}
