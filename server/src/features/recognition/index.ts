// The recognition module's face to the other modules: what they may use of it.

export {
  fieldRef,
  publishBody,
  reviewBody,
  reviewListFilters,
  reviewState,
  reviewStep,
  submitBody,
} from "./contracts.ts";
export { type DraftSubject, draftCommands } from "./drafts.ts";
export { type ReviewTableColumns, reviewFactsOf, reviewFigureBatches } from "./figures.ts";
export { reviewMetrics } from "./metrics.ts";
export { keepers, mayKeep, reviewers, reviewPolicy } from "./policy.ts";
export { presentField, presentReviewState, presentSteps } from "./presenter.ts";
export { type ReviewFilters, reviewHistory } from "./queries.ts";
export { reviewListRoutes, reviewStepRoutes } from "./routes.ts";
export { searchQuery, searchVector } from "./search.ts";
export {
  fieldIdOf,
  publishItem,
  type ReviewDecision,
  type ReviewFactsOf,
  type ReviewInput,
  type ReviewItemFacts,
  type ReviewSubject,
  refigureField,
  reviewCommands,
  reviewContributions,
  reviewItem,
  stepFacts,
  stepsOf,
  submitItem,
} from "./workflow.ts";
