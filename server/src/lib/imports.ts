import { AppError } from "./errors.ts";
import type { CellError } from "./spreadsheet.ts";

/** What the imports accept as an e-mail address (people's and units' sheets alike). */
export const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The 422 of an import: every problem, by row (stable: a row's problems keep their order). */
export function importInvalid(errors: CellError[]) {
  return new AppError("IMPORT_INVALID", { details: { rows: [...errors].sort((a, b) => a.row - b.row) } });
}
