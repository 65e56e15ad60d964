/** The reading process (spreadsheet-sandbox.ts): reads the one file it is given, answers, and is killed. */
import { readHere } from "./spreadsheet.ts";
import type { ReadRequest } from "./spreadsheet-sandbox.ts";

process.once("message", async (request: ReadRequest) => {
  process.send?.(await readHere(request));
});
// Alone when the server has gone (its channel closed): nothing left to read for.
process.once("disconnect", () => process.exit(0));
