// The practices module's face to the other modules: what they may use of it.
export { queueCount } from "./queries.ts";
