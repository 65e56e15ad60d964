import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

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

/**
 * Exported .docx and .xlsx files are opened the way an office opens them: Debian's LibreOffice
 * converts them to PDF (`toPdf`), read back with poppler. Skipped, saying so, without it; CI
 * (E2E_REQUIRED=1) installs it and then requires it.
 */
export const libreOffice = hasCommand("soffice") || process.env.E2E_REQUIRED === "1";
if (!libreOffice)
  console.warn(
    "DOCUMENT RENDERING CHECKS SKIPPED: LibreOffice is not installed (apt-get install libreoffice-writer libreoffice-calc).",
  );

/** Converts `file` (.docx, .xlsx) to a PDF beside it with LibreOffice; returns the PDF's path. */
export function toPdf(file: string): string {
  return toPdfs([file])[0] as string;
}

/** Converts files of one directory to PDFs beside them, in one LibreOffice run; their paths. */
export function toPdfs(files: string[]): string[] {
  const dir = path.dirname(files[0] ?? ".");
  // A profile of its own: two conversions at once (parallel test files) would share one and fail.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tg-lo-"));
  try {
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        ...files,
      ],
      { stdio: "ignore", timeout: 180_000 },
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return files.map((file) => path.join(dir, `${path.basename(file, path.extname(file))}.pdf`));
}

/** The pages of a PDF (pdfinfo). */
export function pdfPages(file: string): number {
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}
