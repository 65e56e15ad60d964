import { flow, type MetricDefinition, stock } from "../../lib/figures.ts";
import { reviewMetrics } from "../recognition/index.ts";

/** The metrics this module derives from the figures (installed by the composition root). */
export const metrics: MetricDefinition[] = [
  ...reviewMetrics("practices", { vi: "Mô hình", en: "Models" }),
  {
    key: "practices.adoptions",
    label: { vi: "Lượt nhân rộng mô hình trong kỳ", en: "Model adoptions in the period" },
    compute: (f) => ({ "practices.adoptions": flow("practices.adoptions")(f) }),
  },
  {
    key: "practices.adoptionsTotal",
    label: { vi: "Lượt nhân rộng mô hình (lũy kế)", en: "Model adoptions (to date)" },
    compute: (f) => ({ "practices.adoptionsTotal": stock("practices.adoptions")(f) }),
  },
];
