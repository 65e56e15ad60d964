import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../lib/audit.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, actorOf, ctxOf } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
import {
  fileItem,
  filesOf,
  fileVariantQuery,
  presentFile,
  readUpload,
  removeFile,
  sendStoredFile,
  storeFile,
} from "../files/index.ts";
import { storedFiles } from "../files/schema.ts";
import { actingUnit } from "../units/index.ts";
import { createTheme } from "./commands/create-theme.ts";
import { updateTheme } from "./commands/update-theme.ts";
import {
  coverageQuery,
  coverageResponse,
  createThemeBody,
  themeFileParams,
  themeIdParams,
  themeListQuery,
  themeListResponse,
  themeResponse,
  updateThemeBody,
} from "./contracts.ts";
import { mayIssueTheme, themePolicy } from "./policy.ts";
import { presentTheme, themeObject } from "./presenter.ts";
import {
  coverageDay,
  findTheme,
  listThemes,
  studyCoverage,
  THEME_OWNER,
  type ThemeListRow,
} from "./queries.ts";

const tags = ["topics"];

/** Chuyên đề: the topic a unit issues for a year, its materials, and how far its subtree studied it. */
export function topicRoutes(app: App) {
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findTheme(db(), actor, id);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };
  const detail = async (actor: Actor, row: ThemeListRow) => {
    const files = await filesOf(db(), THEME_OWNER, [row.theme.id]);
    return {
      ...presentTheme(actor, row),
      files: files.map((f) => presentFile(`/api/topics/${row.theme.id}`, f)),
    };
  };
  const themeFile = async (themeId: string, fileId: string) => {
    const [file] = await db()
      .select()
      .from(storedFiles)
      .where(
        and(
          eq(storedFiles.id, fileId),
          eq(storedFiles.ownerType, THEME_OWNER),
          eq(storedFiles.ownerId, themeId),
        ),
      );
    if (!file) throw new AppError("NOT_FOUND");
    return file;
  };

  app.get(
    "/topics",
    {
      schema: {
        tags,
        description:
          "Topics the caller sees: issued by its subtree or published down to it from above, newest year first. `chain=true`: only those issued by the caller's unit or the units above it (the year's topic of a member), the nearest first.",
        querystring: themeListQuery,
        response: { 200: themeListResponse, ...errorResponses },
      },
      config: { visibility: "published-down" },
    },
    async (req) => {
      const actor = actorOf(req);
      const { rows, ...total } = await listThemes(db(), actor, req.query);
      return envelope(
        req.query,
        rows.map((r) => presentTheme(actor, r)),
        total,
      );
    },
  );

  app.get(
    "/topics/coverage",
    {
      schema: {
        tags,
        description:
          "Study coverage: of a unit's subtree (default the caller's) and of each of its open child units, the members who attended at least one session on a topic of the year, the active members, and the share — at the year's end, or today for the current year.",
        querystring: coverageQuery,
        response: { 200: coverageResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      const today = vnToday();
      const year = req.query.year ?? Number(today.slice(0, 4));
      const on = coverageDay(year, today);
      const coverage = await studyCoverage(db(), actor, req.query.unitId ?? actor.unitId, year, on);
      if (!coverage) throw new AppError("NOT_FOUND");
      return { ...coverage, year, on };
    },
  );

  app.get(
    "/topics/:id",
    {
      schema: { tags, params: themeIdParams, response: { 200: themeResponse, ...errorResponses } },
      config: { visibility: "published-down" },
    },
    async (req) => {
      const actor = actorOf(req);
      return { theme: await detail(actor, await load(actor, req.params.id)) };
    },
  );

  app.post(
    "/topics",
    {
      schema: {
        tags,
        description:
          "Issues the topic of a year for a unit (the caller's by default): one per unit and year.",
        body: createThemeBody,
        response: { 201: themeResponse, ...errorResponses },
      },
      config: { visibility: "published-down" },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await actingUnit(db(), actor, req.body.unitId ?? actor.unitId, mayIssueTheme);
      const created = await db().transaction((tx) => createTheme({ tx, ctx: ctxOf(req), ...req.body, unit }));
      return reply.status(201).send({ theme: await detail(actor, await load(actor, created.id)) });
    },
  );

  app.patch(
    "/topics/:id",
    {
      schema: {
        tags,
        description: "Edits a topic (409 on a stale version); its year is fixed once it has been studied.",
        params: themeIdParams,
        body: updateThemeBody,
        response: { 200: themeResponse, ...errorResponses },
      },
      config: { visibility: "published-down" },
    },
    async (req) => {
      const actor = actorOf(req);
      const row = await load(actor, req.params.id);
      authorize(actor, themePolicy, "update", themeObject(row));
      await db().transaction((tx) =>
        updateTheme({ tx, ctx: ctxOf(req), current: row.theme, changes: req.body }),
      );
      return { theme: await detail(actor, await load(actor, row.theme.id)) };
    },
  );

  app.post(
    "/topics/:id/files",
    {
      schema: {
        tags,
        description:
          "multipart/form-data with a `file` field: a material of the topic (PDF, office document or image), checked by content.",
        params: themeIdParams,
        response: { 201: z.object({ file: fileItem }), ...errorResponses },
      },
      config: { visibility: "published-down" },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await load(actor, req.params.id);
      authorize(actor, themePolicy, "update", themeObject(row));
      const limit = app.deps.config.UPLOAD_LIMIT_BYTES;
      const upload = await readUpload(req, limit);
      const stored = await db().transaction(async (tx) => {
        const file = await storeFile(tx, app.deps.files, {
          owner: { type: THEME_OWNER, id: row.theme.id },
          ...upload,
          allowed: ["pdf", "document", "image"],
          maxBytes: limit,
          actorId: actor.userId,
        });
        await recordAudit(tx, ctxOf(req), {
          event: "theme.file_add",
          entityId: row.theme.id,
          unitId: row.theme.unitId,
          after: { fileId: file.id, fileName: file.fileName, contentType: file.contentType, size: file.size },
        });
        return file;
      });
      return reply.status(201).send({ file: presentFile(`/api/topics/${row.theme.id}`, stored) });
    },
  );

  app.get(
    "/topics/:id/files/:fileId",
    {
      schema: {
        tags,
        description: "A material of the topic (images: `variant=display` or `thumb`).",
        params: themeFileParams,
        querystring: fileVariantQuery,
        response: { ...errorResponses },
      },
      config: { visibility: "published-down" },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await load(actor, req.params.id);
      const file = await themeFile(row.theme.id, req.params.fileId);
      return sendStoredFile(reply, app.deps.files, file, req.query.variant, "private, max-age=3600");
    },
  );

  app.delete(
    "/topics/:id/files/:fileId",
    {
      schema: { tags, params: themeFileParams, response: { 204: z.null(), ...errorResponses } },
      config: { visibility: "published-down" },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await load(actor, req.params.id);
      authorize(actor, themePolicy, "update", themeObject(row));
      const file = await themeFile(row.theme.id, req.params.fileId);
      const keys = await db().transaction(async (tx) => {
        const removed = await removeFile(tx, file);
        await recordAudit(tx, ctxOf(req), {
          event: "theme.file_remove",
          entityId: row.theme.id,
          unitId: row.theme.unitId,
          before: { fileId: file.id, fileName: file.fileName },
          after: null,
        });
        return removed;
      });
      await Promise.all(keys.map((k) => app.deps.files.delete(k).catch(() => {})));
      return reply.status(204).send(null);
    },
  );
}
