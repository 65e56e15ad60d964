import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import type { EditCommand } from "../../../lib/command.ts";
import { edited } from "../../../lib/command.ts";
import { changesNothing } from "../../../lib/edits.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { applyFigureDeltas } from "../../figures/index.ts";
import { negate, personContributions } from "../figures.ts";
import { type PersonRow, people } from "../schema.ts";
import { checkDates, nameFields, type PersonFields, transfersOf } from "./shared.ts";

/** Edits a person (details, or leaving: status and date); the version read must still be current. */
export async function updatePerson(edit: EditCommand<PersonRow, Partial<PersonFields>>) {
  const { tx, ctx, current, changes: input } = edit;
  if (changesNothing(input, current)) return current;
  const next = { ...current, ...input };
  checkDates(next);
  const names =
    input.fullName !== undefined || input.givenName !== undefined
      ? nameFields(next.fullName, next.givenName)
      : {};
  const status = next.status;
  const [after] = await tx
    .update(people)
    .set({
      ...names,
      ...(input.gender !== undefined ? { gender: input.gender } : {}),
      ...(input.birthDate !== undefined ? { birthDate: input.birthDate } : {}),
      ...(input.joinedOn !== undefined ? { joinedOn: input.joinedOn } : {}),
      ...(input.officialOn !== undefined ? { officialOn: input.officialOn } : {}),
      ...(input.position !== undefined
        ? { position: input.position ? cleanText(input.position) : null }
        : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      status,
      statusOn: status === "active" ? null : (next.statusOn ?? current.statusOn),
      ...edited(ctx, people.version),
    })
    .where(and(eq(people.id, current.id), eq(people.version, input.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  const history = await transfersOf(tx, [current.id]);
  await applyFigureDeltas(tx, [
    ...negate(personContributions(current, history)),
    ...personContributions(after, history),
  ]);
  await recordAudit(tx, ctx, {
    event: "person.update",
    entityId: after.id,
    unitId: after.unitId,
    before: current,
    after,
  });
  return after;
}
