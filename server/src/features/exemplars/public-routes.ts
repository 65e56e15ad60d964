import { AppError } from "../../lib/errors.ts";
import { type App, readDb } from "../../lib/http.ts";
import { envelope, listOf } from "../../lib/pagination.ts";
import { routes } from "../../lib/routes.ts";
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
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (id: string) => {
    const row = await findPublicExemplar(db(), id);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };

  route.get("/public/exemplars", "public", {
    description: "Public recognised exemplars, latest first (`q`: accent-free search, ranked).",
    querystring: publicExemplarListQuery,
    response: listOf(publicExemplarItem),
    handler: async (req, reply) => {
      const { rows, ...total } = await listPublicExemplars(readDb(req), req.query);
      const photos = await photosOf(db(), rows);
      reply.header("cache-control", "public, max-age=60");
      return envelope(
        req.query,
        rows.map((r) => presentPublicExemplar(r, req.lang, photos.get(r.exemplar.id))),
        total,
      );
    },
  });

  route.get("/public/exemplars/:id", "public", {
    params: exemplarIdParams,
    response: publicExemplarDetail,
    handler: async (req, reply) => {
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
  });

  route.get("/public/exemplars/:id/photo", "public", {
    description: "The photo of a public exemplar (its display copy or thumbnail; never the original).",
    params: exemplarIdParams,
    querystring: publicPhotoQuery,
    handler: async (req, reply) => {
      const row = await load(req.params.id);
      const photo = (await photosOf(db(), [row])).get(row.exemplar.id);
      if (!photo) throw new AppError("NOT_FOUND");
      return sendStoredFile(reply, app.deps.files, photo, req.query.variant, "public, max-age=3600");
    },
  });
}
