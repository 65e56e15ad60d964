// The plans module's face to the other modules: what they may use of it.
export { planSymbol } from "./presenter.ts";
export { unitForPlan } from "./queries.ts";
