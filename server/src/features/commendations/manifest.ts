import type { ModuleManifest } from "../../lib/manifest.ts";
import { commendationFigureBatches } from "./figures.ts";
import { certificatesJob } from "./jobs.ts";
import { metrics } from "./metrics.ts";
import { commendationFormNames } from "./part-names.ts";
import { mayOpenCommendations, mayPropose, mayReview } from "./policy.ts";
import { commendationRoutes } from "./routes.ts";

export const commendationsModule: ModuleManifest = {
  name: "commendations",
  routes: [commendationRoutes],
  metrics,
  figureSource: { metricPrefix: "commendations.", version: 1, batches: commendationFigureBatches },
  partNames: { commendationForm: commendationFormNames },
  jobs: [certificatesJob],
  capabilities: {
    browse: mayOpenCommendations,
    propose: (actor) => mayPropose(actor, actor.unitPath),
    review: mayReview,
  },
};
