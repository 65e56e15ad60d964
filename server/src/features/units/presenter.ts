import type { Actor } from "../../lib/auth/actor.ts";
import { allowedActions } from "../../lib/policy.ts";
import { adminAreaByCode } from "../admin-areas/index.ts";
import { unitPolicy } from "./policy.ts";
import type { unitDetails } from "./queries.ts";
import type { UnitRow } from "./schema.ts";

export function presentUnitItem(
  actor: Actor,
  row: {
    unit: Pick<UnitRow, "id" | "code" | "name" | "parentId" | "depth" | "status">;
    parentName: string | null;
    kindCode: string | null;
    childCount: number;
  },
) {
  const rootDepth = actor.unitPath.split("/").filter(Boolean).length - 1;
  return {
    id: row.unit.id,
    code: row.unit.code,
    name: row.unit.name,
    parentId: row.unit.parentId,
    parentName: row.parentName,
    depth: row.unit.depth - rootDepth,
    kindCode: row.kindCode,
    status: row.unit.status,
    childCount: Number(row.childCount),
  };
}

function areaOf(code: string | null) {
  const area = code ? adminAreaByCode(code) : null;
  return area
    ? { code: area.code, name: area.name, fullName: area.fullName, provinceName: area.provinceName }
    : null;
}

export function presentUnit(actor: Actor, d: NonNullable<Awaited<ReturnType<typeof unitDetails>>>) {
  const u = d.unit;
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    kind: d.kind ? { id: d.kind.id, code: d.kind.code, name: d.kind.name, nameEn: d.kind.nameEn } : null,
    status: u.status,
    parentId: u.parentId,
    successor: d.successor,
    adminAreaCode: u.adminAreaCode,
    adminArea: areaOf(u.adminAreaCode),
    documentCode: u.documentCode,
    contact: u.contact,
    terms: u.terms,
    activeFrom: u.activeFrom,
    activeTo: u.activeTo,
    breadcrumb: d.breadcrumb,
    childCount: d.childCount,
    version: u.version,
    allowedActions: allowedActions(actor, unitPolicy, { unitPath: u.path, status: u.status }),
  };
}
