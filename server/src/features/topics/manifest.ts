import type { ModuleManifest } from "../../lib/manifest.ts";
import { topicFigureBatches } from "./figures.ts";
import { metrics } from "./metrics.ts";
import { mayIssueTopic, mayRecordSessions } from "./policy.ts";
import { topicRoutes } from "./routes.ts";
import { studySessionRoutes } from "./session-routes.ts";

export const topicsModule: ModuleManifest = {
  name: "topics",
  routes: [topicRoutes, studySessionRoutes],
  metrics,
  figureSource: { metricPrefix: "topics.", version: 1, batches: topicFigureBatches },
  capabilities: {
    issue: (actor) => mayIssueTopic(actor, actor.unitPath),
    record: (actor) => mayRecordSessions(actor, actor.unitPath),
  },
};
