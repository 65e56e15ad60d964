import type { ModuleManifest } from "../../lib/manifest.ts";
import { adoptionRoutes } from "./adoption-routes.ts";
import { practiceFigureBatches } from "./figures.ts";
import { practicesImportJob } from "./jobs.ts";
import { metrics } from "./metrics.ts";
import { publicPracticeRoutes } from "./public-routes.ts";
import { practiceRoutes } from "./routes.ts";
import { practiceSheetRoutes } from "./sheet-routes.ts";

export const practicesModule: ModuleManifest = {
  name: "practices",
  routes: [practiceRoutes, practiceSheetRoutes, adoptionRoutes, publicPracticeRoutes],
  metrics,
  figureSource: { metricPrefix: "practices.", version: 1, batches: practiceFigureBatches },
  jobs: [practicesImportJob],
};
