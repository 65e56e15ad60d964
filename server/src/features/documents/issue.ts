import type { Executor } from "../../db/client.ts";
import { documentPlace } from "./issuers.ts";
import { type DocumentType, numberingTerm, takeDocumentNumber } from "./numbering.ts";

/** Where the Central Committee's documents are dated (the only unit without an administrative area). */
export const CAPITAL = "Hà Nội";

/**
 * The header an issued document keeps (the columns of the same names): the next number of its type
 * in the unit's committee term, taken in the caller's transaction (concurrent issues get
 * consecutive numbers); the issuer's code, name and upper line as they are today; the place
 * (given, or the unit's area's, or the capital) and the date.
 */
export async function issuedHeader(
  tx: Executor,
  input: {
    unit: { id: string; path: string; name: string; documentCode: string | null };
    upperName: string | null;
    type: DocumentType;
    issuedOn: string;
    place: string | null;
  },
) {
  const { unit, issuedOn } = input;
  const numberTerm = await numberingTerm(tx, unit.path, issuedOn);
  const number = await takeDocumentNumber(tx, { unitId: unit.id, type: input.type, term: numberTerm });
  return {
    status: "issued" as const,
    number,
    numberTerm,
    issuerCode: unit.documentCode,
    issuerName: unit.name,
    upperName: input.upperName,
    place: input.place ?? (await documentPlace(tx, unit.path)) ?? CAPITAL,
    issuedOn,
    issuedAt: new Date(),
  };
}
