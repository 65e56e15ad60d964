import type { ModuleManifest } from "../../lib/manifest.ts";
import { dashboardRoutes } from "./routes.ts";

export const dashboardModule: ModuleManifest = {
  name: "dashboard",
  routes: [dashboardRoutes],
};
