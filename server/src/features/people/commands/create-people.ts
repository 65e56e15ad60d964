import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { authored } from "../../../lib/command.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { applyFigureDeltas, type FigureDelta } from "../../figures/index.ts";
import type { UnitRow } from "../../units/schema.ts";
import { personContributions } from "../figures.ts";
import { type PersonRow, people } from "../schema.ts";
import { checkDates, nameFields, type PersonFields } from "./shared.ts";

/** Inserts people into cells in one go (the form and the import share it): rows, figures, audit. */
export async function createPeople(input: {
  tx: Executor;
  ctx: Ctx;
  unit: UnitRow;
  people: PersonFields[] /** Collect the figure deltas instead of applying them (imports apply once). */;
  deltas?: FigureDelta[];
}) {
  const { tx, ctx } = input;
  const values = input.people.map((p) => {
    checkDates(p);
    return {
      ...nameFields(p.fullName, p.givenName),
      gender: p.gender ?? null,
      birthDate: p.birthDate ?? null,
      joinedOn: p.joinedOn ?? null,
      officialOn: p.officialOn ?? null,
      position: p.position ? cleanText(p.position) : null,
      status: p.status ?? "active",
      statusOn: p.status && p.status !== "active" ? (p.statusOn ?? null) : null,
      phone: p.phone ? cleanText(p.phone) : null,
      email: p.email ? cleanText(p.email).toLowerCase() : null,
      unitId: input.unit.id,
      ...authored(ctx),
    };
  });
  const rows: PersonRow[] = [];
  for (let i = 0; i < values.length; i += 1000) {
    rows.push(
      ...(await tx
        .insert(people)
        .values(values.slice(i, i + 1000))
        .returning()),
    );
  }
  const contributions = rows.flatMap((r) => personContributions(r, []));
  if (input.deltas) input.deltas.push(...contributions);
  else await applyFigureDeltas(tx, contributions);
  if (rows.length === 1 && rows[0]) {
    await recordAudit(tx, ctx, {
      event: "person.create",
      entityId: rows[0].id,
      unitId: input.unit.id,
      before: null,
      after: rows[0],
    });
  } else if (rows.length > 1) {
    await recordAudit(tx, ctx, {
      event: "person.import",
      entityId: null,
      unitId: input.unit.id,
      after: { count: rows.length },
    });
  }
  return rows;
}
