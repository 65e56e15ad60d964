import type { ModuleManifest } from "../../lib/manifest.ts";
import { mayIssueDocument } from "./policy.ts";
import { libraryRoutes } from "./routes.ts";

export const libraryModule: ModuleManifest = {
  name: "library",
  routes: [libraryRoutes],
  capabilities: {
    issue: (actor) => mayIssueDocument(actor, actor.unitPath),
  },
};
