import { and, count, eq, inArray, like, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { newId } from "../../db/columns.ts";
import { recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { cleanText, foldForSearch, vietnameseCollationKey } from "../../lib/vietnamese.ts";
import { applyFigureDeltas, moveSubtreeFigures } from "../figures/figures.ts";
import { negate, personContributions } from "../people/figures.ts";
import { people, personTransfers } from "../people/schema.ts";
import { users } from "../users/schema.ts";
import { unitContributions } from "./figures.ts";
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

function derived(name: string, shortName?: string | null, code?: string | null) {
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

/** Adds a unit under `parent` (or as the root): path, figures, history and audit. */
export async function createUnit(
  tx: Executor,
  ctx: Ctx,
  input: UnitFields & { parent: { id: string; path: string; depth: number } | null },
) {
  const id = newId();
  const path = `${input.parent?.path ?? "/"}${id}/`;
  const [row] = await tx
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
  if (!row) throw new Error("insert returned no row");
  await applyFigureDeltas(tx, unitContributions(await unitFacts(tx, row)));
  await logEvent(tx, ctx, row.id, "created", row.activeFrom ?? vnToday(), { name: row.name });
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
  const name = input.name ?? current.name;
  const shortName = input.shortName !== undefined ? input.shortName : current.shortName;
  const code = input.code !== undefined ? input.code : current.code;
  const [after] = await tx
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
  let personCount = 0;
  for (const path of paths) {
    const [u] = await tx
      .select({ n: count() })
      .from(units)
      .where(like(units.path, `${path}%`));
    const [p] = await tx
      .select({ n: count() })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(like(units.path, `${path}%`), eq(people.status, "active")));
    unitCount += u?.n ?? 0;
    personCount += p?.n ?? 0;
  }
  return { units: unitCount, people: personCount };
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

/** Moves the active people of `from` into `to` on day `on`, keeping each one's transfer history. */
async function transferPeople(
  tx: Executor,
  ctx: Ctx,
  from: UnitRow,
  to: UnitRow,
  on: string,
  reason: string,
) {
  const members = await tx
    .select()
    .from(people)
    .where(and(eq(people.unitId, from.id), eq(people.status, "active")));
  if (!members.length) return 0;
  const ids = members.map((m) => m.id);
  const history = await tx.select().from(personTransfers).where(inArray(personTransfers.personId, ids));
  const deltas = [];
  for (const person of members) {
    const past = history.filter((h) => h.personId === person.id);
    const next = [...past, { fromUnitId: from.id, toUnitId: to.id, on }];
    deltas.push(
      ...negate(personContributions(person, past)),
      ...personContributions({ ...person, unitId: to.id }, next),
    );
  }
  await tx.insert(personTransfers).values(
    members.map((m) => ({
      personId: m.id,
      fromUnitId: from.id,
      toUnitId: to.id,
      on,
      reason,
      actorId: ctx.actor?.userId ?? null,
    })),
  );
  await tx
    .update(people)
    .set({ unitId: to.id, version: sql`${people.version} + 1`, updatedAt: new Date() })
    .where(inArray(people.id, ids));
  await tx.update(users).set({ unitId: to.id }).where(inArray(users.personId, ids)); // accounts follow their person
  await applyFigureDeltas(tx, deltas);
  return members.length;
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
    movedPeople += await transferPeople(tx, ctx, source, target, input.on, "merge");
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
