import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { edited, recordChange } from "../../../lib/command.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { applyFigureDeltas, type FigureDelta } from "../../figures/index.ts";
import type { UnitRow } from "../../units/schema.ts";
import { users } from "../../users/schema.ts";
import { negate, personContributions } from "../figures.ts";
import { type PersonRow, people, personTransfers } from "../schema.ts";
import { transfersOf } from "./shared.ts";

/** Moves a person to another unit on a day, keeping the history; figures follow by date. */
export async function transferPerson(input: {
  tx: Executor;
  ctx: Ctx;
  person: PersonRow;
  to: UnitRow;
  on: string;
  reason?: string | null;
}) {
  const { tx, ctx } = input;
  const { person, to, on } = input;
  if (person.status !== "active") throw new AppError("STATE_CONFLICT");
  if (person.unitId === to.id) return person;
  if (person.joinedOn && on < person.joinedOn) {
    throw ruleViolation("body.on", "before joining");
  }
  const history = await transfersOf(tx, [person.id]);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as strings
  const latest = history.reduce((m, h) => (h.on > m ? h.on : m), "");
  if (on < latest) throw ruleViolation("body.on", "before the last transfer");
  const move = { fromUnitId: person.unitId, toUnitId: to.id, on };
  const [after] = await tx
    .update(people)
    .set({
      unitId: to.id,
      ...edited(ctx, people.version),
    })
    .where(and(eq(people.id, person.id), eq(people.unitId, person.unitId)))
    .returning();
  if (!after) throw new AppError("STATE_CONFLICT");
  await tx.insert(personTransfers).values({
    personId: person.id,
    ...move,
    reason: input.reason ?? null,
    actorId: ctx.actor?.userId ?? null,
  });
  // A linked account follows its person.
  await tx.update(users).set({ unitId: to.id }).where(eq(users.personId, person.id));
  const deltas: FigureDelta[] = [
    ...negate(personContributions(person, history)),
    ...personContributions(after, [...history, move]),
  ];
  await applyFigureDeltas(tx, deltas);
  await recordChange(
    { tx, ctx },
    "person.transfer",
    { id: person.id, unitId: to.id },
    { unitId: person.unitId },
    { unitId: to.id, on },
  );
  return after;
}
