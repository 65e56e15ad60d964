// The recognition module's face to the other modules: what they may use of it.
export { reviewMetrics } from "./metrics.ts";
export { keepers, mayKeep, reviewers, reviewPolicy } from "./policy.ts";
export { searchQuery, searchVector } from "./search.ts";
export {
  publishItem,
  type ReviewDecision,
  type ReviewItemFacts,
  type ReviewSubject,
  reviewContributions,
  reviewItem,
  stepFacts,
  stepsOf,
  submitItem,
} from "./workflow.ts";
