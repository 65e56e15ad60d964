import type { Message } from "../../lib/errors.ts";
import { type MetricDefinition, stock } from "../../lib/figures.ts";
import { reviewMetrics } from "../recognition/index.ts";
import { type ExemplarKind, exemplarKinds } from "./schema.ts";

const kindNames: Record<ExemplarKind, Message> = {
  collective: { vi: "Điển hình tập thể", en: "Collective exemplars" },
  individual: { vi: "Điển hình cá nhân", en: "Individual exemplars" },
};

/** The metrics this module derives from the figures (installed by the composition root). */
export const metrics: MetricDefinition[] = [
  ...reviewMetrics("exemplars", { vi: "Điển hình", en: "Exemplars" }),
  {
    key: "exemplars.kind",
    label: {
      vi: "Điển hình theo loại: tập thể, cá nhân (lũy kế)",
      en: "Exemplars by kind: collective, individual (to date)",
    },
    keyLabels: Object.fromEntries(exemplarKinds.map((k) => [`exemplars.kind.${k}`, kindNames[k]])) as Record<
      string,
      Message
    >,
    compute: (f) =>
      Object.fromEntries(exemplarKinds.map((k) => [`exemplars.kind.${k}`, stock(`exemplars.kind:${k}`)(f)])),
  },
];
