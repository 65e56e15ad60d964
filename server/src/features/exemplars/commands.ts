import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { authored, edited, recordChange } from "../../lib/command.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError, ruleViolation } from "../../lib/errors.ts";
import type { FileStore } from "../../lib/storage.ts";
import { cleanMultiline, cleanText } from "../../lib/vietnamese.ts";
import { filesOf, removeFile, storeFile } from "../files/index.ts";
import { people } from "../people/schema.ts";
import { draftCommands, fieldIdOf, reviewCommands, searchVector } from "../recognition/index.ts";
import { type UnitRow, units } from "../units/schema.ts";
import { exemplarFacts, exemplarSubject, kindContributions } from "./figures.ts";
import { linkablePractices } from "./queries.ts";
import { type ExemplarKind, type ExemplarRow, exemplarPractices, exemplars } from "./schema.ts";

/** The owner type of an exemplar's photo in the file store. */
export const PHOTO_OWNER = "exemplar";

/** Who is honoured, as given by the caller (create, or the fields an edit changes). */
export interface SubjectInput {
  subjectUnitId?: string | null | undefined;
  personId?: string | null | undefined;
  personName?: string | null | undefined;
  personUnitName?: string | null | undefined;
}

/** Who is honoured, checked: the columns to store, the title, and the unit names to search by. */
interface Subject {
  subjectUnitId: string | null;
  personId: string | null;
  personName: string | null;
  personUnitName: string | null;
  title: string;
  unitNames: string;
}

/**
 * Checks who is honoured against the nominating unit: a collective is that unit or an active unit
 * below it (the nominating unit itself when none is named); an individual is a person of its
 * subtree, or a name given with their unit or address.
 */
async function resolveSubject(
  tx: Executor,
  unit: Pick<UnitRow, "id" | "path" | "name">,
  kind: ExemplarKind,
  input: SubjectInput,
): Promise<Subject> {
  const personName = input.personName ? cleanText(input.personName) : "";
  const personUnitName = input.personUnitName ? cleanText(input.personUnitName) : "";
  if (kind === "collective") {
    if (input.personId || personName || personUnitName)
      throw ruleViolation("body.personId", "collective", {
        vi: "Điển hình tập thể không kèm cá nhân.",
        en: "A collective exemplar names no person.",
      });
    const [subject] = await tx
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(
        and(
          eq(units.id, input.subjectUnitId ?? unit.id),
          eq(units.status, "active"),
          sql`${units.path} like ${`${unit.path}%`}`,
        ),
      );
    if (!subject)
      throw ruleViolation("body.subjectUnitId", "out_of_unit", {
        vi: "Tập thể được đề nghị phải là đơn vị đề nghị hoặc một đơn vị trực thuộc.",
        en: "The collective must be the nominating unit or a unit below it.",
      });
    return {
      subjectUnitId: subject.id,
      personId: null,
      personName: null,
      personUnitName: null,
      title: subject.name,
      unitNames: subject.name,
    };
  }
  if (input.subjectUnitId)
    throw ruleViolation("body.subjectUnitId", "individual", {
      vi: "Điển hình cá nhân không chọn tập thể.",
      en: "An individual exemplar names no collective.",
    });
  if (input.personId) {
    if (personName)
      throw ruleViolation("body.personName", "both", {
        vi: "Chọn đảng viên trong danh sách hoặc nhập họ tên, không chọn cả hai.",
        en: "Choose a person of the registry or type a name, not both.",
      });
    const [person] = await tx
      .select({ id: people.id, fullName: people.fullName, unitName: units.name })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(eq(people.id, input.personId), sql`${units.path} like ${`${unit.path}%`}`));
    if (!person)
      throw ruleViolation("body.personId", "out_of_unit", {
        vi: "Người được đề nghị không thuộc đơn vị đề nghị hoặc các đơn vị trực thuộc.",
        en: "The person is not in the nominating unit or below it.",
      });
    return {
      subjectUnitId: null,
      personId: person.id,
      personName: null,
      personUnitName: null,
      title: person.fullName,
      unitNames: person.unitName,
    };
  }
  if (personName.length < 2)
    throw ruleViolation("body.personName", "required", {
      vi: "Hãy chọn đảng viên hoặc nhập họ tên người được đề nghị.",
      en: "Choose a person or type the name of the person nominated.",
    });
  if (!personUnitName)
    throw ruleViolation("body.personUnitName", "required", {
      vi: "Hãy ghi đơn vị công tác hoặc địa chỉ của người được đề nghị.",
      en: "Give the person's unit or address.",
    });
  return {
    subjectUnitId: null,
    personId: null,
    personName,
    personUnitName,
    title: personName,
    unitNames: personUnitName,
  };
}

