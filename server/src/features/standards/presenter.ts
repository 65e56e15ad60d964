import type { Actor } from "../../lib/auth/actor.ts";
import { allowedActions, inSubtree } from "../../lib/policy.ts";
import { standardPolicy } from "./policy.ts";
import type { StandardListRow } from "./queries.ts";
import type { StandardVersionRow } from "./schema.ts";

export const standardObject = (row: { unitPath: string }) => ({ unitPath: row.unitPath });

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function presentStandard(actor: Actor, row: StandardListRow) {
  return {
    id: row.standard.id,
    unit: { id: row.standard.unitId, name: row.unitName },
    mine: inSubtree(actor, row.unitPath),
    title: row.current.title,
    items: row.current.items,
    currentNumber: row.standard.currentNumber,
    effectiveOn: row.current.effectiveOn,
    confirmedAt: row.confirmedAt ? iso(row.confirmedAt) : null,
    allowedActions: allowedActions(actor, standardPolicy, standardObject(row)),
    version: row.standard.version,
  };
}

export function presentVersion(row: { version: StandardVersionRow; createdByName: string | null }) {
  const v = row.version;
  return {
    id: v.id,
    number: v.number,
    title: v.title,
    items: v.items,
    note: v.note,
    effectiveOn: v.effectiveOn,
    createdAt: v.createdAt.toISOString(),
    createdByName: row.createdByName,
  };
}
