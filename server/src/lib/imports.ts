import type { Db, Tx } from "../db/client.ts";
import type { Ctx } from "./auth/actor.ts";
import { AppError } from "./errors.ts";
import type { CellError } from "./spreadsheet.ts";

/** What an import's storing command takes: the checked sheet, stored in one transaction. */
export interface StoreImport<P> {
  db: Db;
  ctx: Ctx;
  prepared: P;
  progress?: (value: number) => Promise<void>;
  /** In the transaction, before it commits: the job's record that its work is stored (exactly once). */
  claim?: (tx: Tx) => Promise<void>;
}

/** What the imports accept as an e-mail address (people's and units' sheets alike). */
export const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The 422 of an import: every problem, by row (stable: a row's problems keep their order). */
export function importInvalid(errors: CellError[]) {
  return new AppError("IMPORT_INVALID", { details: { rows: [...errors].sort((a, b) => a.row - b.row) } });
}
