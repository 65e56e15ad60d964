import { inArray } from "drizzle-orm";
import type { Db, Executor } from "../../../db/client.ts";
import { newId } from "../../../db/columns.ts";
import { type AuditEntry, recordAudit, recordAuditMany } from "../../../lib/audit.ts";
import type { Actor } from "../../../lib/auth/actor.ts";
import { vnToday } from "../../../lib/dates.ts";
import { EMAIL, importInvalid, type StoreImport } from "../../../lib/imports.ts";
import { allowedActions, inSubtree } from "../../../lib/policy.ts";
import { type CellError, readTable } from "../../../lib/spreadsheet.ts";
import { foldForSearch } from "../../../lib/vietnamese.ts";
import { adminAreaByCode } from "../../admin-areas/index.ts";
import { applyFigureDeltas, type FigureDelta } from "../../figures/index.ts";
import { unitContributions } from "../figures.ts";
import { unitPolicy } from "../policy.ts";
import { type UnitContact, type UnitRow, unitEvents, unitKinds, units } from "../schema.ts";
import { type UnitColumn, unitColumns } from "../sheet.ts";
import { derived, type UnitFields } from "./shared.ts";

export const MAX_UNIT_IMPORT_ROWS = 20_000;
const CHUNK = 1000;

type Parent = { existing: Pick<UnitRow, "id" | "name"> } | { row: number };

/** One unit of the file, checked; `parent` is an existing unit or another row's unit. */
export interface PreparedUnit {
  row: number;
  id: string;
  fields: UnitFields & { code: string };
  kindCode: string | null;
  parent: Parent;
}

export interface PreparedUnitImport {
  /** Parents before their children. */
  units: PreparedUnit[];
  rows: number;
  /** The file's headers of the columns checked again when storing. */
  headers: { code: string; parentCode: string };
}

/** The units policy's answer for one parent: may the actor add a unit under it? */
const mayAddUnder = (actor: Actor, unit: Pick<UnitRow, "path" | "status">) =>
  allowedActions(actor, unitPolicy, { unitPath: unit.path, status: unit.status }).includes("createChild");

type Kind = typeof unitKinds.$inferSelect;

/**
 * How a kind may be written in the sheet: its code ("cell"), its Vietnamese or English name
 * ("Chi bộ"), or one of the names listed in a kind's name ("Tỉnh ủy, Thành ủy" → "Thành ủy";
 * "Đảng ủy xã, phường, đặc khu" → "Đảng ủy phường"), all compared without diacritics.
 */
export function kindLookup(kinds: Kind[]) {
  const map = new Map<string, Kind>();
  const add = (text: string, kind: Kind) => {
    const folded = foldForSearch(text);
    if (folded && !map.has(folded)) map.set(folded, kind);
  };
  for (const kind of kinds) {
    add(kind.code, kind);
    add(kind.name, kind);
    add(kind.nameEn, kind);
    const [first = "", ...others] = kind.name.split(",").map((part) => foldForSearch(part));
    const words = first.split(" ");
    for (const other of others) {
      // A shorter part shares the first part's leading words: "xã, phường" → "đảng ủy phường".
      const full =
        other.split(" ").length < words.length ? `${words.slice(0, -1).join(" ")} ${other}` : other;
      add(full, kind);
    }
  }
  return {
    find: (text: string) => map.get(foldForSearch(text)) ?? null,
    accepted: kinds.map((k) => k.name.split(",")[0]?.trim() ?? k.name).join(", "),
  };
}

const text = (x: unknown) => (typeof x === "string" && x ? x : null);

/**
 * Reads and checks every row of a units sheet. Each row's own cells (code, name, kind, dates,
 * administrative area, e-mail), then the rows together: a code used twice in the file or already
 * used; a parent that is an active unit of the actor's subtree they may add units to, or a unit of
 * the file (on any row); no cycles among the file's units. Every problem of every row is reported at once; any →
 * IMPORT_INVALID. Out-of-scope units are never named: their codes read as unknown.
 */
