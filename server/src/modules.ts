// The composition root: every module of the server, one line each (docs/ARCHITECTURE.md, "Adding a
// module"). app.ts registers their routes in this order; the figures engine takes their metrics,
// figure sources and part names from here (the metrics list in this order too).

import { adminAreasModule } from "./features/admin-areas/manifest.ts";
import { auditModule } from "./features/audit/manifest.ts";
import { authModule } from "./features/auth/manifest.ts";
import { bookletsModule } from "./features/booklets/manifest.ts";
import { commendationsModule } from "./features/commendations/manifest.ts";
import { commitmentsModule } from "./features/commitments/manifest.ts";
import { dashboardModule } from "./features/dashboard/manifest.ts";
import { documentsModule } from "./features/documents/manifest.ts";
import { exemplarsModule } from "./features/exemplars/manifest.ts";
import { installFigureModules } from "./features/figures/index.ts";
import { healthModule } from "./features/health/manifest.ts";
import { jobsModule } from "./features/jobs/manifest.ts";
import { libraryModule } from "./features/library/manifest.ts";
import { notificationsModule } from "./features/notifications/manifest.ts";
import { peopleModule } from "./features/people/manifest.ts";
import { plansModule } from "./features/plans/manifest.ts";
import { practicesModule } from "./features/practices/manifest.ts";
import { recognitionModule } from "./features/recognition/manifest.ts";
import { reportsModule } from "./features/reports/manifest.ts";
import { standardsModule } from "./features/standards/manifest.ts";
import { tokensModule } from "./features/tokens/manifest.ts";
import { topicsModule } from "./features/topics/manifest.ts";
import { installReorganisation } from "./features/units/index.ts";
import { unitsModule } from "./features/units/manifest.ts";
import { usersModule } from "./features/users/manifest.ts";
import { installCapabilities } from "./lib/capabilities.ts";
import type { ModuleManifest } from "./lib/manifest.ts";

export const modules: readonly ModuleManifest[] = [
  adminAreasModule,
  auditModule,
  authModule,
  bookletsModule,
  commendationsModule,
  commitmentsModule,
  dashboardModule,
  documentsModule,
  exemplarsModule,
  healthModule,
  jobsModule,
  libraryModule,
  notificationsModule,
  peopleModule,
  plansModule,
  practicesModule,
  recognitionModule,
  reportsModule,
  standardsModule,
  tokensModule,
  topicsModule,
  unitsModule,
  usersModule,
];

/**
 * Gives the figures engine the modules' metrics, figure sources and part names, the units module
 * their reorganisation hooks, and /api/auth/me their capabilities (idempotent).
 */
export function installModules() {
  installFigureModules(modules);
  installReorganisation(modules);
  installCapabilities(modules);
  return modules;
}
