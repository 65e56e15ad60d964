import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { authored } from "../../lib/command.ts";
import { vnToday } from "../../lib/dates.ts";
import { importInvalid, type StoreImport } from "../../lib/imports.ts";
import { inSubtree } from "../../lib/policy.ts";
import { type CellError, readTable } from "../../lib/spreadsheet.ts";
import { cleanMultiline, cleanText, foldForSearch } from "../../lib/vietnamese.ts";
import { applyFigureDeltas, type FigureDelta, pathIds } from "../figures/index.ts";
import { people } from "../people/schema.ts";
import { mayKeep, reviewContributions, searchVector } from "../recognition/index.ts";
import { campaignFields } from "../recognition/schema.ts";
import { unitKinds, units } from "../units/schema.ts";
import { PRACTICE_METRICS } from "./figures.ts";
import { type PracticeKind, practices } from "./schema.ts";
import { type PracticeColumn, practiceImportColumns } from "./sheet.ts";

export const MAX_PRACTICE_IMPORT_ROWS = 20_000;

export interface PreparedPractice {
  row: number;
  kind: PracticeKind;
  title: string;
  summary: string;
  description: string;
  results: string;
  unit: { id: string; name: string };
  personId: string | null;
  field: { id: string; code: string };
  startedOn: string | null;
  registeredOn: string;
  recognised: { unitId: string; level: string | null; on: string } | null;
  isPublic: boolean;
}

const str = (v: unknown) => (typeof v === "string" && v ? v : null);

/**
 * Reads and checks every row of a models sheet (records kept on paper before): each row's cells,
 * then its unit (in the actor's subtree, kept by the actor), its field (name or code), the person
 * of an individual way of working (by name, among the unit's people), and for a recognised model
 * the recognising unit (the unit itself or one above it) and the day. Every problem of every row
 * is reported at once; any → IMPORT_INVALID.
 */
export async function preparePracticeImport(
  db: Db,
  actor: Actor,
  file: { data: Buffer; filename: string },
  progress: (value: number) => Promise<void> = async () => {},
) {
  const table = await readTable(file.data, file.filename, practiceImportColumns, {
    maxRows: MAX_PRACTICE_IMPORT_ROWS,
    keepInvalidRows: true,
  });
  await progress(0.2);
  const errors: CellError[] = [...table.errors];
  const header = (key: PracticeColumn) =>
    table.headers?.[key] ?? practiceImportColumns.find((c) => c.key === key)?.header ?? key;
  const problem = (row: number, key: PracticeColumn, message: string) =>
    errors.push({ row, column: header(key), message });

  const codes = new Set<string>();
  for (const { values } of table.rows) {
    for (const c of [str(values.unitCode), str(values.recognisedUnitCode)]) if (c) codes.add(c);
  }
  const found = new Map<
    string,
    { id: string; name: string; path: string; status: string; kindCode: string | null }
  >();
  const list = [...codes];
  for (let i = 0; i < list.length; i += 5000) {
    const rows = await db
      .select({
        id: units.id,
        name: units.name,
        path: units.path,
        status: units.status,
        code: units.code,
        kindCode: unitKinds.code,
      })
      .from(units)
      .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
      .where(inArray(units.code, list.slice(i, i + 5000)));
    for (const r of rows) if (r.code) found.set(r.code, r);
  }
  const fields = await db.select().from(campaignFields);
  const fieldOf = new Map<string, (typeof fields)[number]>();
  for (const f of fields) {
    fieldOf.set(foldForSearch(f.code), f);
    fieldOf.set(foldForSearch(f.name), f);
    fieldOf.set(foldForSearch(f.nameEn), f);
  }
  // People of the units named by individual rows, by folded name (to find who "Nguyễn Văn An" is).
  const personUnits = new Set<string>();
  for (const { values } of table.rows) {
    const u = found.get(str(values.unitCode) ?? "");
    if (u && str(values.personName)) personUnits.add(u.path);
  }
  const peopleByUnit = new Map<string, Map<string, string[]>>();
  for (const path of personUnits) {
    const rows = await db
      .select({ id: people.id, searchText: people.searchText })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(sql`${units.path} like ${`${path}%`}`, eq(people.status, "active")));
    const byName = new Map<string, string[]>();
    for (const p of rows) byName.set(p.searchText, [...(byName.get(p.searchText) ?? []), p.id]);
    peopleByUnit.set(path, byName);
  }
  await progress(0.4);

  const prepared: PreparedPractice[] = [];
  const today = vnToday();
  for (const { row, values: v, invalid = [] } of table.rows) {
    const before = errors.length;
    const bad = new Set(invalid);
    const unitCode = str(v.unitCode);
    const unit = unitCode ? found.get(unitCode) : undefined;
    if (unitCode && !bad.has("unitCode")) {
      if (!unit || !inSubtree(actor, unit.path))
        problem(row, "unitCode", `Không có đơn vị mã "${unitCode}" trong phạm vi của bạn`);
      else if (unit.status !== "active")
        problem(row, "unitCode", `Đơn vị "${unit.name}" đã giải thể hoặc hợp nhất`);
      else if (!mayKeep(actor, unit.path))
        problem(row, "unitCode", "Bạn không có quyền ghi mô hình cho đơn vị này");
    }
    const fieldText = str(v.field);
    const field = fieldText ? fieldOf.get(foldForSearch(fieldText)) : undefined;
    if (fieldText && !field && !bad.has("field"))
      problem(
        row,
        "field",
        `Lĩnh vực "${fieldText}" không có trong danh mục (${fields.map((f) => f.name).join("; ")})`,
      );
    const kind = (v.kind as PracticeKind | null) ?? (str(v.personName) ? "individual" : "collective");
    let personId: string | null = null;
    if (kind === "individual" && !bad.has("personName")) {
      const name = str(v.personName);
      if (!name) problem(row, "personName", "Cách làm cá nhân cần họ và tên đảng viên");
      else if (unit) {
        const ids = peopleByUnit.get(unit.path)?.get(foldForSearch(name)) ?? [];
        if (!ids.length)
          problem(
            row,
            "personName",
            `Không có đảng viên "${name}" đang sinh hoạt trong đơn vị "${unit.name}"`,
          );
        else if (ids.length > 1)
          problem(
            row,
            "personName",
            `Có ${ids.length} đảng viên tên "${name}" trong đơn vị: hãy nhập theo chi bộ`,
          );
        else personId = ids[0] ?? null;
      }
    }
    const isRecognised = v.status === "recognised";
    let recognised: PreparedPractice["recognised"] = null;
    if (isRecognised && unit) {
      const code = str(v.recognisedUnitCode);
      const by = code ? found.get(code) : undefined;
      const ancestors = pathIds(unit.path);
      if (!code && !bad.has("recognisedUnitCode"))
        problem(row, "recognisedUnitCode", "Mô hình đã công nhận cần mã đơn vị công nhận");
      else if (code && (!by || !ancestors.includes(by.id)) && !bad.has("recognisedUnitCode"))
        problem(
          row,
          "recognisedUnitCode",
          `Đơn vị công nhận "${code}" phải là đơn vị đó hoặc cấp trên của nó`,
        );
      const on = str(v.recognisedOn);
      if (!on && !bad.has("recognisedOn"))
        problem(row, "recognisedOn", "Mô hình đã công nhận cần ngày công nhận");
      else if (on && on > today) problem(row, "recognisedOn", "Ngày công nhận ở tương lai");
      if (by && on) recognised = { unitId: by.id, level: by.kindCode, on };
    } else if (str(v.recognisedUnitCode) && !isRecognised) {
      problem(row, "status", 'Có đơn vị công nhận: hãy ghi trạng thái "Đã công nhận"');
    }
    const registeredOn = str(v.registeredOn) ?? str(v.startedOn) ?? today;
    if (registeredOn > today) problem(row, "registeredOn", "Ngày đăng ký ở tương lai");
    if (recognised && recognised.on < registeredOn)
      problem(row, "recognisedOn", "Ngày công nhận trước ngày đăng ký");
    if (errors.length > before || bad.size || !unit || !field) continue;
    prepared.push({
      row,
      kind,
      title: cleanText(String(v.title ?? "")),
      summary: cleanText(str(v.summary) ?? ""),
      description: cleanMultiline(str(v.description) ?? ""),
      results: cleanMultiline(str(v.results) ?? ""),
      unit: { id: unit.id, name: unit.name },
      personId,
      field: { id: field.id, code: field.code },
      startedOn: str(v.startedOn),
      registeredOn,
      recognised,
      isPublic: recognised !== null && v.isPublic === "yes",
    });
  }
  if (errors.length) throw importInvalid(errors);
  await progress(0.5);
  return { practices: prepared, rows: prepared.length };
}

