import { and, count, eq, gt, inArray, like, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { newId } from "../../db/columns.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { isUniqueViolation } from "../../lib/db-errors.ts";
import { changesNothing } from "../../lib/edits.ts";
import { AppError } from "../../lib/errors.ts";
import { cleanText, foldForSearch, vietnameseCollationKey } from "../../lib/vietnamese.ts";
import { adminAreaByCode } from "../admin-areas/index.ts";
import { applyFigureDeltas, moveSubtreeFigures, negate } from "../figures/index.ts";
import { people, personTransfers } from "../people/schema.ts";
import { unitContributions } from "./figures.ts";
import { membersIn, moveMembers, subtreeMoved, unitClosed } from "./reorganisation.ts";
import { type UnitContact, type UnitRow, type UnitTerm, unitEvents, unitKinds, units } from "./schema.ts";

export interface UnitFields {
  name: string;
  shortName?: string | null;
  code?: string | null;
  kindId?: string | null;
  adminAreaCode?: string | null;
  documentCode?: string | null;
  contact?: UnitContact | null;
  terms?: UnitTerm[] | null;
  activeFrom?: string | null;
}
/** An ISO day as Vietnamese messages write it: 01/07/2025. */
const viDay = (iso: string) => iso.split("-").reverse().join("/");

/** The stored name fields: clean name, search text and sort key (createUnit and the import share them). */
export function derived(name: string, shortName?: string | null, code?: string | null) {
  const clean = cleanText(name);
  return {
    name: clean,
    searchText: foldForSearch([clean, shortName ?? "", code ?? ""].join(" ")),
    sortKey: vietnameseCollationKey(clean),
  };
}

async function kindCode(tx: Executor, kindId: string | null | undefined): Promise<string | null> {
  if (!kindId) return null;
  const [kind] = await tx.select({ code: unitKinds.code }).from(unitKinds).where(eq(unitKinds.id, kindId));
  if (!kind)
    throw new AppError("RULE_VIOLATION", { details: [{ path: "body.kindId", message: "unknown kind" }] });
  return kind.code;
}

const unitFacts = async (tx: Executor, u: UnitRow) => ({
  id: u.id,
  kindCode: await kindCode(tx, u.kindId),
  activeFrom: u.activeFrom,
  activeTo: u.activeTo,
});

async function logEvent(
  tx: Executor,
  ctx: Ctx,
  unitId: string,
  kind: (typeof unitEvents.$inferInsert)["kind"],
  on: string,
  details: Record<string, unknown>,
) {
  await tx.insert(unitEvents).values({ unitId, kind, on, details, actorId: ctx.actor?.userId ?? null });
}

/** The administrative area must be one of the map's provinces or communes. */
export function checkAdminArea(code: string | null | undefined, path = "body.adminAreaCode") {
  if (!code || adminAreaByCode(code)) return;
  throw new AppError("RULE_VIOLATION", {
    message: {
      vi: `Mã địa bàn hành chính “${code}” không có trong danh mục 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu.`,
      en: `The administrative area code “${code}” is not one of the 34 provinces and 3,321 communes.`,
    },
    details: [{ path, message: "unknown" }],
  });
}

/**
 * Nhiệm kỳ: each starts no later than it ends, names differ, and they do not overlap (a term may
 * start on the day the previous one ends: the congress that closes one opens the next). Only the
 * latest may be open-ended.
 */
export function checkTerms(terms: UnitTerm[] | null | undefined) {
  if (!terms?.length) return;
  const fail = (index: number, field: string, vi: string, en: string): never => {
    throw new AppError("RULE_VIOLATION", {
      message: { vi, en },
      details: [{ path: `body.terms.${index}.${field}`, message: en }],
    });
  };
  const names = new Set<string>();
  for (const [i, term] of terms.entries()) {
    if (term.end && term.end < term.start)
      fail(
        i,
        "end",
        `Nhiệm kỳ “${term.name}” kết thúc (${viDay(term.end)}) trước khi bắt đầu (${viDay(term.start)}).`,
        `Term “${term.name}” ends before it starts.`,
      );
    const key = foldForSearch(term.name);
    if (names.has(key))
      fail(i, "name", `Có hai nhiệm kỳ cùng tên “${term.name}”.`, `Two terms are named “${term.name}”.`);
    names.add(key);
  }
  const ordered = terms
    .map((term, index) => ({ term, index }))
    .sort((a, b) => a.term.start.localeCompare(b.term.start));
  for (let k = 1; k < ordered.length; k++) {
    const prev = ordered[k - 1]?.term;
    const next = ordered[k];
    if (!prev || !next) continue;
    if (!prev.end || prev.end > next.term.start)
      fail(
        next.index,
        "start",
        `Nhiệm kỳ “${next.term.name}” trùng thời gian với nhiệm kỳ “${prev.name}”.`,
        `Term “${next.term.name}” overlaps term “${prev.name}”.`,
      );
  }
}

const codeTaken = (code: string | null | undefined, path = "body.code") =>
  new AppError("RULE_VIOLATION", {
    message: {
      vi: `Mã đơn vị “${code ?? ""}” đã được dùng cho đơn vị khác.`,
      en: `The unit code “${code ?? ""}” is already used by another unit.`,
    },
    details: [{ path, message: "taken" }],
  });

/** Adds a unit under `parent` (or as the root): path, figures, history and audit. */
export async function createUnit(
  tx: Executor,
  ctx: Ctx,
  input: UnitFields & {
    parent: { id: string; path: string; depth: number } | null;
    /** The unit it was split from, named in its history. */
    splitFromId?: string;
  },
) {
  checkAdminArea(input.adminAreaCode);
  checkTerms(input.terms);
  const id = newId();
  const path = `${input.parent?.path ?? "/"}${id}/`;
  const inserted = tx
    .insert(units)
    .values({
      id,
      ...derived(input.name, input.shortName, input.code),
      parentId: input.parent?.id ?? null,
      path,
      depth: input.parent ? input.parent.depth + 1 : 0,
      shortName: input.shortName ?? null,
      code: input.code ?? null,
      kindId: input.kindId ?? null,
      adminAreaCode: input.adminAreaCode ?? null,
      documentCode: input.documentCode ?? null,
      contact: input.contact ?? null,
      terms: input.terms ?? null,
      activeFrom: input.activeFrom ?? null,
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
    })
    .returning();
  const [row] = await inserted.catch((error: unknown) => {
    throw isUniqueViolation(error, "units_code_key") ? codeTaken(input.code) : error;
  });
  if (!row) throw new Error("insert returned no row");
  await applyFigureDeltas(tx, unitContributions(await unitFacts(tx, row)));
  await logEvent(tx, ctx, row.id, "created", row.activeFrom ?? vnToday(), {
    name: row.name,
    ...(input.splitFromId ? { splitFromId: input.splitFromId } : {}),
  });
  await recordAudit(tx, ctx, {
    event: "unit.create",
    entityId: row.id,
    unitId: row.id,
    before: null,
    after: row,
  });
  return row;
}

/** Edits a unit's details; the version read must still be current. A new kind re-counts it. */
export async function updateUnit(
  tx: Executor,
  ctx: Ctx,
  current: UnitRow,
  input: Partial<UnitFields> & { version: number },
) {
  if (changesNothing(input, current)) return current;
  checkAdminArea(input.adminAreaCode);
  checkTerms(input.terms);
  const name = input.name ?? current.name;
  const shortName = input.shortName !== undefined ? input.shortName : current.shortName;
  const code = input.code !== undefined ? input.code : current.code;
  const updated = tx
    .update(units)
    .set({
      ...derived(name, shortName, code),
      shortName,
      code,
      ...(input.kindId !== undefined ? { kindId: input.kindId } : {}),
      ...(input.adminAreaCode !== undefined ? { adminAreaCode: input.adminAreaCode } : {}),
      ...(input.documentCode !== undefined ? { documentCode: input.documentCode } : {}),
      ...(input.contact !== undefined ? { contact: input.contact } : {}),
      ...(input.terms !== undefined ? { terms: input.terms } : {}),
      ...(input.activeFrom !== undefined ? { activeFrom: input.activeFrom } : {}),
      version: sql`${units.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(units.id, current.id), eq(units.version, input.version)))
    .returning();
  const [after] = await updated.catch((error: unknown) => {
    throw isUniqueViolation(error, "units_code_key") ? codeTaken(code) : error;
  });
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  if (after.kindId !== current.kindId || after.activeFrom !== current.activeFrom) {
    await applyFigureDeltas(tx, [
      ...negate(unitContributions(await unitFacts(tx, current))),
      ...unitContributions(await unitFacts(tx, after)),
    ]);
  }
  if (after.name !== current.name) {
    await logEvent(tx, ctx, after.id, "renamed", vnToday(), { from: current.name, to: after.name });
  }
  await recordAudit(tx, ctx, {
    event: "unit.update",
    entityId: after.id,
    unitId: after.id,
    before: current,
    after,
  });
  return after;
}

/** How much a reorganisation touches: units in the subtree(s) and active people in them. */
export async function subtreeSize(tx: Executor, paths: string[]) {
  let unitCount = 0;
  for (const path of paths) {
    const [u] = await tx
      .select({ n: count() })
      .from(units)
      .where(like(units.path, `${path}%`));
    unitCount += u?.n ?? 0;
  }
  return { units: unitCount, people: await membersIn(tx, paths) };
}

/** The rules of a move, checked before a preview too: never into itself or below itself. */
export function checkMove(unit: UnitRow, parent: UnitRow) {
  if (parent.path.startsWith(unit.path)) {
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.",
        en: "A unit cannot move into itself or below itself.",
      },
      details: [{ path: "body.parentId", message: "inside" }],
    });
  }
}

/** The rules of a merge, checked before a preview too. */
export function checkMerge(sources: UnitRow[], target: UnitRow) {
  for (const source of sources) {
    if (source.id === target.id)
      throw new AppError("RULE_VIOLATION", { details: [{ path: "body.sourceIds", message: "target" }] });
    if (source.status !== "active") throw new AppError("STATE_CONFLICT");
    if (target.path.startsWith(source.path)) {
      throw new AppError("RULE_VIOLATION", {
        message: {
          vi: "Đơn vị hợp nhất vào không được nằm trong đơn vị bị hợp nhất.",
          en: "The target cannot lie inside a merged unit.",
        },
        details: [{ path: "body.targetId", message: "inside" }],
      });
    }
  }
}

/** Re-parents a subtree: paths and depths below it, and its figures from the old ancestors to the new. */
async function reparent(tx: Executor, unit: UnitRow, parent: UnitRow) {
  checkMove(unit, parent);
  const newPath = `${parent.path}${unit.id}/`;
  const depthShift = parent.depth + 1 - unit.depth;
  await tx.execute(sql`
    update ${units} set path = ${newPath} || substr(path, ${unit.path.length + 1}), depth = depth + ${depthShift}
    where path like ${`${unit.path}%`}`);
  await tx.update(units).set({ parentId: parent.id }).where(eq(units.id, unit.id));
  await moveSubtreeFigures(tx, { oldPath: unit.path, newPath, depthShift });
  await subtreeMoved(tx, { oldPath: unit.path, newPath, depthShift });
  return { ...unit, parentId: parent.id, path: newPath, depth: unit.depth + depthShift };
}

/** Moves a unit with its subtree under another parent. */
export async function moveUnit(
  tx: Executor,
  ctx: Ctx,
  input: { unit: UnitRow; parent: UnitRow; on: string },
) {
  const { unit, parent } = input;
  if (unit.parentId === parent.id) return unit;
  const moved = await reparent(tx, unit, parent);
  await logEvent(tx, ctx, unit.id, "moved", input.on, { fromParentId: unit.parentId, toParentId: parent.id });
  await recordAudit(tx, ctx, {
    event: "unit.move",
    entityId: unit.id,
    unitId: unit.id,
    before: { parentId: unit.parentId, path: unit.path },
    after: { parentId: parent.id, path: moved.path },
  });
  return moved;
}

/**
 * Merges `sources` into `target`: each source moves under the target and closes as "merged"
 * (its records stay linked to it and so count in the target's figures, for every period); its
 * children and active people move into the target.
 */
export async function mergeUnits(
  tx: Executor,
  ctx: Ctx,
  input: { sources: UnitRow[]; target: UnitRow; on: string },
) {
  const target = input.target;
  let movedUnits = 0;
  let movedPeople = 0;
  checkMerge(input.sources, target);
  for (const source of input.sources) {
    // Children first: the source then moves alone, so no deep subtree changes level.
    const children = await tx.select().from(units).where(eq(units.parentId, source.id));
    for (const child of children) {
      await reparent(tx, child, target);
      movedUnits += 1;
    }
    movedPeople += await moveMembers(tx, ctx, { from: source, to: target, on: input.on, reason: "merge" });
    await reparent(tx, source, target);
    const [closed] = await tx
      .update(units)
      .set({
        status: "merged",
        successorId: target.id,
        activeTo: input.on,
        version: sql`${units.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(units.id, source.id), eq(units.status, "active")))
      .returning();
    if (!closed) throw new AppError("STATE_CONFLICT");
    await applyFigureDeltas(tx, [
      ...negate(unitContributions(await unitFacts(tx, source))),
      ...unitContributions(await unitFacts(tx, closed)),
    ]);
    await unitClosed(tx, ctx, { unit: closed, successor: target, on: input.on });
    await logEvent(tx, ctx, source.id, "merged", input.on, { successorId: target.id });
    await recordAudit(tx, ctx, {
      event: "unit.merge",
      entityId: source.id,
      unitId: target.id,
      before: { status: source.status, parentId: source.parentId },
      after: { status: "merged", parentId: target.id, successorId: target.id },
    });
  }
  return { target, movedUnits, movedPeople };
}

export interface SplitPart {
  name: string;
  code?: string | null;
  shortName?: string | null;
  /** Undefined: the kind of the unit split. */
  kindId?: string | null;
  childIds: string[];
  personIds: string[];
}
export interface SplitInput {
  on: string;
  parts: SplitPart[];
  closeSource: boolean;
}

function splitRefused(vi: string, en: string, details: { path: string; message: string }[]): never {
  throw new AppError("RULE_VIOLATION", { message: { vi, en }, details });
}

/**
 * The rules of a split, checked for the preview and again inside the transaction: every listed
 * sub-unit is a child of the unit split and every listed person one of its active members, each
 * listed once; with `closeSource`, nothing active is left behind. Answers which children go to
 * each part, and how much moves (units in the moved subtrees; their active people and the listed ones).
 */
export async function planSplit(tx: Executor, source: UnitRow, input: SplitInput) {
  const name = source.name;
  if (source.activeFrom && input.on < source.activeFrom)
    splitRefused(
      `Ngày chia tách phải từ ngày “${name}” bắt đầu hoạt động (${viDay(source.activeFrom)}) trở đi.`,
      `The split cannot be dated before “${name}” started (${source.activeFrom}).`,
      [{ path: "body.on", message: "before_active_from" }],
    );
  const children = await tx.select().from(units).where(eq(units.parentId, source.id));
  const childById = new Map(children.map((c) => [c.id, c]));
  const members = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.unitId, source.id), eq(people.status, "active")));
  const memberIds = new Set(members.map((m) => m.id));

  const seenChildren = new Set<string>();
  const seenPeople = new Set<string>();
  const codes = new Set<string>();
  for (const [i, part] of input.parts.entries()) {
    for (const [j, id] of part.childIds.entries()) {
      const path = `body.parts.${i}.childIds.${j}`;
      if (!childById.has(id))
        splitRefused(
          `Có đơn vị được chọn không phải là đơn vị trực thuộc của “${name}”.`,
          `A unit listed is not a sub-unit of “${name}”.`,
          [{ path, message: "not_a_child" }],
        );
      if (seenChildren.has(id))
        splitRefused(
          "Mỗi đơn vị trực thuộc chỉ được phân về một đơn vị mới, một lần.",
          "Each sub-unit may be assigned to one new unit, once.",
          [{ path, message: "listed_twice" }],
        );
      seenChildren.add(id);
    }
    for (const [j, id] of part.personIds.entries()) {
      const path = `body.parts.${i}.personIds.${j}`;
      if (!memberIds.has(id))
        splitRefused(
          `Có đảng viên được chọn không đang sinh hoạt tại “${name}”.`,
          `A person listed is not an active member of “${name}”.`,
          [{ path, message: "not_a_member" }],
        );
      if (seenPeople.has(id))
        splitRefused(
          "Mỗi đảng viên chỉ được phân về một đơn vị mới, một lần.",
          "Each member may be assigned to one new unit, once.",
          [{ path, message: "listed_twice" }],
        );
      seenPeople.add(id);
    }
    if (part.code) {
      const [taken] = await tx.select({ id: units.id }).from(units).where(eq(units.code, part.code)).limit(1);
      if (taken || codes.has(part.code)) throw codeTaken(part.code, `body.parts.${i}.code`);
      codes.add(part.code);
    }
    if (part.kindId) {
      const [kind] = await tx
        .select({ id: unitKinds.id })
        .from(unitKinds)
        .where(eq(unitKinds.id, part.kindId));
      if (!kind)
        splitRefused("Loại đơn vị không tồn tại.", "Unknown unit kind.", [
          { path: `body.parts.${i}.kindId`, message: "unknown" },
        ]);
    }
  }
  if (input.closeSource) {
    const leftUnits = children.filter((c) => c.status === "active" && !seenChildren.has(c.id)).length;
    const leftPeople = memberIds.size - seenPeople.size;
    if (leftUnits > 0 || leftPeople > 0)
      splitRefused(
        `Còn ${leftUnits} đơn vị trực thuộc và ${leftPeople} đảng viên của “${name}” chưa được phân về đơn vị mới: hãy phân hết trước khi đóng đơn vị cũ, hoặc giữ đơn vị cũ hoạt động.`,
        `${leftUnits} sub-units and ${leftPeople} members of “${name}” are not assigned: assign them all before closing it, or keep it open.`,
        [{ path: "body.closeSource", message: "unassigned" }],
      );
  }
  // A member whose last transfer comes after the split day cannot be moved back in time.
  if (seenPeople.size) {
    const [late] = await tx
      .select({ n: sql<number>`count(distinct ${personTransfers.personId})`.mapWith(Number) })
      .from(personTransfers)
      .where(and(inArray(personTransfers.personId, [...seenPeople]), gt(personTransfers.on, input.on)));
    if ((late?.n ?? 0) > 0)
      splitRefused(
        `Ngày chia tách (${viDay(input.on)}) trước ngày chuyển sinh hoạt gần nhất của ${late?.n} đảng viên được chọn.`,
        `The split day is before the latest transfer of ${late?.n} members listed.`,
        [{ path: "body.on", message: "before the last transfer" }],
      );
  }
  const assigned = input.parts.map((part) =>
    part.childIds.map((id) => childById.get(id)).filter((c): c is UnitRow => !!c),
  );
  const moved = await subtreeSize(
    tx,
    assigned.flat().map((c) => c.path),
  );
  return { children: assigned, units: moved.units, people: moved.people + seenPeople.size };
}

