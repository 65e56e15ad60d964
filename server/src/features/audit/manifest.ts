import type { ModuleManifest } from "../../lib/manifest.ts";
import { auditPolicy } from "./policy.ts";
import { auditRoutes } from "./routes.ts";

export const auditModule: ModuleManifest = {
  name: "audit",
  routes: [auditRoutes],
  capabilities: {
    read: (actor) => auditPolicy.read(actor, { unitPath: actor.unitPath }),
  },
};
