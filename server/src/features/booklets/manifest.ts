import type { ModuleManifest } from "../../lib/manifest.ts";
import { bookletExportJob } from "./jobs.ts";
import { bookletRoutes } from "./routes.ts";

export const bookletsModule: ModuleManifest = {
  name: "booklets",
  routes: [bookletRoutes],
  jobs: [bookletExportJob],
};
