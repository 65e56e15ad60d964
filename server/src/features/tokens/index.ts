// The tokens module's face to the other modules: what they may use of it.
export { revokeUserTokens } from "./commands/revoke-user-tokens.ts";