/** Stores every prepared model in one transaction (all or nothing), figures folded once. */
export async function importPractices({
  db,
  ctx,
  prepared,
  progress = async () => {},
  claim,
}: StoreImport<Awaited<ReturnType<typeof preparePracticeImport>>>) {
  await db.transaction(async (tx) => {
    const deltas: FigureDelta[] = [];
    for (let i = 0; i < prepared.practices.length; i += 500) {
      const chunk = prepared.practices.slice(i, i + 500);
      await tx.insert(practices).values(
        chunk.map((p) => ({
          kind: p.kind,
          title: p.title,
          summary: p.summary,
          description: p.description,
          results: p.results,
          fieldId: p.field.id,
          unitId: p.unit.id,
          personId: p.personId,
          startedOn: p.startedOn,
          registeredOn: p.registeredOn,
          status: p.recognised ? ("recognised" as const) : ("draft" as const),
          recognisedUnitId: p.recognised?.unitId ?? null,
          recognisedLevel: p.recognised?.level ?? null,
          recognisedOn: p.recognised?.on ?? null,
          isPublic: p.isPublic,
          searchVector: searchVector({
            a: p.title,
            b: `${p.summary} ${p.description} ${p.results}`,
            c: p.unit.name,
          }),
          ...authored(ctx),
        })),
      );
      for (const p of chunk)
        deltas.push(
          ...reviewContributions(
            PRACTICE_METRICS,
            {
              unitId: p.unit.id,
              fieldCode: p.field.code,
              registeredOn: p.registeredOn,
              status: p.recognised ? "recognised" : "draft",
              recognisedOn: p.recognised?.on ?? null,
              recognisedLevel: p.recognised?.level ?? null,
            },
            [],
          ),
        );
      await progress(0.5 + (0.45 * (i + chunk.length)) / prepared.practices.length);
    }
    await applyFigureDeltas(tx, deltas);
    await recordAudit(tx, ctx, {
      event: "practice.import",
      unitId: ctx.actor?.unitId ?? null,
      after: { imported: prepared.practices.length },
    });
    await claim?.(tx);
  });
  await progress(1);
  return { imported: prepared.practices.length };
}
