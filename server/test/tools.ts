import { execFileSync } from "node:child_process";

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
