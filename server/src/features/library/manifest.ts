import type { ModuleManifest } from "../../lib/manifest.ts";
import { libraryRoutes } from "./routes.ts";

export const libraryModule: ModuleManifest = {
  name: "library",
  routes: [libraryRoutes],
};
