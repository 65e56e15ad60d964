import { flow, type MetricDefinition, stock } from "../../lib/figures.ts";
import { planKinds } from "./schema.ts";

const kindNames = {
  whole_term: { vi: "toàn khóa", en: "whole-term" },
  annual: { vi: "hằng năm", en: "annual" },
} as const;

/** The metrics this module derives from the figures (installed by the composition root). */
export const metrics: MetricDefinition[] = [
  {
    key: "plans.issued",
    label: { vi: "Kế hoạch ban hành trong kỳ", en: "Plans issued in the period" },
    keyLabels: Object.fromEntries(
      planKinds.map((kind) => [
        `plans.issued.${kind}`,
        {
          vi: `Kế hoạch ${kindNames[kind].vi} ban hành trong kỳ`,
          en: `${kindNames[kind].en[0]?.toUpperCase()}${kindNames[kind].en.slice(1)} plans issued in the period`,
        },
      ]),
    ),
    compute: (f) => ({
      "plans.issued": flow("plans.issued")(f),
      ...Object.fromEntries(
        planKinds.map((kind) => [`plans.issued.${kind}`, flow(`plans.issued.kind:${kind}`)(f)]),
      ),
    }),
  },
  {
    key: "plans.issuedTotal",
    label: { vi: "Kế hoạch đã ban hành (lũy kế)", en: "Plans issued (to date)" },
    compute: (f) => ({ "plans.issuedTotal": stock("plans.issued")(f) }),
  },
];
