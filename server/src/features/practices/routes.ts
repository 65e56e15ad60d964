import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../lib/audit.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { exemplarPractices, exemplars } from "../exemplars/schema.ts";
import {
  fileItem,
  filesOf,
  fileVariantQuery,
  presentFile,
  removeFile,
  sendStoredFile,
  storeFile,
} from "../files/index.ts";
import {
  mayKeep,
  presentSteps,
  reviewHistory,
  reviewListRoutes,
  reviewStepRoutes,
} from "../recognition/index.ts";
import { findUnit } from "../units/index.ts";
import {
  adoptPractice,
  createPractice,
  publishPractice,
  reviewPractice,
  submitPractice,
  updatePractice,
} from "./commands.ts";
import {
  adoptionResponse,
  createAdoptionBody,
  createPracticeBody,
  fieldsResponse,
  practiceFileParams,
  practiceIdParams,
  practiceListQuery,
  practiceListResponse,
  practiceResponse,
  updatePracticeBody,
} from "./contracts.ts";
import { practicePolicy } from "./policy.ts";
import { practiceObject, presentAdoption, presentPracticeItem } from "./presenter.ts";
import {
  adoptionOf,
  findAdoption,
  findPractice,
  listFields,
  listPractices,
  type PracticeListRow,
  practiceFile,
  reviewQueue,
} from "./queries.ts";

const tags = ["practices"];
const OWNER = "practice";