const vectorOf = (e: { title: string; story: string; achievements: string }, unitNames: string) =>
  searchVector({ a: e.title, b: `${e.story} ${e.achievements}`, c: unitNames });

/** The figures an exemplar contributes outside its review steps: its kind. */
const kindOf = (row: ExemplarRow) => kindContributions(row);

/** Registers an exemplar nominated by a unit, as a draft: row, figures, audit. */
export async function createExemplar(
  tx: Executor,
  ctx: Ctx,
  input: SubjectInput & {
    unit: UnitRow;
    kind: ExemplarKind;
    fieldCode: string;
    story: string;
    achievements: string;
    registeredOn?: string | undefined;
  },
) {
  const subject = await resolveSubject(tx, input.unit, input.kind, input);
  const text = { story: cleanMultiline(input.story), achievements: cleanMultiline(input.achievements) };
  const [row] = await tx
    .insert(exemplars)
    .values({
      kind: input.kind,
      unitId: input.unit.id,
      subjectUnitId: subject.subjectUnitId,
      personId: subject.personId,
      personName: subject.personName,
      personUnitName: subject.personUnitName,
      title: subject.title,
      fieldId: await fieldIdOf(tx, input.fieldCode),
      ...text,
      registeredOn: input.registeredOn ?? vnToday(),
      searchVector: vectorOf({ title: subject.title, ...text }, `${input.unit.name} ${subject.unitNames}`),
      ...authored(ctx),
    })
    .returning();
  if (!row) throw new Error("no exemplar row");
  await drafts.created(tx, ctx, row, kindOf(row));
  return row;
}

/** The exemplar as the edits see it: its row, its unit, and the names it is searched by. */
export interface CurrentExemplar {
  exemplar: ExemplarRow;
  unitName: string;
  unitPath: string;
  subjectName: string | null;
  registryUnitName: string | null;
}

const hasSubject = (input: SubjectInput) =>
  input.subjectUnitId !== undefined ||
  input.personId !== undefined ||
  input.personName !== undefined ||
  input.personUnitName !== undefined;

/** Edits a draft or returned exemplar; the version read must still be current. */
export async function updateExemplar(
  tx: Executor,
  ctx: Ctx,
  current: CurrentExemplar,
  input: SubjectInput & {
    version: number;
    fieldCode?: string | undefined;
    story?: string | undefined;
    achievements?: string | undefined;
  },
) {
  const row = current.exemplar;
  return drafts.edited(tx, ctx, row, input, async () => {
    const subject: Subject = hasSubject(input)
      ? await resolveSubject(
          tx,
          { id: row.unitId, path: current.unitPath, name: current.unitName },
          row.kind,
          {
            subjectUnitId: input.subjectUnitId !== undefined ? input.subjectUnitId : row.subjectUnitId,
            personId: input.personId !== undefined ? input.personId : row.personId,
            personName: input.personName !== undefined ? input.personName : row.personName,
            personUnitName: input.personUnitName !== undefined ? input.personUnitName : row.personUnitName,
          },
        )
      : {
          subjectUnitId: row.subjectUnitId,
          personId: row.personId,
          personName: row.personName,
          personUnitName: row.personUnitName,
          title: row.title,
          unitNames: current.subjectName ?? current.registryUnitName ?? row.personUnitName ?? "",
        };
    const text = {
      story: input.story !== undefined ? cleanMultiline(input.story) : row.story,
      achievements: input.achievements !== undefined ? cleanMultiline(input.achievements) : row.achievements,
    };
    return {
      subjectUnitId: subject.subjectUnitId,
      personId: subject.personId,
      personName: subject.personName,
      personUnitName: subject.personUnitName,
      title: subject.title,
      ...text,
      ...(input.fieldCode ? { fieldId: await fieldIdOf(tx, input.fieldCode) } : {}),
      searchVector: vectorOf({ title: subject.title, ...text }, `${current.unitName} ${subject.unitNames}`),
    };
  });
}

