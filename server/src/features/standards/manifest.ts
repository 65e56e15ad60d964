import type { ModuleManifest } from "../../lib/manifest.ts";
import { mayKeepStandards } from "./policy.ts";
import { standardRoutes } from "./routes.ts";

export const standardsModule: ModuleManifest = {
  name: "standards",
  routes: [standardRoutes],
  capabilities: {
    keep: (actor) => mayKeepStandards(actor, actor.unitPath),
  },
};
