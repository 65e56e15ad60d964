import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { routes } from "../../lib/routes.ts";
import { sendStoredFile } from "../files/index.ts";
import { setExemplarPhoto } from "./commands.ts";
import { exemplarIdParams, exemplarResponse, photoQuery } from "./contracts.ts";
import { editableExemplar, exemplarDetail, loadExemplar, photosOf } from "./routes.ts";

const tags = ["exemplars"];

/** An exemplar's one photo: upload (replacing the old one) and download. */
export function exemplarPhotoRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;

  route.post("/exemplars/:id/photo", "shared", {
    description:
      "multipart/form-data with a `file` field: an image (JPEG, PNG, WebP, GIF), checked by content, auto-rotated and stripped of metadata; it replaces the previous photo.",
    params: exemplarIdParams,
    response: exemplarResponse,
    handler: async (actor, req) => {
      const row = await editableExemplar(db(), actor, req.params.id);
      if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
      const part = await req.file({ limits: { fileSize: app.deps.config.UPLOAD_LIMIT_BYTES + 1 } });
      if (part?.fieldname !== "file")
        throw new AppError("VALIDATION_FAILED", {
          details: [{ path: "body.file", message: "Thiếu tệp ảnh (trường file)" }],
        });
      const data = await part.toBuffer();
      const { removed } = await db().transaction((tx) =>
        setExemplarPhoto(tx, ctxOf(req), app.deps.files, {
          exemplar: row.exemplar,
          data,
          fileName: part.filename,
          maxBytes: app.deps.config.UPLOAD_LIMIT_BYTES,
        }),
      );
      await Promise.all(removed.map((k) => app.deps.files.delete(k).catch(() => {})));
      return exemplarDetail(db(), actor, row.exemplar.id, req.lang);
    },
  });

  route.get("/exemplars/:id/photo", "shared", {
    description: "The exemplar's photo (`variant=display` or `thumb` for the resized copies).",
    params: exemplarIdParams,
    querystring: photoQuery,
    handler: async (actor, req, reply) => {
      const row = await loadExemplar(db(), actor, req.params.id);
      const photo = (await photosOf(db(), [row])).get(row.exemplar.id);
      if (!photo) throw new AppError("NOT_FOUND");
      return sendStoredFile(reply, app.deps.files, photo, req.query.variant, "private, max-age=3600");
    },
  });
}
