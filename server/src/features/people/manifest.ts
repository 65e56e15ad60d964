import type { ModuleManifest } from "../../lib/manifest.ts";
import { personFigureBatches } from "./figures.ts";
import { peopleSheetRoutes } from "./import-routes.ts";
import { peopleExportJob, peopleImportJob } from "./jobs.ts";
import { metrics } from "./metrics.ts";
import { mayListPeople } from "./policy.ts";
import { membersIn, moveMembers } from "./reorganisation.ts";
import { peopleRoutes } from "./routes.ts";

export const peopleModule: ModuleManifest = {
  name: "people",
  routes: [peopleRoutes, peopleSheetRoutes],
  metrics,
  figureSource: { metricPrefix: "people.", version: 2, batches: personFigureBatches },
  onReorganise: { moveMembers, membersIn },
  jobs: [peopleImportJob, peopleExportJob],
  capabilities: {
    browse: mayListPeople,
  },
};
