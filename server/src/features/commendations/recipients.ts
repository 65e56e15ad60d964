import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../lib/vietnamese.ts";
import { commitments } from "../commitments/schema.ts";
import { exemplars } from "../exemplars/schema.ts";
import { people } from "../people/schema.ts";
import { practices } from "../practices/schema.ts";
import { units } from "../units/schema.ts";
import type { RecipientInput } from "./contracts.ts";
import type { RecipientKind, RecipientLink } from "./schema.ts";

/** A recipient ready to be written: who, where they count, how they are printed. */
export interface PreparedRecipient {
  kind: RecipientKind;
  subjectUnitId: string | null;
  personId: string | null;
  name: string;
  unitLabel: string;
  unitId: string;
  achievement: string;
  links: RecipientLink[];
}

type Problem = { path: string; message: string };

const parentUnit = alias(units, "parent_unit");

/** "Chi bộ Văn phòng, Đảng bộ cơ quan Ủy ban nhân dân phường Kinh Bắc": a unit with its parent. */
const withParent = (name: string, parentName: string | null) =>
  parentName ? `${name}, ${parentName}` : name;

/**
 * Checks and completes the recipients of a proposing unit: collectives are active units of its
 * subtree, individuals active people of its subtree (or a named citizen with their unit or
 * address, counted in the proposing unit), links point at recognised models and exemplars or at
 * submitted commitments of the subtree. Every problem is reported at once (422 with each path).
 */
export async function prepareRecipients(
  tx: Executor,
  proposer: { id: string; path: string },
  inputs: RecipientInput[],
): Promise<PreparedRecipient[]> {
  const problems: Problem[] = [];
  const at = (i: number, field: string) => `body.recipients.${i}.${field}`;
  const unitIds = [
    ...new Set(inputs.flatMap((r) => (r.kind === "collective" && r.unitId ? [r.unitId] : []))),
  ];
  const personIds = [
    ...new Set(inputs.flatMap((r) => (r.kind === "individual" && r.personId ? [r.personId] : []))),
  ];
  const inSubtree = sql`like ${`${proposer.path}%`}`;
  const unitRows = unitIds.length
    ? await tx
        .select({ id: units.id, name: units.name, parentName: parentUnit.name })
        .from(units)
        .leftJoin(parentUnit, eq(parentUnit.id, units.parentId))
        .where(and(inArray(units.id, unitIds), eq(units.status, "active"), sql`${units.path} ${inSubtree}`))
    : [];
  const personRows = personIds.length
    ? await tx
        .select({
          id: people.id,
          fullName: people.fullName,
          unitId: people.unitId,
          unitName: units.name,
          parentName: parentUnit.name,
        })
        .from(people)
        .innerJoin(units, eq(units.id, people.unitId))
        .leftJoin(parentUnit, eq(parentUnit.id, units.parentId))
        .where(
          and(inArray(people.id, personIds), eq(people.status, "active"), sql`${units.path} ${inSubtree}`),
        )
    : [];
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const personById = new Map(personRows.map((p) => [p.id, p]));
  const links = await validLinks(
    tx,
    proposer.path,
    inputs.flatMap((r) => r.links),
  );

  const prepared: PreparedRecipient[] = [];
  inputs.forEach((input, i) => {
    const base = { achievement: cleanMultiline(input.achievement ?? ""), links: [] as RecipientLink[] };
    input.links.forEach((l, j) => {
      if (links.has(`${l.type}:${l.id}`)) {
        if (!base.links.some((k) => k.type === l.type && k.id === l.id))
          base.links.push({ type: l.type, id: l.id });
      } else problems.push({ path: at(i, `links.${j}`), message: "unknown" });
    });
    if (input.kind === "collective") {
      const unit = input.unitId ? unitById.get(input.unitId) : undefined;
      if (!input.unitId || input.personId || input.personName) {
        problems.push({ path: at(i, "unitId"), message: "required" });
        return;
      }
      if (!unit) {
        problems.push({ path: at(i, "unitId"), message: "out_of_scope" });
        return;
      }
      prepared.push({
        ...base,
        kind: "collective",
        subjectUnitId: unit.id,
        personId: null,
        name: unit.name,
        unitLabel: unit.parentName ?? "",
        unitId: unit.id,
      });
      return;
    }
    if (input.personId) {
      const person = personById.get(input.personId);
      if (!person || input.unitId) {
        problems.push({ path: at(i, "personId"), message: "out_of_scope" });
        return;
      }
      prepared.push({
        ...base,
        kind: "individual",
        subjectUnitId: null,
        personId: person.id,
        name: person.fullName,
        unitLabel: withParent(person.unitName, person.parentName),
        unitId: person.unitId,
      });
      return;
    }
    const name = cleanText(input.personName ?? "");
    if (name.length < 2 || input.unitId) {
      problems.push({ path: at(i, "personName"), message: "required" });
      return;
    }
    prepared.push({
      ...base,
      kind: "individual",
      subjectUnitId: null,
      personId: null,
      name,
      unitLabel: cleanText(input.personUnitName ?? ""),
      unitId: proposer.id,
    });
  });
  if (problems.length)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Danh sách đề nghị có mục không hợp lệ: tập thể, cá nhân phải thuộc đơn vị đề nghị (còn hoạt động); công dân cần họ tên; mô hình, điển hình phải đã được công nhận, bản cam kết phải thuộc đơn vị và đã gửi.",
        en: "Some recipients are invalid: collectives and people must belong to the proposing unit (and be active); a citizen needs a name; linked models and exemplars must be recognised, commitments of the unit and submitted.",
      },
      details: problems,
    });
  return prepared;
}

/** The linked records that may back a commendation, as "type:id". */
async function validLinks(tx: Executor, path: string, links: RecipientLink[]): Promise<Set<string>> {
  const ids = (type: RecipientLink["type"]) => [
    ...new Set(links.filter((l) => l.type === type).map((l) => l.id)),
  ];
  const ok = new Set<string>();
  const practiceIds = ids("practice");
  const exemplarIds = ids("exemplar");
  const commitmentIds = ids("commitment");
  for (const [type, table, wanted] of [
    ["practice", practices, practiceIds],
    ["exemplar", exemplars, exemplarIds],
  ] as const)
    if (wanted.length)
      for (const r of await tx
        .select({ id: table.id })
        .from(table)
        .where(and(inArray(table.id, wanted), eq(table.status, "recognised"))))
        ok.add(`${type}:${r.id}`);
  if (commitmentIds.length)
    for (const r of await tx
      .select({ id: commitments.id })
      .from(commitments)
      .innerJoin(units, eq(units.id, commitments.unitId))
      .where(
        and(
          inArray(commitments.id, commitmentIds),
          ne(commitments.status, "draft"),
          sql`${units.path} like ${`${path}%`}`,
        ),
      ))
      ok.add(`commitment:${r.id}`);
  return ok;
}
