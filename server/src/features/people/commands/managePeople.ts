import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { changesNothing } from "../../../lib/edits.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanText, foldForSearch, vietnameseSortKey } from "../../../lib/vietnamese.ts";
import { applyFigureDeltas, type FigureDelta } from "../../figures/index.ts";
import type { UnitRow } from "../../units/schema.ts";
import { users } from "../../users/schema.ts";
import { negate, personContributions } from "../figures.ts";
import { type PersonRow, type PersonStatus, people, personTransfers } from "../schema.ts";

export interface PersonFields {
  fullName: string;
  givenName?: string | null;
  gender?: "male" | "female" | null;
  birthDate?: string | null;
  joinedOn?: string | null;
  officialOn?: string | null;
  position?: string | null;
  status?: PersonStatus;
  statusOn?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** Stored name fields: NFC text, the accent-free search text and the Vietnamese sort key. */
export function nameFields(fullName: string, givenName?: string | null) {
  const name = cleanText(fullName);
  const given = givenName ? cleanText(givenName) : null;
  return {
    fullName: name,
    givenName: given,
    searchText: foldForSearch(name),
    sortKey: vietnameseSortKey(name, given),
  };
}

function checkDates(p: {
  birthDate?: string | null;
  joinedOn?: string | null;
  officialOn?: string | null;
  statusOn?: string | null;
}) {
  const problems: { path: string; message: string }[] = [];
  if (p.birthDate && p.joinedOn && p.joinedOn < p.birthDate)
    problems.push({ path: "body.joinedOn", message: "before birth" });
  if (p.joinedOn && p.officialOn && p.officialOn < p.joinedOn)
    problems.push({ path: "body.officialOn", message: "before joining" });
  if (p.joinedOn && p.statusOn && p.statusOn < p.joinedOn)
    problems.push({ path: "body.statusOn", message: "before joining" });
  if (problems.length) {
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Các ngày không hợp lý (ví dụ: ngày vào Đảng trước ngày sinh, ngày chính thức trước ngày vào Đảng).",
        en: "The dates are inconsistent (e.g. joined before birth, official before joining).",
      },
      details: problems,
    });
  }
}

const transfersOf = (tx: Executor, personIds: string[]) =>
  personIds.length
    ? tx.select().from(personTransfers).where(inArray(personTransfers.personId, personIds))
    : Promise.resolve([]);

/** Inserts people into cells in one go (the form and the import share it): rows, figures, audit. */
export async function createPeople(
  tx: Executor,
  ctx: Ctx,
  input: {
    unit: UnitRow;
    people: PersonFields[] /** Collect the figure deltas instead of applying them (imports apply once). */;
    deltas?: FigureDelta[];
  },
) {
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
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
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

/** Edits a person (details, or leaving: status and date); the version read must still be current. */
export async function updatePerson(
  tx: Executor,
  ctx: Ctx,
  current: PersonRow,
  input: Partial<PersonFields> & { version: number },
) {
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
      version: sql`${people.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
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

/** Moves a person to another unit on a day, keeping the history; figures follow by date. */
export async function transferPerson(
  tx: Executor,
  ctx: Ctx,
  input: { person: PersonRow; to: UnitRow; on: string; reason?: string | null },
) {
  const { person, to, on } = input;
  if (person.status !== "active") throw new AppError("STATE_CONFLICT");
  if (person.unitId === to.id) return person;
  if (person.joinedOn && on < person.joinedOn) {
    throw new AppError("RULE_VIOLATION", { details: [{ path: "body.on", message: "before joining" }] });
  }
  const history = await transfersOf(tx, [person.id]);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as strings
  const latest = history.reduce((m, h) => (h.on > m ? h.on : m), "");
  if (on < latest)
    throw new AppError("RULE_VIOLATION", {
      details: [{ path: "body.on", message: "before the last transfer" }],
    });
  const move = { fromUnitId: person.unitId, toUnitId: to.id, on };
  const [after] = await tx
    .update(people)
    .set({
      unitId: to.id,
      version: sql`${people.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
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
  await recordAudit(tx, ctx, {
    event: "person.transfer",
    entityId: person.id,
    unitId: to.id,
    before: { unitId: person.unitId },
    after: { unitId: to.id, on },
  });
  return after;
}
