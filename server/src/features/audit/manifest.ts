import type { ModuleManifest } from "../../lib/manifest.ts";
import { auditRoutes } from "./routes.ts";

export const auditModule: ModuleManifest = {
  name: "audit",
  routes: [auditRoutes],
};
