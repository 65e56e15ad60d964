import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import type { Role } from "../../lib/auth/roles.ts";
import { users } from "../users/schema.ts";

/** Members hold tokens only when an administrator allows it; every other role may. */
export const mayHoldTokens = (user: { role: Role; apiTokensAllowed: boolean }) =>
  user.role !== "member" || user.apiTokensAllowed;

/** May the actor create a token now? Never through a token; a member only when allowed. */
export async function mayCreateTokens(db: Executor, actor: Actor) {
  if (actor.via === "token") return false;
  const [user] = await db
    .select({ role: users.role, apiTokensAllowed: users.apiTokensAllowed })
    .from(users)
    .where(eq(users.id, actor.userId));
  return Boolean(user && mayHoldTokens(user));
}
