// What the people module does when the tree is reorganised (its manifest's onReorganise): the
// members of a merged or split unit move with their transfer history, figures and accounts.
import { and, count, eq, inArray, like, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import type { MoveMembers } from "../../lib/manifest.ts";
import { applyFigureDeltas } from "../figures/index.ts";
import { units } from "../units/schema.ts";
import { users } from "../users/schema.ts";
import { negate, personContributions } from "./figures.ts";
import { people, personTransfers } from "./schema.ts";

const TRANSFER_BATCH = 1_000;

/**
 * Moves the active people of `from` (all of them, or those of `personIds`) into `to` on day `on`,
 * keeping each one's transfer history; their linked accounts follow them. A batch at a time.
 */
export async function moveMembers(tx: Executor, ctx: Ctx, input: MoveMembers): Promise<number> {
  const { from, to, on, reason, personIds } = input;
  if (personIds && personIds.length > TRANSFER_BATCH) {
    let moved = 0;
    for (let i = 0; i < personIds.length; i += TRANSFER_BATCH)
      moved += await moveMembers(tx, ctx, { ...input, personIds: personIds.slice(i, i + TRANSFER_BATCH) });
    return moved;
  }
  if (personIds?.length === 0) return 0;
  const members = await tx
    .select()
    .from(people)
    .where(
      and(
        eq(people.unitId, from.id),
        eq(people.status, "active"),
        personIds ? inArray(people.id, [...personIds]) : undefined,
      ),
    );
  if (!members.length) return 0;
  const ids = members.map((m) => m.id);
  const history = await tx.select().from(personTransfers).where(inArray(personTransfers.personId, ids));
  const deltas = [];
  for (const person of members) {
    const past = history.filter((h) => h.personId === person.id);
    const next = [...past, { fromUnitId: from.id, toUnitId: to.id, on }];
    deltas.push(
      ...negate(personContributions(person, past)),
      ...personContributions({ ...person, unitId: to.id }, next),
    );
  }
  await tx.insert(personTransfers).values(
    members.map((m) => ({
      personId: m.id,
      fromUnitId: from.id,
      toUnitId: to.id,
      on,
      reason,
      actorId: ctx.actor?.userId ?? null,
    })),
  );
  await tx
    .update(people)
    .set({ unitId: to.id, version: sql`${people.version} + 1`, updatedAt: new Date() })
    .where(inArray(people.id, ids));
  await tx.update(users).set({ unitId: to.id }).where(inArray(users.personId, ids)); // accounts follow their person
  await applyFigureDeltas(tx, deltas);
  return members.length;
}

/** How many active members the subtrees of `paths` hold. */
export async function membersIn(tx: Executor, paths: readonly string[]) {
  let n = 0;
  for (const path of paths) {
    const [row] = await tx
      .select({ n: count() })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(like(units.path, `${path}%`), eq(people.status, "active")));
    n += row?.n ?? 0;
  }
  return n;
}
