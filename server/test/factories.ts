import { eq } from "drizzle-orm";
import type { Executor } from "../src/db/client.ts";
import { createUnit } from "../src/features/units/commands/create-unit.ts";
import { type UnitRow, units } from "../src/features/units/schema.ts";
import { users } from "../src/features/users/schema.ts";
import { systemCtx } from "../src/lib/auth/actor.ts";
import type { Role } from "../src/lib/auth/roles.ts";
import { hashPassword } from "../src/lib/auth/secrets.ts";

let counter = 0;
const next = () => ++counter;

/** A unit under `parent` (default: a new unit under the root, which it looks up). */
export async function buildUnit(
  db: Executor,
  input: { parent?: UnitRow; name?: string } = {},
): Promise<UnitRow> {
  let parent = input.parent;
  if (!parent) {
    const [root] = await db.select().from(units).where(eq(units.depth, 0)).limit(1);
    if (!root) throw new Error("no root unit");
    parent = root;
  }
  return createUnit({ tx: db, ctx: systemCtx(), name: input.name ?? `Đơn vị thử ${next()}`, parent });
}

/** An account with a known password; its unit is created when not given. */
export async function buildUser(
  db: Executor,
  input: {
    role?: Role;
    unit?: UnitRow;
    username?: string;
    password?: string;
    mustChangePassword?: boolean;
    active?: boolean;
  } = {},
) {
  const unit = input.unit ?? (await buildUnit(db));
  const password = input.password ?? `Pw-${next()}-abcdefgh`;
  const [row] = await db
    .insert(users)
    .values({
      username: input.username ?? `user${next()}.${Date.now() % 100000}`,
      displayName: `Người dùng thử ${counter}`,
      role: input.role ?? "member",
      unitId: unit.id,
      passwordHash: await hashPassword(password),
      mustChangePassword: input.mustChangePassword ?? false,
      active: input.active ?? true,
    })
    .returning();
  if (!row) throw new Error("no user");
  return { user: row, unit, password };
}
