import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { authored, edited, recordChange } from "../../lib/command.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError, ruleViolation } from "../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../lib/vietnamese.ts";
import { applyFigureDeltas, negate } from "../figures/index.ts";
import { people } from "../people/schema.ts";
import { draftCommands, fieldIdOf, reviewCommands, searchVector } from "../recognition/index.ts";
import { type UnitRow, units } from "../units/schema.ts";
import { adoptionContributions, practiceFacts, practiceSubject } from "./figures.ts";
import { type AdoptionRow, adoptions, type PracticeKind, type PracticeRow, practices } from "./schema.ts";

export interface PracticeFields {
  title: string;
  summary: string;
  description: string;
  results: string;
  fieldCode: string;
  startedOn?: string | null | undefined;
}

/** An individual way of working belongs to a member of the unit's subtree. */
async function checkPerson(
  tx: Executor,
  unit: UnitRow,
  kind: PracticeKind,
  personId: string | null | undefined,
) {
  if (kind === "collective") {
    if (personId) throw ruleViolation("body.personId", "collective");
    return null;
  }
  if (!personId)
    throw ruleViolation("body.personId", "required", {
      vi: "Cách làm cá nhân cần chọn đảng viên.",
      en: "An individual way of working needs a person.",
    });
  const [person] = await tx
    .select({ id: people.id })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.id, personId), sql`${units.path} like ${`${unit.path}%`}`));
  if (!person)
    throw ruleViolation("body.personId", "out_of_unit", {
      vi: "Đảng viên không thuộc đơn vị này.",
      en: "The person is not in this unit.",
    });
  return person.id;
}

const vectorOf = (
  p: { title: string; summary: string; description: string; results: string },
  unitName: string,
) => searchVector({ a: p.title, b: `${p.summary} ${p.description} ${p.results}`, c: unitName });

const clean = (f: Partial<PracticeFields>) => ({
  ...(f.title !== undefined ? { title: cleanText(f.title) } : {}),
  ...(f.summary !== undefined ? { summary: cleanText(f.summary) } : {}),
  ...(f.description !== undefined ? { description: cleanMultiline(f.description) } : {}),
  ...(f.results !== undefined ? { results: cleanMultiline(f.results) } : {}),
});

/** Registers a model of a unit, as a draft: row, figures, audit. */
export async function createPractice(
  tx: Executor,
  ctx: Ctx,
  input: PracticeFields & {
    unit: UnitRow;
    kind: PracticeKind;
    personId?: string | null;
    registeredOn?: string;
  },
) {
  const personId = await checkPerson(tx, input.unit, input.kind, input.personId);
  const fields = clean(input) as Required<ReturnType<typeof clean>>;
  const [row] = await tx
    .insert(practices)
    .values({
      kind: input.kind,
      ...fields,
      fieldId: await fieldIdOf(tx, input.fieldCode),
      unitId: input.unit.id,
      personId,
      startedOn: input.startedOn ?? null,
      registeredOn: input.registeredOn ?? vnToday(),
      searchVector: vectorOf(fields, input.unit.name),
      ...authored(ctx),
    })
    .returning();
  if (!row) throw new Error("no practice row");
  await drafts.created(tx, ctx, row);
  return row;
}

/** Edits a draft or returned model; the version read must still be current. */
export async function updatePractice(
  tx: Executor,
  ctx: Ctx,
  current: PracticeRow & { unitName: string; unitPath: string },
  input: Partial<PracticeFields> & { version: number; personId?: string | null | undefined },
) {
  return drafts.edited(tx, ctx, current, input, async () => {
    const unit = { id: current.unitId, path: current.unitPath } as UnitRow;
    const personId =
      input.personId !== undefined
        ? await checkPerson(tx, unit, current.kind, input.personId)
        : current.personId;
    return {
      ...clean(input),
      ...(input.fieldCode ? { fieldId: await fieldIdOf(tx, input.fieldCode) } : {}),
      ...(input.startedOn !== undefined ? { startedOn: input.startedOn } : {}),
      personId,
      searchVector: vectorOf({ ...current, ...clean(input) }, current.unitName),
    };
  });
}

const drafts = draftCommands<PracticeRow>(practiceSubject, practiceFacts);

export const {
  submit: submitPractice,
  review: reviewPractice,
  publish: publishPractice,
} = reviewCommands(practiceSubject, practiceFacts);

/** A unit records that it adopts a recognised model (once per unit). */
export async function adoptPractice(
  tx: Executor,
  ctx: Ctx,
  input: { practice: PracticeRow; unit: UnitRow; startedOn: string; notes: string },
) {
  if (input.practice.status !== "recognised") throw new AppError("STATE_CONFLICT");
  if (input.practice.unitId === input.unit.id)
    throw ruleViolation("body.unitId", "owner", {
      vi: "Đơn vị không tự nhân rộng mô hình của chính mình.",
      en: "A unit does not adopt its own model.",
    });
  const [row] = await tx
    .insert(adoptions)
    .values({
      practiceId: input.practice.id,
      unitId: input.unit.id,
      startedOn: input.startedOn,
      notes: cleanMultiline(input.notes),
      ...authored(ctx),
    })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw ruleViolation("body.unitId", "already", {
      vi: "Đơn vị đã ghi nhận nhân rộng mô hình này.",
      en: "The unit already adopted this model.",
    });
  await applyFigureDeltas(tx, adoptionContributions(row));
  await recordChange({ tx, ctx }, "adoption.create", row, null, row);
  return row;
}

/** Records an adoption's later results (or corrects its start); the version read must be current. */
export async function updateAdoption(
  tx: Executor,
  ctx: Ctx,
  current: AdoptionRow,
  input: {
    version: number;
    startedOn?: string | undefined;
    notes?: string | undefined;
    results?: string | undefined;
  },
) {
  const [after] = await tx
    .update(adoptions)
    .set({
      ...(input.startedOn ? { startedOn: input.startedOn } : {}),
      ...(input.notes !== undefined ? { notes: cleanMultiline(input.notes) } : {}),
      ...(input.results !== undefined ? { results: cleanMultiline(input.results) } : {}),
      ...edited(ctx, adoptions.version),
    })
    .where(and(eq(adoptions.id, current.id), eq(adoptions.version, input.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  if (after.startedOn !== current.startedOn)
    await applyFigureDeltas(tx, [...negate(adoptionContributions(current)), ...adoptionContributions(after)]);
  await recordAudit(tx, ctx, {
    event: "adoption.update",
    entityId: current.id,
    unitId: current.unitId,
    before: current,
    after,
  });
  return after;
}
