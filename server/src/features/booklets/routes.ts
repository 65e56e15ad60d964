import type { Actor } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { filesOf, sendStoredFile } from "../files/index.ts";
import { createBooklet } from "./commands/create-booklet.ts";
import { updateBooklet } from "./commands/update-booklet.ts";
import {
  bookletCreated,
  bookletFileParams,
  bookletIdParams,
  bookletListQuery,
  bookletListResponse,
  bookletResponse,
  createBookletBody,
  exportBookletBody,
  jobStarted,
  updateBookletBody,
} from "./contracts.ts";
import { bookletExports, findExport } from "./export.ts";
import { BOOKLET_EXPORT_JOB } from "./jobs.ts";
import { bookletPolicy, mayCompile } from "./policy.ts";
import { bookletObject, presentBookletItem, presentBookletModel, presentExport } from "./presenter.ts";
import { type BookletListRow, bookletModels, findBooklet, listBooklets, practiceIdsOf } from "./queries.ts";

const tags = ["booklets"];

/** Tập mô hình: booklets of recognised models, compiled by a unit, exported as .docx and PDF. */
export function bookletRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findBooklet(db(), actor, id);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };
  const detail = async (actor: Actor, row: BookletListRow, lang: "vi" | "en") => {
    const [models, exports] = await Promise.all([
      bookletModels(db(), row.booklet.id),
      bookletExports(db(), row.booklet.id),
    ]);
    const photos = await filesOf(
      db(),
      "practice",
      models.map((m) => m.practice.id),
    );
    const thumb = new Map<string, (typeof photos)[number]>();
    for (const f of photos) if (f.kind === "image" && !thumb.has(f.ownerId)) thumb.set(f.ownerId, f);
    return {
      ...presentBookletItem(actor, row),
      items: models.map((m) => presentBookletModel(m, lang, thumb.get(m.practice.id))),
      exports: exports.map((f) => presentExport(row.booklet.id, f)),
      createdAt: row.booklet.createdAt.toISOString(),
    };
  };

  route.get("/booklets", "published-down", {
    description:
      "The booklets of the caller's subtree and those its ancestors published down to it, most recently changed first.",
    querystring: bookletListQuery,
    response: bookletListResponse,
    handler: async (actor, req) => {
      const { rows, ...total } = await listBooklets(db(), actor, req.query);
      return envelope(
        req.query,
        rows.map((r) => presentBookletItem(actor, r)),
        total,
      );
    },
  });

  route.post("/booklets", "published-down", {
    description:
      "Compiles a booklet of the caller's unit from recognised models, in the order given (422 for a model that is not recognised or not readable). Officers, leaders and admins.",
    body: createBookletBody,
    response: { 201: bookletCreated },
    handler: async (actor, req, reply) => {
      if (!mayCompile(actor)) throw new AppError("FORBIDDEN");
      const created = await db().transaction((tx) =>
        createBooklet({ tx, ctx: ctxOf(req), unitId: actor.unitId, ...req.body }),
      );
      return reply.status(201).send({ id: created.id });
    },
  });

  route.get("/booklets/:id", "published-down", {
    description: "A booklet with its models in order and its latest exported files.",
    params: bookletIdParams,
    response: bookletResponse,
    handler: async (actor, req) => {
      return { booklet: await detail(actor, await load(actor, req.params.id), req.lang) };
    },
  });

  route.put("/booklets/:id", "published-down", {
    description:
      "Edits the title, the subtitle or the models (the whole list, in its new order), with the `version` read; 409 when stale.",
    params: bookletIdParams,
    body: updateBookletBody,
    response: bookletResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, bookletPolicy, "update", bookletObject(row));
      const practiceIds = await practiceIdsOf(db(), row.booklet.id);
      await db().transaction((tx) =>
        updateBooklet({ tx, ctx: ctxOf(req), current: { ...row.booklet, practiceIds }, ...req.body }),
      );
      return { booklet: await detail(actor, await load(actor, row.booklet.id), req.lang) };
    },
  });

  route.post("/booklets/:id/exports", "published-down", {
    description:
      "Makes the booklet's .docx or PDF file in the background: 202 with the job, whose progress advances per model and whose result gives the file's `url`.",
    params: bookletIdParams,
    body: exportBookletBody,
    response: { 202: jobStarted },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      authorize(actor, bookletPolicy, "export", bookletObject(row));
      const jobId = await app.deps.jobs.start({
        kind: BOOKLET_EXPORT_JOB,
        ctx: ctxOf(req),
        lang: req.lang,
        unitId: row.booklet.unitId,
        payload: { bookletId: row.booklet.id, format: req.body.format },
      });
      return reply.status(202).send({ jobId });
    },
  });

  route.get("/booklets/:id/files/:fileId", "published-down", {
    description: "An exported file of the booklet (PDF shown inline, .docx downloaded).",
    params: bookletFileParams,
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      const file = await findExport(db(), row.booklet.id, req.params.fileId);
      if (!file) throw new AppError("NOT_FOUND");
      return sendStoredFile(reply, app.deps.files, file, "original", "private, max-age=3600");
    },
  });
}
