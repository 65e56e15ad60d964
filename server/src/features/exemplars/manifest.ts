import type { ModuleManifest } from "../../lib/manifest.ts";
import { exemplarFigureBatches } from "./figures.ts";
import { metrics } from "./metrics.ts";
import { exemplarPhotoRoutes } from "./photo-routes.ts";
import { publicExemplarRoutes } from "./public-routes.ts";
import { exemplarRoutes } from "./routes.ts";

export const exemplarsModule: ModuleManifest = {
  name: "exemplars",
  routes: [exemplarRoutes, exemplarPhotoRoutes, publicExemplarRoutes],
  metrics,
  figureSource: { metricPrefix: "exemplars.", version: 1, batches: exemplarFigureBatches },
};
