import { flow, registerMetrics, stock } from "../figures/registry.ts";
import { reviewMetrics } from "../recognition/metrics.ts";

registerMetrics([
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
]);
