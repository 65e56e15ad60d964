import type { ModuleManifest } from "../../lib/manifest.ts";
import { closeUnitReports } from "./commands/reorganisation.ts";
import { moveReportCounts, rebuildReportCounts } from "./counts.ts";
import { reportRoutes } from "./report-routes.ts";
import { reportRequestRoutes } from "./routes.ts";
import { reportScheduleRoutes } from "./schedule-routes.ts";

export const reportsModule: ModuleManifest = {
  name: "reports",
  routes: [reportRequestRoutes, reportRoutes, reportScheduleRoutes],
  afterFiguresRebuilt: rebuildReportCounts,
  onReorganise: { subtreeMoved: moveReportCounts, unitClosed: closeUnitReports },
};
