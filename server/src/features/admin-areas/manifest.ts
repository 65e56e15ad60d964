import type { ModuleManifest } from "../../lib/manifest.ts";
import { adminAreaRoutes } from "./routes.ts";

export const adminAreasModule: ModuleManifest = {
  name: "admin-areas",
  routes: [adminAreaRoutes],
};
