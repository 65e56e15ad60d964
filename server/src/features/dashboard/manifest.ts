import type { ModuleManifest } from "../../lib/manifest.ts";
import { dashboardPolicy } from "./policy.ts";
import { dashboardRoutes } from "./routes.ts";

export const dashboardModule: ModuleManifest = {
  name: "dashboard",
  routes: [dashboardRoutes],
  capabilities: {
    view: (actor) => dashboardPolicy.actions.view(actor, { unitPath: actor.unitPath }),
  },
};
