import { AppError } from "../../lib/errors.ts";
import { type App, readDb } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope, listOf } from "../../lib/pagination.ts";
import { sendStoredFile } from "../files/index.ts";
import {
  exemplarIdParams,
  publicExemplarDetail,
  publicExemplarItem,
  publicExemplarListQuery,
  publicPhotoQuery,
} from "./contracts.ts";
import { presentPublicExemplar } from "./presenter.ts";
import { findPublicExemplar, linkedPractices, listPublicExemplars } from "./queries.ts";
import { photosOf } from "./routes.ts";

const tags = ["public"];

/** The public showcase: recognised exemplars marked public, for anyone, without an account. */
export function publicExemplarRoutes(app: App) {
  const db = () => app.deps.db;
  const load = async (id: string) => {
    const row = await findPublicExemplar(db(), id);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };

  app.get(
    "/public/exemplars",
    {
      schema: {
        tags,
        description: "Public recognised exemplars, latest first (`q`: accent-free search, ranked).",
        querystring: publicExemplarListQuery,
        response: { 200: listOf(publicExemplarItem), ...errorResponses },
      },
      config: { visibility: "public" },
    },
    async (req, reply) => {
      const { rows, ...total } = await listPublicExemplars(readDb(req), req.query);
      const photos = await photosOf(db(), rows);
      reply.header("cache-control", "public, max-age=60");
      return envelope(
        req.query,
        rows.map((r) => presentPublicExemplar(r, req.lang, photos.get(r.exemplar.id))),
        total,
      );
    },
  );

  app.get(
    "/public/exemplars/:id",
    {
      schema: {
        tags,
        params: exemplarIdParams,
        response: { 200: publicExemplarDetail, ...errorResponses },
      },
      config: { visibility: "public" },
    },
    async (req, reply) => {
      const row = await load(req.params.id);
      const [photos, practices] = await Promise.all([
        photosOf(db(), [row]),
        linkedPractices(db(), row.exemplar.id, null),
      ]);
      const photo = photos.get(row.exemplar.id);
      reply.header("cache-control", "public, max-age=60");
      return {
        ...presentPublicExemplar(row, req.lang, photo),
        story: row.exemplar.story,
        achievements: row.exemplar.achievements,
        imageWidth: photo?.width ?? null,
        imageHeight: photo?.height ?? null,
        practices: practices.map((p) => ({ id: p.id, title: p.title })),
      };
    },
  );

  app.get(
    "/public/exemplars/:id/photo",
    {
      schema: {
        tags,
        description: "The photo of a public exemplar (its display copy or thumbnail; never the original).",
        params: exemplarIdParams,
        querystring: publicPhotoQuery,
        response: { ...errorResponses },
      },
      config: { visibility: "public" },
    },
    async (req, reply) => {
      const row = await load(req.params.id);
      const photo = (await photosOf(db(), [row])).get(row.exemplar.id);
      if (!photo) throw new AppError("NOT_FOUND");
      return sendStoredFile(reply, app.deps.files, photo, req.query.variant, "public, max-age=3600");
    },
  );
}
