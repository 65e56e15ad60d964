import type { ModuleManifest } from "../../lib/manifest.ts";
import { healthRoutes } from "./routes.ts";

export const healthModule: ModuleManifest = {
  name: "health",
  routes: [healthRoutes],
};
