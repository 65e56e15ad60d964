import type { ModuleManifest } from "../../lib/manifest.ts";
import { jobRoutes } from "./routes.ts";

export const jobsModule: ModuleManifest = {
  name: "jobs",
  routes: [jobRoutes],
};
