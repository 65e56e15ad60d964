import type { ModuleManifest } from "../../lib/manifest.ts";
import { closeUnitReports } from "./commands/close-unit-reports.ts";
import { createDueReportRequests } from "./commands/create-due-report-requests.ts";
import { moveReportCounts, rebuildReportCounts } from "./counts.ts";
import { mayReadReports, mayRequest } from "./policy.ts";
import { reportRoutes } from "./report-routes.ts";
import { reportRequestRoutes } from "./routes.ts";
import { reportScheduleRoutes } from "./schedule-routes.ts";

export const reportsModule: ModuleManifest = {
  name: "reports",
  routes: [reportRequestRoutes, reportRoutes, reportScheduleRoutes],
  afterFiguresRebuilt: rebuildReportCounts,
  onReorganise: {
    subtreeMoved: moveReportCounts,
    unitClosed: (tx, ctx, input) => closeUnitReports({ tx, ctx, ...input }),
  },
  /** The scheduled report requests due today. */
  async daily({ db, today, log }) {
    const requests = await createDueReportRequests({ db, today, log });
    if (requests.created.length)
      log(`Yêu cầu báo cáo định kỳ (scheduled report requests) ${today}: ${requests.created.length}`);
  },
  capabilities: {
    browse: mayReadReports,
    request: (actor) => mayRequest(actor, actor.unitPath),
  },
};