/**
 * Chia tách: each part becomes a new unit beside the unit split (under its parent, founded on
 * `on`); the listed sub-units move under it with their subtrees and figures, and the listed members
 * transfer into it on `on`. The parent's figures do not change. With `closeSource` the unit split
 * closes ("dissolved"); either way its history names the parts.
 */
export async function splitUnit(
  tx: Executor,
  ctx: Ctx,
  input: SplitInput & { source: UnitRow; parent: UnitRow },
) {
  const { source, parent, on } = input;
  const plan = await planSplit(tx, source, input);
  const created: UnitRow[] = [];
  let movedPeople = 0;
  for (const [i, part] of input.parts.entries()) {
    const unit = await createUnit(tx, ctx, {
      name: part.name,
      shortName: part.shortName ?? null,
      code: part.code ?? null,
      kindId: part.kindId === undefined ? source.kindId : part.kindId,
      documentCode: source.documentCode,
      activeFrom: on,
      parent,
      splitFromId: source.id,
    });
    for (const child of plan.children[i] ?? []) {
      await reparent(tx, child, unit);
      await logEvent(tx, ctx, child.id, "moved", on, { fromParentId: source.id, toParentId: unit.id });
    }
    movedPeople += await moveMembers(tx, ctx, {
      from: source,
      to: unit,
      on,
      reason: "split",
      personIds: part.personIds,
    });
    created.push(unit);
  }
  const listed = input.parts.reduce((n, part) => n + part.personIds.length, 0);
  if (movedPeople !== listed) throw new AppError("STATE_CONFLICT"); // someone left meanwhile
  let after: UnitRow = source;
  if (input.closeSource) {
    const [closed] = await tx
      .update(units)
      .set({
        status: "dissolved",
        activeTo: on,
        version: sql`${units.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(units.id, source.id), eq(units.status, "active")))
      .returning();
    if (!closed) throw new AppError("STATE_CONFLICT");
    await applyFigureDeltas(tx, [
      ...negate(unitContributions(await unitFacts(tx, source))),
      ...unitContributions(await unitFacts(tx, closed)),
    ]);
    await unitClosed(tx, ctx, { unit: closed, successor: null, on });
    after = closed;
  }
  const parts = created.map((u) => ({ id: u.id, name: u.name }));
  await logEvent(tx, ctx, source.id, "split", on, { parts, closed: input.closeSource });
  await recordAudit(tx, ctx, {
    event: "unit.split",
    entityId: source.id,
    unitId: source.id,
    before: { status: source.status, activeTo: source.activeTo },
    after: {
      status: after.status,
      activeTo: after.activeTo,
      parts: created.map((u, i) => ({
        id: u.id,
        name: u.name,
        childIds: input.parts[i]?.childIds ?? [],
        personIds: input.parts[i]?.personIds ?? [],
      })),
    },
  });
  return { parts: created, units: plan.units, people: plan.people, source: after };
}

/** Closes a unit that has no active children and no active people left. */
export async function dissolveUnit(tx: Executor, ctx: Ctx, input: { unit: UnitRow; on: string }) {
  const { unit } = input;
  const [children] = await tx
    .select({ n: count() })
    .from(units)
    .where(and(eq(units.parentId, unit.id), eq(units.status, "active")));
  const [members] = await tx
    .select({ n: count() })
    .from(people)
    .where(and(eq(people.unitId, unit.id), eq(people.status, "active")));
  if ((children?.n ?? 0) > 0 || (members?.n ?? 0) > 0) {
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: `Đơn vị còn ${children?.n ?? 0} đơn vị trực thuộc và ${members?.n ?? 0} đảng viên đang sinh hoạt: hãy chuyển đi trước khi giải thể.`,
        en: `The unit still has ${children?.n ?? 0} active sub-units and ${members?.n ?? 0} active members: move them first.`,
      },
    });
  }
  const [closed] = await tx
    .update(units)
    .set({
      status: "dissolved",
      activeTo: input.on,
      version: sql`${units.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(units.id, unit.id), eq(units.status, "active")))
    .returning();
  if (!closed) throw new AppError("STATE_CONFLICT");
  await applyFigureDeltas(tx, [
    ...negate(unitContributions(await unitFacts(tx, unit))),
    ...unitContributions(await unitFacts(tx, closed)),
  ]);
  await unitClosed(tx, ctx, { unit: closed, successor: null, on: input.on });
  await logEvent(tx, ctx, unit.id, "dissolved", input.on, {});
  await recordAudit(tx, ctx, {
    event: "unit.dissolve",
    entityId: unit.id,
    unitId: unit.id,
    before: unit,
    after: closed,
  });
  return closed;
}
