import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import { adminAreaByCode } from "../admin-areas/index.ts";
import { unitKinds, units } from "../units/schema.ts";

/** What the header and closing of a unit's document depend on: its kind and its parent committee. */
export interface IssuingUnit {
  kindCode: string | null;
  parentName: string | null;
  parentDepth: number | null;
}

const parentUnit = alias(units, "parent_unit");

/** A unit with what its documents print: its kind code and its parent's name and depth; null if unknown. */
export async function issuingUnit(db: Executor, unitId: string) {
  const [row] = await db
    .select({
      unit: units,
      kindCode: unitKinds.code,
      parentName: parentUnit.name,
      parentDepth: parentUnit.depth,
    })
    .from(units)
    .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
    .leftJoin(parentUnit, eq(parentUnit.id, units.parentId))
    .where(eq(units.id, unitId));
  return row ?? null;
}

/**
 * Where a unit's documents are dated: the administrative area of the unit or of its nearest
 * ancestor that has one ("Bắc Ninh", "Đông Ngàn"); null when none has (the central level).
 */
export async function documentPlace(db: Executor, unitPath: string) {
  const ids = unitPath.split("/").filter(Boolean);
  const [row] = await db
    .select({ code: units.adminAreaCode })
    .from(units)
    .where(and(inArray(units.id, ids), isNotNull(units.adminAreaCode)))
    .orderBy(desc(units.depth))
    .limit(1);
  return row?.code ? (adminAreaByCode(row.code)?.name ?? null) : null;
}

/**
 * The party organisation a committee leads, as the upper line of its subordinates' headers:
 * "Tỉnh ủy Bắc Ninh" → "Đảng bộ tỉnh Bắc Ninh", "Đảng ủy phường Kinh Bắc" → "Đảng bộ phường Kinh
 * Bắc"; other names (already a Đảng bộ, or another organisation's body) as they are.
 */
export function partyBodyOf(committeeName: string): string {
  return committeeName
    .replace(/^Tỉnh ủy /u, "Đảng bộ tỉnh ")
    .replace(/^Thành ủy /u, "Đảng bộ thành phố ")
    .replace(/^Đảng ủy /u, "Đảng bộ ");
}

/**
 * The upper line of a unit's document header: the party organisation of its parent committee.
 * Committees directly under the Central Committee (and the Central Committee itself) have none.
 */
export const upperBodyOf = (u: IssuingUnit) =>
  u.parentName && u.parentDepth !== null && u.parentDepth > 0 ? partyBodyOf(u.parentName) : null;

const isCell = (u: IssuingUnit) => u.kindCode === "cell";

/** Who signs by default: the standing committee's secretary (a cell: the cell's). */
export const defaultSigner = (u: IssuingUnit) => ({
  authority: isCell(u) ? "T/M CHI BỘ" : "T/M BAN THƯỜNG VỤ",
  title: "BÍ THƯ",
  name: "",
});

/** The usual recipients: the committee above (to report to), the units below, the archive. */
export function defaultRecipients(u: IssuingUnit): string {
  const lines: string[] = [];
  if (u.parentName) lines.push(`- ${u.parentName} (để báo cáo),`);
  if (isCell(u)) lines.push("- Đảng viên trong chi bộ,", "- Lưu hồ sơ chi bộ.");
  else lines.push("- Các tổ chức đảng trực thuộc (để thực hiện),", "- Lưu Văn phòng cấp ủy.");
  return lines.join("\n");
}
