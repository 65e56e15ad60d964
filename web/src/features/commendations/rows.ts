import type { LinkType, RecipientInput, RecipientKind, RecipientLink } from "./api";

/** A recipient while the proposal is written: who (a unit, a person, or a named citizen) and why. */
export interface RecipientRow {
  key: string;
  kind: RecipientKind;
  unitId?: string;
  personId?: string;
  personName?: string;
  personUnitName?: string;
  /** The unit a person belongs to (for their commitments). */
  personUnitId?: string;
  /** As shown: the name, and the unit or address under it. */
  name: string;
  unitLabel: string;
  achievement: string;
  links: RecipientLink[];
}

let counter = 0;
export const rowKey = () => `r-${++counter}`;

/** The identity a row stands for: the same unit or person is not added twice. */
export const identityOf = (
  row: Pick<RecipientRow, "kind" | "unitId" | "personId" | "personName" | "personUnitName">,
) =>
  row.unitId
    ? `unit:${row.unitId}`
    : row.personId
      ? `person:${row.personId}`
      : `citizen:${(row.personName ?? "").trim().toLowerCase()}|${(row.personUnitName ?? "").trim().toLowerCase()}`;

export function toInput(row: RecipientRow): RecipientInput {
  return {
    kind: row.kind,
    ...(row.unitId ? { unitId: row.unitId } : {}),
    ...(row.personId ? { personId: row.personId } : {}),
    ...(row.kind === "individual" && !row.personId
      ? { personName: row.personName ?? row.name, personUnitName: row.personUnitName ?? row.unitLabel }
      : {}),
    achievement: row.achievement.trim(),
    links: row.links.map((l) => ({ type: l.type, id: l.id })),
  };
}

/** The link types a recipient of this kind may carry (a commitment is a person's). */
export const linkTypesFor = (row: Pick<RecipientRow, "kind" | "personId">): LinkType[] =>
  row.kind === "individual" && row.personId
    ? ["practice", "exemplar", "commitment"]
    : ["practice", "exemplar"];
