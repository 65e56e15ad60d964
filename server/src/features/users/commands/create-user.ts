import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import type { Actor, Ctx } from "../../../lib/auth/actor.ts";
import type { Role } from "../../../lib/auth/roles.ts";
import { hashPassword, oneTimePassword } from "../../../lib/auth/secrets.ts";
import { recordChange } from "../../../lib/command.ts";
import { isUniqueViolation } from "../../../lib/db-errors.ts";
import { findPerson } from "../../people/index.ts";
import { people } from "../../people/schema.ts";
import { findUser } from "../queries.ts";
import { users } from "../schema.ts";
import { auditable, personLinked, personOutOfScope, targetUnit, usernameTaken } from "./shared.ts";

/** Creates an account with a one-time password that must be changed at first login. */
export async function createUser(input: {
  db: Db;
  ctx: Ctx;
  actor: Actor;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  personId?: string | null | undefined;
}) {
  const { db, ctx, actor } = input;
  const personId = input.personId ?? null;
  await targetUnit(db, actor, input.unitId, input.role);
  // The person must be one the creator reads in their own subtree (the people module's scoped
  // read): a person shared elsewhere, e.g. through a recognised model, is not theirs to claim.
  if (personId && !(await findPerson(db, actor, personId))) throw personOutOfScope;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  try {
    const id = await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, input.username));
      if (existing) throw usernameTaken;
      if (personId) {
        // Locked like the bulk creation locks its people: of two creations, the second sees the first.
        await tx.select({ id: people.id }).from(people).where(eq(people.id, personId)).for("update");
        const [linked] = await tx.select({ id: users.id }).from(users).where(eq(users.personId, personId));
        if (linked) throw personLinked;
      }
      const [row] = await tx
        .insert(users)
        .values({
          username: input.username,
          displayName: input.displayName.normalize("NFC"),
          role: input.role,
          unitId: input.unitId,
          personId,
          passwordHash,
          mustChangePassword: true,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      await recordChange({ tx, ctx }, "user.create", row, null, auditable(row));
      return row.id;
    });
    const created = await findUser(db, actor, id);
    if (!created) throw new Error("created user not readable");
    return { row: created, oneTimePassword: password };
  } catch (error) {
    if (isUniqueViolation(error, "users_username_key")) throw usernameTaken;
    if (isUniqueViolation(error)) throw personLinked;
    throw error;
  }
}
