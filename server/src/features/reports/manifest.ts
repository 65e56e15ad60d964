import type { ModuleManifest } from "../../lib/manifest.ts";
import { rebuildReportCounts } from "./counts.ts";
import { reportRoutes } from "./report-routes.ts";
import { reportRequestRoutes } from "./routes.ts";
import { reportScheduleRoutes } from "./schedule-routes.ts";

export const reportsModule: ModuleManifest = {
  name: "reports",
  routes: [reportRequestRoutes, reportRoutes, reportScheduleRoutes],
  afterFiguresRebuilt: rebuildReportCounts,
};
