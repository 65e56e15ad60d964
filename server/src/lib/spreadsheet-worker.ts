/** The reading worker (spreadsheet-sandbox.ts): reads the one file it is given, answers, and is terminated. */
import { parentPort } from "node:worker_threads";
import { readInThisThread } from "./spreadsheet.ts";
import type { ReadRequest } from "./spreadsheet-sandbox.ts";

parentPort?.once("message", async (request: ReadRequest) => {
  parentPort?.postMessage(await readInThisThread(request));
});
