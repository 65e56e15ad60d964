import { and, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import type { Actor } from "../../../lib/auth/actor.ts";
import { EMAIL, importInvalid, type StoreImport } from "../../../lib/imports.ts";
import { scopeFilter } from "../../../lib/policy.ts";
import { type CellError, readTable } from "../../../lib/spreadsheet.ts";
import { applyFigureDeltas, type FigureDelta } from "../../figures/index.ts";
import { unitPolicy } from "../../units/index.ts";
import { type UnitRow, units } from "../../units/schema.ts";
import { type PersonColumn, personColumns } from "../sheet.ts";
import { createPeople } from "./create-people.ts";
import type { PersonFields } from "./shared.ts";

export const MAX_IMPORT_ROWS = 100_000;
const CHUNK = 250;

export interface PreparedImport {
  groups: { unit: UnitRow; people: PersonFields[] }[];
  rows: number;
}

/**
 * Reads and checks every row of a people sheet: cell values, dates in order, and a unit (the
 * row's "Mã chi bộ", or the default unit) that is an active unit inside the actor's subtree.
 * Every problem of every row is collected (a bad cell does not hide the row's other problems);
 * any error → IMPORT_INVALID with the whole row-by-row report.
 */
export async function prepareImport(
  db: Db,
  actor: Actor,
  file: { data: Buffer; filename: string },
  defaultUnit: UnitRow | null,
  progress: (value: number) => Promise<void> = async () => {},
): Promise<PreparedImport> {
  const table = await readTable(file.data, file.filename, personColumns, {
    maxRows: MAX_IMPORT_ROWS,
    keepInvalidRows: true,
  });
  await progress(0.3);
  const errors = [...table.errors];
  const codes = [
    ...new Set(
      table.rows.map((r) => r.values.unitCode).filter((c): c is string => typeof c === "string" && !!c),
    ),
  ];
  const byCode = new Map<string, UnitRow>();
  for (let i = 0; i < codes.length; i += 5000) {
    const found = await db
      .select()
      .from(units)
      .where(
        and(
          inArray(units.code, codes.slice(i, i + 5000)),
          scopeFilter(actor, unitPolicy.visibility, units.path),
        ),
      );
    for (const u of found) if (u.code) byCode.set(u.code, u);
  }
  // The header as written in the file, so that every message of a column names it alike.
  const header = (key: PersonColumn) =>
    table.headers?.[key] ?? personColumns.find((c) => c.key === key)?.header ?? key;
  const text = (x: unknown) => (typeof x === "string" && x ? x : null);
  const groups = new Map<string, { unit: UnitRow; people: PersonFields[] }>();
  for (const [index, { row, values: v, invalid = [] }] of table.rows.entries()) {
    if (index % 2000 === 1999) {
      await progress(0.3 + (0.2 * index) / table.rows.length);
      await new Promise((resolve) => setImmediate(resolve)); // let progress requests through
    }
    const bad = new Set<PersonColumn>(invalid);
    const problems: CellError[] = [];
    const problem = (key: PersonColumn, message: string) =>
      problems.push({ row, column: header(key), message });

    let unit: UnitRow | null = null;
    if (!bad.has("unitCode")) {
      const code = text(v.unitCode);
      const found = code ? byCode.get(code) : defaultUnit;
      if (!found) {
        problem(
          "unitCode",
          code
            ? `Không tìm thấy đơn vị có mã "${code}" trong phạm vi của bạn`
            : "Thiếu mã chi bộ (hoặc chọn đơn vị nhận cho cả tệp)",
        );
      } else if (found.status !== "active") {
        problem("unitCode", `Đơn vị "${found.name}" đã giải thể hoặc hợp nhất`);
      } else unit = found;
    }
    const person: PersonFields = {
      fullName: String(v.fullName ?? ""),
      givenName: text(v.givenName),
      gender: (text(v.gender) as PersonFields["gender"]) ?? null,
      birthDate: text(v.birthDate),
      joinedOn: text(v.joinedOn),
      officialOn: text(v.officialOn),
      position: text(v.position),
      phone: text(v.phone),
      email: text(v.email),
    };
    if (!bad.has("fullName") && person.fullName.length < 2) problem("fullName", "Họ và tên quá ngắn");
    // A bad date is absent from the values: the order checks only compare dates that were read.
    if (person.birthDate && person.joinedOn && person.joinedOn < person.birthDate) {
      problem("joinedOn", "Ngày vào Đảng trước ngày sinh");
    }
    if (person.joinedOn && person.officialOn && person.officialOn < person.joinedOn) {
      problem("officialOn", "Ngày chính thức trước ngày vào Đảng");
    }
    if (person.email && !EMAIL.test(person.email)) problem("email", "Thư điện tử không hợp lệ");
    errors.push(...problems);
    if (!unit || bad.size || problems.length) continue;
    const group = groups.get(unit.id) ?? { unit, people: [] };
    group.people.push(person);
    groups.set(unit.id, group);
  }
  if (!table.rows.length && !errors.length)
    errors.push({ row: 0, column: "", message: "Tệp không có dòng dữ liệu nào" });
  if (errors.length) throw importInvalid(errors);
  await progress(0.5);
  return { groups: [...groups.values()], rows: table.rows.length };
}

/** Stores a prepared import: all rows in one transaction, or none. */
export async function importPeople({
  db,
  ctx,
  prepared,
  progress = async () => {},
  claim,
}: StoreImport<PreparedImport>) {
  let done = 0;
  await db.transaction(async (tx) => {
    // Figures are summed over the whole file and folded up the tree once.
    const deltas: FigureDelta[] = [];
    for (const group of prepared.groups) {
      for (let i = 0; i < group.people.length; i += CHUNK) {
        const chunk = group.people.slice(i, i + CHUNK);
        await createPeople({ tx, ctx, unit: group.unit, people: chunk, deltas });
        done += chunk.length;
        await progress(0.5 + (0.4 * done) / prepared.rows);
      }
    }
    await applyFigureDeltas(tx, deltas);
    await claim?.(tx);
  });
  return { imported: done };
}
