import { and, count, eq, like, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { AppError, ruleViolation } from "../../../lib/errors.ts";
import { cleanText, foldForSearch, vietnameseCollationKey } from "../../../lib/vietnamese.ts";
import { adminAreaByCode } from "../../admin-areas/index.ts";
import { applyFigureDeltas, moveSubtreeFigures, negate } from "../../figures/index.ts";
import { unitContributions } from "../figures.ts";
import { membersIn, subtreeMoved, unitClosed } from "../reorganisation.ts";
import { type UnitContact, type UnitRow, type UnitTerm, unitEvents, unitKinds, units } from "../schema.ts";

// What the unit commands share: the stored name fields, the checks of a unit's details, its
// history, re-parenting a subtree and closing a unit.

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
export const viDay = (iso: string) => iso.split("-").reverse().join("/");

/** The stored name fields: clean name, search text and sort key (createUnit and the import share them). */
export function derived(name: string, shortName?: string | null, code?: string | null) {
  const clean = cleanText(name);
  return {
    name: clean,
    searchText: foldForSearch([clean, shortName ?? "", code ?? ""].join(" ")),
    sortKey: vietnameseCollationKey(clean),
  };
}

export async function kindCode(tx: Executor, kindId: string | null | undefined): Promise<string | null> {
  if (!kindId) return null;
  const [kind] = await tx.select({ code: unitKinds.code }).from(unitKinds).where(eq(unitKinds.id, kindId));
  if (!kind) throw ruleViolation("body.kindId", "unknown kind");
  return kind.code;
}

export const unitFacts = async (tx: Executor, u: UnitRow) => ({
  id: u.id,
  kindCode: await kindCode(tx, u.kindId),
  activeFrom: u.activeFrom,
  activeTo: u.activeTo,
});

export async function logEvent(
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

/** The checks of a unit's details on creation and edit: its administrative area and terms. */
export function checkUnitFields(fields: Pick<Partial<UnitFields>, "adminAreaCode" | "terms">) {
  checkAdminArea(fields.adminAreaCode);
  checkTerms(fields.terms);
}

export const codeTaken = (code: string | null | undefined, path = "body.code") =>
  new AppError("RULE_VIOLATION", {
    message: {
      vi: `Mã đơn vị “${code ?? ""}” đã được dùng cho đơn vị khác.`,
      en: `The unit code “${code ?? ""}” is already used by another unit.`,
    },
    details: [{ path, message: "taken" }],
  });

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
    throw ruleViolation("body.parentId", "inside", {
      vi: "Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.",
      en: "A unit cannot move into itself or below itself.",
    });
  }
}

/** Re-parents a subtree: paths and depths below it, and its figures from the old ancestors to the new. */
export async function reparent(tx: Executor, unit: UnitRow, parent: UnitRow) {
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

/**
 * Closes an active unit as `status` on `on` (a merge names its successor): its figures count it
 * closed from that day, and the modules close what they hold of it. 409 when it is no longer active.
 */
export async function closeUnit(
  tx: Executor,
  ctx: Ctx,
  input: { unit: UnitRow; status: "merged" | "dissolved"; successor: UnitRow | null; on: string },
) {
  const { unit, successor, on } = input;
  const [closed] = await tx
    .update(units)
    .set({
      status: input.status,
      ...(successor ? { successorId: successor.id } : {}),
      activeTo: on,
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
  await unitClosed(tx, ctx, { unit: closed, successor, on });
  return closed;
}
