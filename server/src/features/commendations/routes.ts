import type { App } from "../../lib/http.ts";
import { commendationDecisionRoutes } from "./routes/decisions.ts";
import { commendationFormRoutes } from "./routes/forms.ts";
import { commendationHistoryRoutes } from "./routes/histories.ts";
import { commendationProposalRoutes } from "./routes/proposals.ts";

/** Khen thưởng: forms, proposals up the chain, decisions and certificates, histories. */
export function commendationRoutes(app: App) {
  commendationFormRoutes(app);
  commendationProposalRoutes(app);
  commendationDecisionRoutes(app);
  commendationHistoryRoutes(app);
}
