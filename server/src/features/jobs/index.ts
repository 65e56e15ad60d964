// The jobs module's face to the other modules: what they may use of it.
export { type JobContext, startJob } from "./runner.ts";
