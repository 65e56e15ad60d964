// The auth module's face to the other modules: what they may use of it.
export { clearLoginThrottles } from "./commands/login.ts";