const drafts = draftCommands<ExemplarRow>(exemplarSubject, exemplarFacts, (row) => ({
  ...row,
  searchVector: undefined,
}));

export const {
  submit: submitExemplar,
  review: reviewExemplar,
  publish: publishExemplar,
} = reviewCommands(exemplarSubject, exemplarFacts);

/**
 * Sets the exemplar's one photo (an image, checked by content; a new one replaces the old) in the
 * caller's transaction, with its audit event. Returns the stored file and the storage keys of the
 * old photo, to delete once the transaction has committed.
 */
export async function setExemplarPhoto(
  tx: Executor,
  ctx: Ctx,
  files: FileStore,
  input: { exemplar: ExemplarRow; data: Buffer; fileName: string; maxBytes: number },
) {
  const old = await filesOf(tx, PHOTO_OWNER, [input.exemplar.id]);
  const removed: string[] = [];
  for (const f of old) removed.push(...(await removeFile(tx, f)));
  const file = await storeFile(tx, files, {
    owner: { type: PHOTO_OWNER, id: input.exemplar.id },
    data: input.data,
    fileName: input.fileName,
    allowed: ["image"],
    maxBytes: input.maxBytes,
    actorId: ctx.actor?.userId ?? null,
  });
  await recordAudit(tx, ctx, {
    event: "exemplar.photo",
    entityId: input.exemplar.id,
    unitId: input.exemplar.unitId,
    before: old[0] ? { fileId: old[0].id, fileName: old[0].fileName } : null,
    after: { fileId: file.id, fileName: file.fileName, contentType: file.contentType, size: file.size },
  });
  return { file, removed };
}

/**
 * Replaces the models linked to an exemplar (recognised ones, readable across the tree); the
 * version read must still be current.
 */
export async function linkExemplarPractices(
  tx: Executor,
  ctx: Ctx,
  current: ExemplarRow,
  input: { practiceIds: string[]; version: number },
) {
  const wanted = [...new Set(input.practiceIds)];
  const found = new Set((await linkablePractices(tx, wanted)).map((p) => p.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Chỉ liên kết được mô hình đã được công nhận.",
        en: "Only recognised models can be linked.",
      },
      details: missing.map((id) => ({ path: "body.practiceIds", message: id })),
    });
  const [after] = await tx
    .update(exemplars)
    .set({
      ...edited(ctx, exemplars.version),
    })
    .where(and(eq(exemplars.id, current.id), eq(exemplars.version, input.version)))
    .returning({ id: exemplars.id });
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  const before = (
    await tx
      .select({ id: exemplarPractices.practiceId })
      .from(exemplarPractices)
      .where(eq(exemplarPractices.exemplarId, current.id))
  ).map((p) => p.id);
  await tx.delete(exemplarPractices).where(eq(exemplarPractices.exemplarId, current.id));
  if (wanted.length)
    await tx
      .insert(exemplarPractices)
      .values(wanted.map((practiceId) => ({ exemplarId: current.id, practiceId })));
  await recordChange(
    { tx, ctx },
    "exemplar.update",
    current,
    { practiceIds: before.sort() },
    { practiceIds: [...wanted].sort() },
  );
}
