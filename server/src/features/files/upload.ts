import type { FastifyRequest } from "fastify";
import { AppError } from "../../lib/errors.ts";

/**
 * The one file of a multipart/form-data request (field `file`), read whole: its bytes and name.
 * The limit lets one byte past `maxBytes` through, so that the file store answers the clear 413.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number) {
  if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  const part = await req.file({ limits: { fileSize: maxBytes + 1 } });
  if (part?.fieldname !== "file")
    throw new AppError("VALIDATION_FAILED", {
      details: [{ path: "body.file", message: "Thiếu tệp (trường file)" }],
    });
  return { data: await part.toBuffer(), fileName: part.filename };
}
