import { AppError } from "../../lib/errors.ts";
import { type App, readDb } from "../../lib/http.ts";
import { envelope, listOf } from "../../lib/pagination.ts";
import { routes } from "../../lib/routes.ts";
import { filesOf, fileVariantQuery, sendStoredFile } from "../files/index.ts";
import {
  fieldsResponse,
  practiceFileParams,
  practiceIdParams,
  publicPracticeDetail,
  publicPracticeItem,
  publicPracticeListQuery,
} from "./contracts.ts";
import { presentPublicPractice } from "./presenter.ts";
import { findPublicPractice, listFields, listPublicPractices, practiceFile } from "./queries.ts";

const tags = ["public"];

/** The public showcase: recognised models marked public, for anyone, without an account. */
export function publicPracticeRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;

  route.get("/public/practices", "public", {
    querystring: publicPracticeListQuery,
    response: listOf(publicPracticeItem),
    handler: async (req, reply) => {
      const { rows, ...total } = await listPublicPractices(readDb(req), req.query);
      const files = await filesOf(
        db(),
        "practice",
        rows.map((r) => r.practice.id),
      );
      reply.header("cache-control", "public, max-age=60").header("vary", "Accept-Language");
      return envelope(
        req.query,
        rows.map((r) =>
          presentPublicPractice(
            r,
            req.lang,
            files.find((f) => f.ownerId === r.practice.id && f.kind === "image"),
          ),
        ),
        total,
      );
    },
  });

  route.get("/public/fields", "public", {
    description: "The list of fields (lĩnh vực), for the showcase's filter.",
    response: fieldsResponse,
    handler: async (_req, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return {
        items: (await listFields(db())).map((f) => ({
          id: f.id,
          code: f.code,
          name: f.name,
          nameEn: f.nameEn,
        })),
      };
    },
  });

  route.get("/public/practices/:id", "public", {
    params: practiceIdParams,
    response: publicPracticeDetail,
    handler: async (req, reply) => {
      const row = await findPublicPractice(db(), req.params.id);
      if (!row) throw new AppError("NOT_FOUND");
      const images = (await filesOf(db(), "practice", [row.practice.id])).filter((f) => f.kind === "image");
      reply.header("cache-control", "public, max-age=60").header("vary", "Accept-Language");
      const base = `/api/public/practices/${row.practice.id}/files`;
      return {
        ...presentPublicPractice(row, req.lang, images[0]),
        description: row.practice.description,
        results: row.practice.results,
        images: images.map((f) => ({
          url: `${base}/${f.id}?variant=display`,
          thumbUrl: `${base}/${f.id}?variant=thumb`,
          width: f.width,
          height: f.height,
        })),
        adoptionCount: Number(row.adoptionCount),
      };
    },
  });

  route.get("/public/practices/:id/files/:fileId", "public", {
    description: "An image of a public model (its display copy or thumbnail; other files stay private).",
    params: practiceFileParams,
    querystring: fileVariantQuery,
    handler: async (req, reply) => {
      const row = await findPublicPractice(db(), req.params.id);
      if (!row) throw new AppError("NOT_FOUND");
      const file = await practiceFile(db(), row.practice.id, req.params.fileId, true);
      if (!file) throw new AppError("NOT_FOUND");
      const variant = req.query.variant === "original" ? "display" : req.query.variant;
      return sendStoredFile(reply, app.deps.files, file, variant, "public, max-age=3600");
    },
  });
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/**
 * Link previews (Zalo, Facebook, e-mail): the app's HTML for a shared public model page carries
 * the model's title, summary and image in its meta tags, since link previewers run no script.
 */
export async function publicPageMeta(app: App, pathname: string, origin: string): Promise<string | null> {
  const m = pathname.match(/^\/cong-khai\/mo-hinh\/([0-9a-f-]{36})$/i);
  if (!m?.[1]) return null;
  const row = await findPublicPractice(app.deps.db, m[1]).catch(() => null);
  if (!row) return null;
  const image = (await filesOf(app.deps.db, "practice", [row.practice.id])).find((f) => f.kind === "image");
  const title = `${row.practice.title} — ${row.unitName}`;
  const description = (row.practice.summary || row.practice.description).slice(0, 300);
  const url = `${origin}${pathname}`;
  const tags = [
    `<title>${escapeHtml(title)}</title>`,
    `<meta name="description" content="${escapeHtml(description)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${escapeHtml(title)}">`,
    `<meta property="og:description" content="${escapeHtml(description)}">`,
    `<meta property="og:url" content="${escapeHtml(url)}">`,
    `<meta property="og:locale" content="vi_VN">`,
    `<meta name="twitter:card" content="${image ? "summary_large_image" : "summary"}">`,
    ...(image
      ? [
          `<meta property="og:image" content="${escapeHtml(`${origin}/api/public/practices/${row.practice.id}/files/${image.id}?variant=display`)}">`,
        ]
      : []),
  ];
  return tags.join("\n    ");
}
