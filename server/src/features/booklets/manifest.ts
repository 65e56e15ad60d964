import type { ModuleManifest } from "../../lib/manifest.ts";
import { bookletExportJob } from "./jobs.ts";
import { mayCompile } from "./policy.ts";
import { bookletRoutes } from "./routes.ts";

export const bookletsModule: ModuleManifest = {
  name: "booklets",
  routes: [bookletRoutes],
  jobs: [bookletExportJob],
  capabilities: {
    compile: mayCompile,
  },
};
