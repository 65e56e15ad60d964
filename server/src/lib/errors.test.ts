import { describe, expect, it } from "vitest";
import { AppError, errorCatalogue, preferredLang } from "./errors.ts";

describe("preferredLang", () => {
  it.each([
    [undefined, "vi"],
    ["", "vi"],
    ["en", "en"],
    ["en-US,en;q=0.9", "en"],
    ["vi-VN,vi;q=0.9,en;q=0.8", "vi"],
    ["fr-FR,en;q=0.5,vi;q=0.4", "en"],
    ["fr", "vi"],
    ["en;q=0.2,vi;q=0.8", "vi"],
  ])("%s → %s", (header, lang) => {
    expect(preferredLang(header)).toBe(lang);
  });
});

describe("AppError", () => {
  it("carries the catalogue's status and both languages", () => {
    const e = new AppError("VERSION_CONFLICT", { details: { currentVersion: 3 } });
    expect(e.status).toBe(409);
    expect(e.body("vi").error.message).toBe(errorCatalogue.VERSION_CONFLICT.vi);
    expect(e.body("en")).toEqual({
      error: {
        code: "VERSION_CONFLICT",
        message: errorCatalogue.VERSION_CONFLICT.en,
        details: { currentVersion: 3 },
      },
    });
  });
});
