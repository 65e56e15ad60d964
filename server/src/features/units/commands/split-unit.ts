import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { AppError } from "../../../lib/errors.ts";
import { people, personTransfers } from "../../people/schema.ts";
import { moveMembers } from "../reorganisation.ts";
import { type UnitRow, unitKinds, units } from "../schema.ts";
import { createUnit } from "./create-unit.ts";
import { closeUnit, codeTaken, logEvent, reparent, subtreeSize, viDay } from "./shared.ts";

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
  input: SplitInput & { tx: Executor; ctx: Ctx; source: UnitRow; parent: UnitRow },
) {
  const { tx, ctx, source, parent, on } = input;
  const plan = await planSplit(tx, source, input);
  const created: UnitRow[] = [];
  let movedPeople = 0;
  for (const [i, part] of input.parts.entries()) {
    const unit = await createUnit({
      tx,
      ctx,
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
  const after = input.closeSource
    ? await closeUnit(tx, ctx, { unit: source, status: "dissolved", successor: null, on })
    : source;
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
