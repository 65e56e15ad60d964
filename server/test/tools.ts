import { execFileSync } from "node:child_process";
import { expect } from "vitest";
import type { Client } from "./harness.ts";

const hasCommand = (name: string) => {
  try {
    execFileSync("which", [name], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

/**
 * Exported PDFs are checked by reading them back with Debian's poppler-utils (pdftotext, pdffonts,
 * pdfimages). Without them those checks are skipped, saying so plainly; CI (E2E_REQUIRED=1)
 * installs them and runs the checks, which then fail if the tools are missing.
 */
export const pdfTools = hasCommand("pdftotext") || process.env.E2E_REQUIRED === "1";
if (!pdfTools)
  console.warn("PDF CHECKS SKIPPED: poppler-utils is not installed (apt-get install poppler-utils).");

/** A unit's metrics over [from, to], read through the API as the caller sees them (200 expected). */
export async function unitStats(client: Client, unitId: string, from: string, to: string) {
  const res = await client.get(`/api/units/${unitId}/stats?from=${from}&to=${to}`);
  expect(res.status, `stats of ${unitId}`).toBe(200);
  return res.body.metrics as Record<string, number>;
}
