import type { ModuleManifest } from "../../lib/manifest.ts";
import { tokenRoutes } from "./routes.ts";

export const tokensModule: ModuleManifest = {
  name: "tokens",
  routes: [tokenRoutes],
};
