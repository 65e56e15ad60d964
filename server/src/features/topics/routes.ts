import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../lib/audit.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
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
import { createTopic } from "./commands/create-topic.ts";
import { updateTopic } from "./commands/update-topic.ts";
import {
  coverageQuery,
  coverageResponse,
  createTopicBody,
  topicFileParams,
  topicIdParams,
  topicListQuery,
  topicListResponse,
  topicResponse,
  updateTopicBody,
} from "./contracts.ts";
import { mayIssueTopic, topicPolicy } from "./policy.ts";
import { presentTopic, topicObject } from "./presenter.ts";
import {
  coverageDay,
  findTopic,
  listTopics,
  studyCoverage,
  TOPIC_OWNER,
  type TopicListRow,
} from "./queries.ts";

const tags = ["topics"];

/** Chuyên đề: the topic a unit issues for a year, its materials, and how far its subtree studied it. */
export function topicRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findTopic(db(), actor, id);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };
  const detail = async (actor: Actor, row: TopicListRow) => {
    const files = await filesOf(db(), TOPIC_OWNER, [row.topic.id]);
    return {
      ...presentTopic(actor, row),
      files: files.map((f) => presentFile(`/api/topics/${row.topic.id}`, f)),
    };
  };
  const topicFile = async (topicId: string, fileId: string) => {
    const [file] = await db()
      .select()
      .from(storedFiles)
      .where(
        and(
          eq(storedFiles.id, fileId),
          eq(storedFiles.ownerType, TOPIC_OWNER),
          eq(storedFiles.ownerId, topicId),
        ),
      );
    if (!file) throw new AppError("NOT_FOUND");
    return file;
  };

  route.get("/topics", "published-down", {
    description:
      "Topics the caller sees: issued by its subtree or published down to it from above, newest year first. `chain=true`: only those issued by the caller's unit or the units above it (the year's topic of a member), the nearest first.",
    querystring: topicListQuery,
    response: topicListResponse,
    handler: async (actor, req) => {
      const { rows, ...total } = await listTopics(db(), actor, req.query);
      return envelope(
        req.query,
        rows.map((r) => presentTopic(actor, r)),
        total,
      );
    },
  });

  route.get("/topics/coverage", "own-subtree", {
    description:
      "Study coverage: of a unit's subtree (default the caller's) and of each of its open child units, the members who attended at least one session on a topic of the year, the active members, and the share — at the year's end, or today for the current year.",
    querystring: coverageQuery,
    response: coverageResponse,
    handler: async (actor, req) => {
      const today = vnToday();
      const year = req.query.year ?? Number(today.slice(0, 4));
      const on = coverageDay(year, today);
      const coverage = await studyCoverage(db(), actor, req.query.unitId ?? actor.unitId, year, on);
      if (!coverage) throw new AppError("NOT_FOUND");
      return { ...coverage, year, on };
    },
  });

  route.get("/topics/:id", "published-down", {
    params: topicIdParams,
    response: topicResponse,
    handler: async (actor, req) => {
      return { topic: await detail(actor, await load(actor, req.params.id)) };
    },
  });

  route.post("/topics", "published-down", {
    description: "Issues the topic of a year for a unit (the caller's by default): one per unit and year.",
    body: createTopicBody,
    response: { 201: topicResponse },
    handler: async (actor, req, reply) => {
      const unit = await actingUnit(db(), actor, req.body.unitId ?? actor.unitId, mayIssueTopic);
      const created = await db().transaction((tx) => createTopic({ tx, ctx: ctxOf(req), ...req.body, unit }));
      return reply.status(201).send({ topic: await detail(actor, await load(actor, created.id)) });
    },
  });

  route.patch("/topics/:id", "published-down", {
    description: "Edits a topic (409 on a stale version); its year is fixed once it has been studied.",
    params: topicIdParams,
    body: updateTopicBody,
    response: topicResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, topicPolicy, "update", topicObject(row));
      await db().transaction((tx) =>
        updateTopic({ tx, ctx: ctxOf(req), current: row.topic, changes: req.body }),
      );
      return { topic: await detail(actor, await load(actor, row.topic.id)) };
    },
  });

  route.post("/topics/:id/files", "published-down", {
    description:
      "multipart/form-data with a `file` field: a material of the topic (PDF, office document or image), checked by content.",
    params: topicIdParams,
    response: { 201: z.object({ file: fileItem }) },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      authorize(actor, topicPolicy, "update", topicObject(row));
      const limit = app.deps.config.UPLOAD_LIMIT_BYTES;
      const upload = await readUpload(req, limit);
      const stored = await db().transaction(async (tx) => {
        const file = await storeFile(tx, app.deps.files, {
          owner: { type: TOPIC_OWNER, id: row.topic.id },
          ...upload,
          allowed: ["pdf", "document", "image"],
          maxBytes: limit,
          actorId: actor.userId,
        });
        await recordAudit(tx, ctxOf(req), {
          event: "topic.file_add",
          entityId: row.topic.id,
          unitId: row.topic.unitId,
          after: { fileId: file.id, fileName: file.fileName, contentType: file.contentType, size: file.size },
        });
        return file;
      });
      return reply.status(201).send({ file: presentFile(`/api/topics/${row.topic.id}`, stored) });
    },
  });

  route.get("/topics/:id/files/:fileId", "published-down", {
    description: "A material of the topic (images: `variant=display` or `thumb`).",
    params: topicFileParams,
    querystring: fileVariantQuery,
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      const file = await topicFile(row.topic.id, req.params.fileId);
      return sendStoredFile(reply, app.deps.files, file, req.query.variant, "private, max-age=3600");
    },
  });

  route.delete("/topics/:id/files/:fileId", "published-down", {
    params: topicFileParams,
    response: { 204: z.null() },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      authorize(actor, topicPolicy, "update", topicObject(row));
      const file = await topicFile(row.topic.id, req.params.fileId);
      const keys = await db().transaction(async (tx) => {
        const removed = await removeFile(tx, file);
        await recordAudit(tx, ctxOf(req), {
          event: "topic.file_remove",
          entityId: row.topic.id,
          unitId: row.topic.unitId,
          before: { fileId: file.id, fileName: file.fileName },
          after: null,
        });
        return removed;
      });
      await Promise.all(keys.map((k) => app.deps.files.delete(k).catch(() => {})));
      return reply.status(204).send(null);
    },
  });
}
