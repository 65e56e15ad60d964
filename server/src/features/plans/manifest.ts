import type { ModuleManifest } from "../../lib/manifest.ts";
import { planFigureBatches } from "./figures.ts";
import { metrics } from "./metrics.ts";
import { mayPlan } from "./policy.ts";
import { planRoutes } from "./routes.ts";

export const plansModule: ModuleManifest = {
  name: "plans",
  routes: [planRoutes],
  metrics,
  figureSource: { metricPrefix: "plans.", version: 1, batches: planFigureBatches },
  capabilities: {
    plan: (actor) => mayPlan(actor, actor.unitPath),
  },
};
