import type { ModuleManifest } from "../../lib/manifest.ts";
import { commitmentFigureBatches } from "./figures.ts";
import { metrics } from "./metrics.ts";
import { mayCloseYear, mayCommit, mayKeepCommitments, mayReadUnitCommitments } from "./policy.ts";
import { commitmentRoutes } from "./routes.ts";

export const commitmentsModule: ModuleManifest = {
  name: "commitments",
  routes: [commitmentRoutes],
  metrics,
  figureSource: { metricPrefix: "commitments.", version: 1, batches: commitmentFigureBatches },
  capabilities: {
    own: mayCommit,
    browse: mayReadUnitCommitments,
    keep: mayKeepCommitments,
    closeYear: (actor) => mayCloseYear(actor, actor.unitPath),
  },
};