export async function prepareUnitImport(
  db: Db,
  actor: Actor,
  file: { data: Buffer; filename: string },
  defaultParent: UnitRow | null,
  progress: (value: number) => Promise<void> = async () => {},
): Promise<PreparedUnitImport> {
  const table = await readTable(file.data, file.filename, unitColumns, {
    maxRows: MAX_UNIT_IMPORT_ROWS,
    keepInvalidRows: true,
  });
  await progress(0.2);
  const errors: CellError[] = [...table.errors];
  const header = (key: UnitColumn) =>
    table.headers?.[key] ?? unitColumns.find((c) => c.key === key)?.header ?? key;
  const problem = (row: number, key: UnitColumn, message: string) =>
    errors.push({ row, column: header(key), message });

  const kinds = kindLookup(await db.select().from(unitKinds));
  // Codes of the file (first row of each) and the existing units with any code the file names.
  const firstRowOf = new Map<string, number>();
  for (const { row, values } of table.rows) {
    const code = text(values.code);
    if (code && !firstRowOf.has(code)) firstRowOf.set(code, row);
  }
  const named = new Set<string>(firstRowOf.keys());
  for (const { values } of table.rows) {
    const parentCode = text(values.parentCode);
    if (parentCode) named.add(parentCode);
  }
  const existing = new Map<string, UnitRow>();
  const codes = [...named];
  for (let i = 0; i < codes.length; i += 5000) {
    const found = await db
      .select()
      .from(units)
      .where(inArray(units.code, codes.slice(i, i + 5000)));
    for (const u of found) if (u.code) existing.set(u.code, u);
  }
  await progress(0.3);
  const visible = (u: UnitRow) => inSubtree(actor, u.path);

  const prepared = new Map<number, PreparedUnit>();
  for (const [index, { row, values: v, invalid = [] }] of table.rows.entries()) {
    if (index % 2000 === 1999) {
      await progress(0.3 + (0.1 * index) / table.rows.length);
      await new Promise((resolve) => setImmediate(resolve)); // let progress requests through
    }
    const before = errors.length;
    const bad = new Set<UnitColumn>(invalid);
    const code = text(v.code);
    if (code) {
      const first = firstRowOf.get(code);
      const taken = existing.get(code);
      if (first !== undefined && first !== row) {
        problem(row, "code", `Mã đơn vị "${code}" trùng với dòng ${first}`);
      } else if (taken) {
        problem(
          row,
          "code",
          visible(taken)
            ? `Mã đơn vị "${code}" đã được dùng cho đơn vị "${taken.name}"`
            : `Mã đơn vị "${code}" đã được dùng`,
        );
      }
    }
    let kind: Kind | null = null;
    const kindText = text(v.kind);
    if (kindText) {
      kind = kinds.find(kindText);
      if (!kind) problem(row, "kind", `Loại đơn vị không có: ${kindText} (chấp nhận: ${kinds.accepted})`);
    }
    let parent: Parent | null = null;
    if (!bad.has("parentCode")) {
      const parentCode = text(v.parentCode);
      const inFile = parentCode ? firstRowOf.get(parentCode) : undefined;
      const found = parentCode ? existing.get(parentCode) : defaultParent;
      if (parentCode && parentCode === code) {
        problem(row, "parentCode", "Đơn vị không thể là cấp trên của chính nó");
      } else if (inFile !== undefined) {
        parent = { row: inFile };
      } else if (!found || !visible(found)) {
        problem(
          row,
          "parentCode",
          parentCode
            ? `Không tìm thấy đơn vị cấp trên có mã "${parentCode}" trong tệp hay trong phạm vi của bạn`
            : "Thiếu mã đơn vị cấp trên (hoặc chọn đơn vị cấp trên cho cả tệp)",
        );
      } else if (found.status !== "active") {
        problem(row, "parentCode", `Đơn vị cấp trên "${found.name}" đã giải thể hoặc hợp nhất`);
      } else if (!mayAddUnder(actor, found)) {
        problem(row, "parentCode", `Bạn không được thêm đơn vị trực thuộc "${found.name}"`);
      } else {
        parent = { existing: { id: found.id, name: found.name } };
      }
    }
    const area = text(v.adminAreaCode);
    if (area && !adminAreaByCode(area)) {
      problem(
        row,
        "adminAreaCode",
        `Mã địa bàn hành chính "${area}" không có trong danh mục 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu`,
      );
    }
    const email = text(v.email);
    if (email && !EMAIL.test(email)) problem(row, "email", "Email không hợp lệ");

    if (bad.size || errors.length > before || !code || !parent) continue;
    const contact: UnitContact = {};
    const phone = text(v.phone);
    const address = text(v.address);
    if (phone) contact.phone = phone;
    if (email) contact.email = email.toLowerCase();
    if (address) contact.address = address;
    prepared.set(row, {
      row,
      id: newId(),
      fields: {
        name: String(v.name ?? ""),
        shortName: text(v.shortName),
        code,
        kindId: kind?.id ?? null,
        adminAreaCode: area,
        documentCode: text(v.documentCode),
        contact: Object.keys(contact).length ? contact : null,
        activeFrom: text(v.activeFrom),
      },
      kindCode: kind?.code ?? null,
      parent,
    });
  }

  // Parents first, and no unit of the file above itself: walk each unit up to its existing parent.
  const depthOf = new Map<number, number>();
  const blocked = new Set<number>();
  for (const unit of prepared.values()) {
    const chain: number[] = [];
    const onChain = new Set<number>();
    let base: number | null = null;
    for (let current: PreparedUnit | undefined = unit; ; ) {
      if (!current || blocked.has(current.row)) break; // below a row with problems: reported there
      const known = depthOf.get(current.row);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (onChain.has(current.row)) {
        const loop = chain.slice(chain.indexOf(current.row));
        const codes = [...loop, current.row].map((r) => prepared.get(r)?.fields.code).join(" → ");
        for (const r of loop) problem(r, "parentCode", `Các đơn vị là cấp trên của nhau: ${codes}`);
        break;
      }
      chain.push(current.row);
      onChain.add(current.row);
      const parent: Parent = current.parent;
      if ("existing" in parent) {
        base = -1;
        break;
      }
      current = prepared.get(parent.row);
    }
    if (base === null) for (const r of chain) blocked.add(r);
    else for (const r of chain.reverse()) depthOf.set(r, ++base);
  }
  if (!table.rows.length && !errors.length)
    errors.push({ row: 0, column: "", message: "Tệp không có dòng dữ liệu nào" });
  if (errors.length) throw importInvalid(errors);
  await progress(0.5);
  const ordered = [...prepared.values()].sort(
    (a, b) => (depthOf.get(a.row) ?? 0) - (depthOf.get(b.row) ?? 0) || a.row - b.row,
  );
  return {
    units: ordered,
    rows: table.rows.length,
    headers: { code: header("code"), parentCode: header("parentCode") },
  };
}

