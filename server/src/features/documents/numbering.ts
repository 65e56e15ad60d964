import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { pathIds } from "../figures/index.ts";
import { type UnitTerm, units } from "../units/schema.ts";
import { documentNumbers } from "./schema.ts";

/** Document type codes (DOMAIN.md): KH plan, BC report, QĐ decision, TB notice… */
export type DocumentType = "KH" | "BC" | "QĐ" | "TB" | "HD" | "CT" | "KL" | "NQ" | "CV" | "CTr";

const holds = (term: UnitTerm, day: string) => term.start <= day && (term.end === null || day <= term.end);

/**
 * The committee term a document issued on `day` by a unit is numbered in: the unit's own term that
 * holds the day, else its nearest ancestor's (lower committees follow the same congress cycle and
 * often do not record their own terms), else the calendar year — numbers then restart each year.
 */
export async function numberingTerm(db: Executor, unitPath: string, day: string): Promise<string> {
  const rows = await db
    .select({ terms: units.terms })
    .from(units)
    .where(inArray(units.id, pathIds(unitPath)))
    .orderBy(desc(units.depth));
  for (const row of rows) {
    const term = (row.terms ?? []).find((t) => holds(t, day));
    if (term) return term.name;
  }
  return day.slice(0, 4);
}

/**
 * Takes the next number of a document type in a unit's term, in the caller's transaction: the
 * counter row is created or incremented in one statement and stays locked until the transaction
 * ends, so concurrent issues get consecutive numbers and a rolled-back one gives its number back.
 */
export async function takeDocumentNumber(
  tx: Executor,
  input: { unitId: string; type: DocumentType; term: string },
): Promise<number> {
  const [row] = await tx
    .insert(documentNumbers)
    .values({ unitId: input.unitId, type: input.type, term: input.term, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [documentNumbers.unitId, documentNumbers.type, documentNumbers.term],
      set: { lastNumber: sql`${documentNumbers.lastNumber} + 1` },
    })
    .returning({ lastNumber: documentNumbers.lastNumber });
  if (!row) throw new Error("no document number");
  return row.lastNumber;
}

/** "12-KH/ĐU": the number (two digits at least), the type, the issuing body's code. */
export const documentSymbol = (number: number, type: DocumentType, issuerCode: string) =>
  `${String(number).padStart(2, "0")}-${type}/${issuerCode}`;

/** The number the next document of a type would take in a unit's term (for a preview: nothing is taken). */
export async function peekDocumentNumber(
  db: Executor,
  input: { unitId: string; type: DocumentType; term: string },
): Promise<number> {
  const [row] = await db
    .select({ last: documentNumbers.lastNumber })
    .from(documentNumbers)
    .where(
      and(
        eq(documentNumbers.unitId, input.unitId),
        eq(documentNumbers.type, input.type),
        eq(documentNumbers.term, input.term),
      ),
    );
  return (row?.last ?? 0) + 1;
}
