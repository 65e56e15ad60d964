import type { ModuleManifest } from "../../lib/manifest.ts";
import { unitFigureBatches } from "./figures.ts";
import { unitSheetRoutes } from "./import-routes.ts";
import { unitsImportJob } from "./jobs.ts";
import { metrics } from "./metrics.ts";
import { unitKindNames } from "./part-names.ts";
import { mayBrowseUnits } from "./policy.ts";
import { unitRoutes } from "./routes.ts";

export const unitsModule: ModuleManifest = {
  name: "units",
  routes: [unitRoutes, unitSheetRoutes],
  metrics,
  figureSource: { metricPrefix: "units.", version: 1, batches: unitFigureBatches },
  partNames: { unitKind: unitKindNames },
  jobs: [unitsImportJob],
  capabilities: {
    browse: mayBrowseUnits,
  },
};