/** The existing parents as they are now, locked against a move until the import commits. */
async function lockParents(tx: Executor, ids: string[]) {
  const rows = new Map<string, UnitRow>();
  for (let i = 0; i < ids.length; i += 5000) {
    const found = await tx
      .select()
      .from(units)
      .where(inArray(units.id, ids.slice(i, i + 5000)))
      .for("share");
    for (const u of found) rows.set(u.id, u);
  }
  return rows;
}

/**
 * Stores a prepared units import: every unit as createUnit would (path, depth, search text, sort
 * key, a "created" history event, an audit entry), in one transaction, the figures folded once.
 * What was checked is checked again inside the transaction (a parent moved or closed, a code taken
 * since), so that a change in between fails the import instead of corrupting the tree.
 */
export async function importUnits({
  db,
  ctx,
  prepared,
  progress = async () => {},
  claim,
}: StoreImport<PreparedUnitImport>) {
  const actor = ctx.actor;
  const total = prepared.units.length;
  await db.transaction(async (tx) => {
    const parentIds = [
      ...new Set(prepared.units.flatMap((u) => ("existing" in u.parent ? [u.parent.existing.id] : []))),
    ];
    const parents = await lockParents(tx, parentIds);
    const taken = new Set<string>();
    const codes = prepared.units.map((u) => u.fields.code);
    for (let i = 0; i < codes.length; i += 5000) {
      const found = await tx
        .select({ code: units.code })
        .from(units)
        .where(inArray(units.code, codes.slice(i, i + 5000)));
      for (const f of found) if (f.code) taken.add(f.code);
    }
    const errors: CellError[] = [];
    const placed = new Map<number, { id: string; path: string; depth: number }>();
    const values: (typeof units.$inferInsert)[] = [];
    for (const unit of prepared.units) {
      if (taken.has(unit.fields.code)) {
        errors.push({
          row: unit.row,
          column: prepared.headers.code,
          message: `Mã đơn vị "${unit.fields.code}" đã được dùng`,
        });
      }
      let parent: { id: string; path: string; depth: number } | undefined;
      if ("existing" in unit.parent) {
        const now = parents.get(unit.parent.existing.id);
        const allowed = now && (!actor || mayAddUnder(actor, now));
        if (!now || !allowed) {
          errors.push({
            row: unit.row,
            column: prepared.headers.parentCode,
            message: `Đơn vị cấp trên "${unit.parent.existing.name}" đã thay đổi (chuyển đi, giải thể hoặc hợp nhất): hãy kiểm tra lại tệp`,
          });
          continue;
        }
        parent = now;
      } else parent = placed.get(unit.parent.row);
      if (!parent) {
        if (errors.length) continue; // below a parent that has changed: reported there
        throw new Error(`unit of row ${unit.row} comes before its parent`);
      }
      const path = `${parent.path}${unit.id}/`;
      placed.set(unit.row, { id: unit.id, path, depth: parent.depth + 1 });
      const f = unit.fields;
      values.push({
        id: unit.id,
        ...derived(f.name, f.shortName, f.code),
        parentId: parent.id,
        path,
        depth: parent.depth + 1,
        shortName: f.shortName ?? null,
        code: f.code,
        kindId: f.kindId ?? null,
        adminAreaCode: f.adminAreaCode ?? null,
        documentCode: f.documentCode ?? null,
        contact: f.contact ?? null,
        terms: null,
        activeFrom: f.activeFrom ?? null,
        createdBy: actor?.userId ?? null,
        updatedBy: actor?.userId ?? null,
      });
    }
    if (errors.length) throw importInvalid(errors);

    const today = vnToday();
    const kindCodes = new Map(prepared.units.map((u) => [u.id, u.kindCode]));
    const deltas: FigureDelta[] = [];
    const audit: AuditEntry[] = [];
    for (let i = 0; i < values.length; i += CHUNK) {
      const rows = await tx
        .insert(units)
        .values(values.slice(i, i + CHUNK))
        .returning();
      await tx.insert(unitEvents).values(
        rows.map((row) => ({
          unitId: row.id,
          kind: "created" as const,
          on: row.activeFrom ?? today,
          details: { name: row.name },
          actorId: actor?.userId ?? null,
        })),
      );
      for (const row of rows) {
        const kindCode = kindCodes.get(row.id) ?? null;
        deltas.push(
          ...unitContributions({ id: row.id, kindCode, activeFrom: row.activeFrom, activeTo: null }),
        );
        audit.push({ event: "unit.create", entityId: row.id, unitId: row.id, before: null, after: row });
      }
      await progress(0.5 + (0.4 * Math.min(i + CHUNK, values.length)) / Math.max(values.length, 1));
    }
    await recordAuditMany(tx, ctx, audit);
    await applyFigureDeltas(tx, deltas);
    await recordAudit(tx, ctx, {
      event: "unit.import",
      entityId: null,
      unitId: actor?.unitId ?? null,
      after: { count: total },
    });
    await claim?.(tx);
  });
  return { imported: total };
}
