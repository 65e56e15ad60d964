import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError, type Lang } from "./errors.ts";
import type { App } from "./http.ts";

/**
 * Text that PostgreSQL cannot store or that is not Unicode: the NUL character, and a surrogate
 * half without its pair (with the `u` flag a well-formed pair is one code point and does not match).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL character is what this refuses.
const invalidText = /[\u0000\uD800-\uDFFF]/u;
/** Strict UTF-8: bytes that are not UTF-8 throw, instead of becoming U+FFFD as a lenient decoder makes them. */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

const message = {
  vi: "Có ký tự không hợp lệ (ký tự NUL hoặc mã Unicode sai).",
  en: "Contains an invalid character (a NUL character or broken Unicode).",
} as const;

export function invalidTextError(path: string, lang: Lang) {
  return new AppError("VALIDATION_FAILED", { details: [{ path, message: message[lang] }] });
}

/** The path of the first string (or key) holding invalid text, or null; walks objects and lists. */
export function findInvalidText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return invalidText.test(value) ? path : null;
  if (value === null || typeof value !== "object" || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalidText(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (Buffer.isBuffer(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    if (invalidText.test(key)) return path;
    const found = findInvalidText(child, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * One guard for every route, before the auth gate and any handler: a NUL character or broken
 * Unicode in the path parameters, the query string or a JSON body answers 400 with the field's
 * path, instead of reaching PostgreSQL (which refuses 0x00 with an error logged as a 500).
 * A JSON body that is not valid UTF-8 is refused while parsing.
 */
export function registerTextGuard(app: App) {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (req, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(invalidTextError("body", req.lang), undefined);
      return;
    }
    parseJson(req, text, done);
  });
  app.addHook("preValidation", async (req: FastifyRequest, _reply: FastifyReply) => {
    const path =
      findInvalidText(req.params, "params") ??
      findInvalidText(req.query, "query") ??
      findInvalidText(req.body, "body");
    if (path) throw invalidTextError(path, req.lang);
  });
}
