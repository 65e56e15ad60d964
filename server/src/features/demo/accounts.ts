import { eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { units } from "../units/schema.ts";
import { users } from "../users/schema.ts";

/** Demo accounts as actors (by username), for demo records that people make themselves (reading, confirming). */
export async function demoActors(tx: Executor, usernames: string[]): Promise<Map<string, Actor>> {
  const rows = await tx
    .select({ user: users, unitName: units.name, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(inArray(users.username, usernames));
  return new Map(
    rows.map(({ user, unitName, unitPath }) => [
      user.username,
      {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        unitId: user.unitId,
        unitName,
        unitPath,
        personId: user.personId,
        mustChangePassword: false,
        locale: user.locale,
        via: "session",
        sessionId: null,
        csrfToken: null,
      },
    ]),
  );
}
