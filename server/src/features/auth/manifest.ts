import type { ModuleManifest } from "../../lib/manifest.ts";
import { authRoutes } from "./routes.ts";

export const authModule: ModuleManifest = {
  name: "auth",
  routes: [authRoutes],
};