export function practiceRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findPractice(db(), actor, id);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };
  /** Covers (the first image) of a page of models, in one query. */
  const covers = async (rows: PracticeListRow[]) => {
    const files = await filesOf(
      db(),
      OWNER,
      rows.map((r) => r.practice.id),
    );
    const first = new Map<string, (typeof files)[number]>();
    for (const f of files) if (f.kind === "image" && !first.has(f.ownerId)) first.set(f.ownerId, f);
    return first;
  };
  const detail = async (actor: Actor, row: PracticeListRow, lang: "vi" | "en") => {
    const p = row.practice;
    const [files, steps, linked, adopted] = await Promise.all([
      filesOf(db(), OWNER, [p.id]),
      reviewHistory(db(), OWNER, p.id),
      db()
        .select({ id: exemplars.id, title: exemplars.title })
        .from(exemplarPractices)
        .innerJoin(exemplars, eq(exemplars.id, exemplarPractices.exemplarId))
        .where(and(eq(exemplarPractices.practiceId, p.id), eq(exemplars.status, "recognised"))),
      adoptionOf(db(), p.id, actor.unitId),
    ]);
    const base = `/api/practices/${p.id}`;
    return {
      ...presentPracticeItem(
        actor,
        row,
        lang,
        files.find((f) => f.kind === "image"),
      ),
      description: p.description,
      results: p.results,
      files: files.map((f) => presentFile(base, f)),
      steps: presentSteps(steps),
      exemplars: linked,
      adoptedByMyUnit: !!adopted,
      mayAdopt:
        p.status === "recognised" && !adopted && p.unitId !== actor.unitId && mayKeep(actor, actor.unitPath),
    };
  };

  route.get("/fields", "shared", {
    response: fieldsResponse,
    handler: async (_actor) => ({
      items: (await listFields(db())).map((f) => ({
        id: f.id,
        code: f.code,
        name: f.name,
        nameEn: f.nameEn,
      })),
    }),
  });

  reviewListRoutes(app, {
    path: "/practices",
    tags,
    response: practiceListResponse,
    list: {
      description:
        "Models the caller may read (its subtree's in any state, every recognised one), filtered; `q` searches titles, descriptions and unit names without diacritics, ranked by relevance.",
      query: practiceListQuery,
      read: (reads, actor, query) => listPractices(reads, actor, query),
    },
    queue: {
      description: "What waits for the caller's unit to review, oldest first.",
      read: (reads, actor, query) => reviewQueue(reads, actor, query),
    },
    present: async (actor, rows, lang) => {
      const cover = await covers(rows);
      return rows.map((r) => presentPracticeItem(actor, r, lang, cover.get(r.practice.id)));
    },
  });

  route.get("/practices/:id", "shared", {
    params: practiceIdParams,
    response: practiceResponse,
    handler: async (actor, req) => {
      return { practice: await detail(actor, await load(actor, req.params.id), req.lang) };
    },
  });

  route.post("/practices", "own-subtree", {
    body: createPracticeBody,
    response: { 201: practiceResponse },
    handler: async (actor, req, reply) => {
      const unit = await findUnit(db(), actor, req.body.unitId);
      if (unit?.status !== "active")
        throw new AppError("RULE_VIOLATION", { details: [{ path: "body.unitId", message: "out_of_scope" }] });
      if (!mayKeep(actor, unit.path)) throw new AppError("FORBIDDEN");
      const created = await db().transaction((tx) => createPractice(tx, ctxOf(req), { ...req.body, unit }));
      return reply
        .status(201)
        .send({ practice: await detail(actor, await load(actor, created.id), req.lang) });
    },
  });

  route.patch("/practices/:id", "shared", {
    params: practiceIdParams,
    body: updatePracticeBody,
    response: practiceResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, practicePolicy, "update", practiceObject(row));
      await db().transaction((tx) =>
        updatePractice(
          tx,
          ctxOf(req),
          { ...row.practice, unitName: row.unitName, unitPath: row.unitPath },
          req.body,
        ),
      );
      return { practice: await detail(actor, await load(actor, row.practice.id), req.lang) };
    },
  });

  reviewStepRoutes(app, {
    path: "/practices",
    tags,
    response: practiceResponse,
    descriptions: {
      submit: "Sends a draft (or a returned model) to the unit above its own.",
      review:
        "The reviewing unit returns the model with comments, recognises it at its level, or forwards it to the unit above. 409 when it no longer waits at the caller's unit.",
      publication: "Shows a recognised model on the public showcase, or withdraws it.",
    },
    policy: practicePolicy,
    load,
    objectOf: practiceObject,
    itemOf: (row) => row.practice,
    commands: { submit: submitPractice, review: reviewPractice, publish: publishPractice },
    respond: async (actor, id, lang) => ({ practice: await detail(actor, await load(actor, id), lang) }),
  });

  route.post("/practices/:id/files", "shared", {
    description:
      "multipart/form-data with a `file` field: an image (JPEG, PNG, WebP, GIF), a PDF or an office document, checked by content; images get a display copy and a thumbnail.",
    params: practiceIdParams,
    response: { 201: z.object({ file: fileItem }) },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      authorize(actor, practicePolicy, "update", practiceObject(row));
      if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
      const part = await req.file({ limits: { fileSize: app.deps.config.UPLOAD_LIMIT_BYTES + 1 } });
      if (part?.fieldname !== "file")
        throw new AppError("VALIDATION_FAILED", {
          details: [{ path: "body.file", message: "Thiếu tệp (trường file)" }],
        });
      const data = await part.toBuffer();
      const stored = await db().transaction(async (tx) => {
        const file = await storeFile(tx, app.deps.files, {
          owner: { type: OWNER, id: row.practice.id },
          data,
          fileName: part.filename,
          allowed: ["image", "pdf", "document"],
          maxBytes: app.deps.config.UPLOAD_LIMIT_BYTES,
          actorId: actor.userId,
        });
        await recordAudit(tx, ctxOf(req), {
          event: "practice.file_add",
          entityId: row.practice.id,
          unitId: row.practice.unitId,
          before: null,
          after: { fileId: file.id, fileName: file.fileName, contentType: file.contentType, size: file.size },
        });
        return file;
      });
      return reply.status(201).send({ file: presentFile(`/api/practices/${row.practice.id}`, stored) });
    },
  });

  route.delete("/practices/:id/files/:fileId", "shared", {
    params: practiceFileParams,
    response: { 204: z.null() },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      authorize(actor, practicePolicy, "update", practiceObject(row));
      const file = await practiceFile(db(), row.practice.id, req.params.fileId);
      if (!file) throw new AppError("NOT_FOUND");
      const keys = await db().transaction(async (tx) => {
        const removed = await removeFile(tx, file);
        await recordAudit(tx, ctxOf(req), {
          event: "practice.file_remove",
          entityId: row.practice.id,
          unitId: row.practice.unitId,
          before: { fileId: file.id, fileName: file.fileName },
          after: null,
        });
        return removed;
      });
      await Promise.all(keys.map((k) => app.deps.files.delete(k).catch(() => {})));
      return reply.status(204).send(null);
    },
  });

  route.get("/practices/:id/files/:fileId", "shared", {
    description: "A file of the model (images: `variant=display` or `thumb` for the resized copies).",
    params: practiceFileParams,
    querystring: fileVariantQuery,
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      const file = await practiceFile(db(), row.practice.id, req.params.fileId);
      if (!file) throw new AppError("NOT_FOUND");
      return sendStoredFile(reply, app.deps.files, file, req.query.variant, "private, max-age=3600");
    },
  });

  route.post("/practices/:id/adoptions", "shared", {
    description: "A unit (the caller's, or one in its subtree) records that it adopts a recognised model.",
    params: practiceIdParams,
    body: createAdoptionBody,
    response: { 201: adoptionResponse },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      const unit = await findUnit(db(), actor, req.body.unitId ?? actor.unitId);
      if (unit?.status !== "active")
        throw new AppError("RULE_VIOLATION", { details: [{ path: "body.unitId", message: "out_of_scope" }] });
      if (!mayKeep(actor, unit.path)) throw new AppError("FORBIDDEN");
      const adoption = await db().transaction((tx) =>
        adoptPractice(tx, ctxOf(req), {
          practice: row.practice,
          unit,
          startedOn: req.body.startedOn,
          notes: req.body.notes,
        }),
      );
      const found = await findAdoption(db(), adoption.id);
      if (!found) throw new AppError("NOT_FOUND");
      return reply.status(201).send({ adoption: presentAdoption(found, true) });
    },
  });
}
