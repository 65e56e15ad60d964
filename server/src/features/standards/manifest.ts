import type { ModuleManifest } from "../../lib/manifest.ts";
import { standardRoutes } from "./routes.ts";

export const standardsModule: ModuleManifest = {
  name: "standards",
  routes: [standardRoutes],
};
