// The units module's face to the other modules: what they may use of it.
export { unitPolicy } from "./policy.ts";
export { actingUnit, findUnit, readByDepth } from "./queries.ts";
export { installReorganisation } from "./reorganisation.ts";
