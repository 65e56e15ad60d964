import type { Actor } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf, readDb } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { readUpload, sendStoredFile } from "../files/index.ts";
import { actingUnit } from "../units/index.ts";
import { addDocumentVersion, createDocument, markDocumentRead, updateDocument } from "./commands.ts";
import {
  addVersionQuery,
  createDocumentBody,
  documentIdParams,
  documentListQuery,
  documentListResponse,
  documentResponse,
  documentVersionParams,
  issuersResponse,
  readReportQuery,
  readReportResponse,
  readResponse,
  updateDocumentBody,
  versionResponse,
} from "./contracts.ts";
import { documentPolicy, mayIssueDocument } from "./policy.ts";
import { documentObject, presentDocument, presentVersion } from "./presenter.ts";
import {
  type DocumentRow,
  findDocument,
  findVersion,
  issuers,
  listDocuments,
  readReport,
  versionsOf,
} from "./queries.ts";

const tags = ["library"];

/** Thư viện văn bản: directives, conclusions, guidance, materials and bulletins a unit issues down its subtree. */
export function libraryRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findDocument(db(), actor, id);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };
  const detail = async (actor: Actor, row: DocumentRow) => {
    const versions = await versionsOf(db(), [row.document.id]);
    return {
      ...presentDocument(actor, row, versions),
      versions: versions.map((v) => presentVersion(row.document.id, v)),
    };
  };

  route.get("/library", "published-down", {
    description:
      "Documents the caller sees (its subtree's and those published down to it), filtered by kind, year and issuing unit; `q` searches the title, number and summary without diacritics, ranked by relevance; `unread=true`: bulletins the caller has not marked read.",
    querystring: documentListQuery,
    response: documentListResponse,
    handler: async (actor, req) => {
      const reads = readDb(req);
      const { rows, ...total } = await listDocuments(reads, actor, req.query);
      const versions = Map.groupBy(
        await versionsOf(
          reads,
          rows.map((r) => r.document.id),
        ),
        (v) => v.version.documentId,
      );
      return envelope(
        req.query,
        rows.map((r) => presentDocument(actor, r, versions.get(r.document.id) ?? [])),
        total,
      );
    },
  });

  route.get("/library/issuers", "published-down", {
    description: "The units whose documents the caller sees, with how many: the issuing-unit filter.",
    response: issuersResponse,
    handler: async (actor) => ({ items: await issuers(db(), actor) }),
  });

  route.get("/library/:id", "published-down", {
    params: documentIdParams,
    response: documentResponse,
    handler: async (actor, req) => {
      return { document: await detail(actor, await load(actor, req.params.id)) };
    },
  });

  route.post("/library", "published-down", {
    description:
      "Issues a document of a unit (the caller's by default) to its subtree; files follow as versions.",
    body: createDocumentBody,
    response: { 201: documentResponse },
    handler: async (actor, req, reply) => {
      const unit = await actingUnit(db(), actor, req.body.unitId ?? actor.unitId, mayIssueDocument);
      const created = await db().transaction((tx) => createDocument(tx, ctxOf(req), { ...req.body, unit }));
      return reply.status(201).send({ document: await detail(actor, await load(actor, created.id)) });
    },
  });

  route.patch("/library/:id", "published-down", {
    description: "Edits a document's record (409 on a stale version).",
    params: documentIdParams,
    body: updateDocumentBody,
    response: documentResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, documentPolicy, "update", documentObject(row));
      await db().transaction((tx) =>
        updateDocument(tx, ctxOf(req), { ...row.document, unitName: row.unitName }, req.body),
      );
      return { document: await detail(actor, await load(actor, row.document.id)) };
    },
  });

  route.post("/library/:id/versions", "published-down", {
    description:
      "multipart/form-data with a `file` field (PDF, office document or a scanned image, checked by content): the document's next version; `note` says what changed. Earlier versions stay downloadable.",
    params: documentIdParams,
    querystring: addVersionQuery,
    response: { 201: versionResponse },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      authorize(actor, documentPolicy, "update", documentObject(row));
      const limit = app.deps.config.UPLOAD_LIMIT_BYTES;
      const upload = await readUpload(req, limit);
      const added = await db().transaction((tx) =>
        addDocumentVersion(tx, ctxOf(req), app.deps.files, {
          document: row.document,
          ...upload,
          note: req.query.note,
          maxBytes: limit,
        }),
      );
      return reply.status(201).send({
        version: presentVersion(row.document.id, {
          ...added,
          createdByName: actor.displayName,
        }),
      });
    },
  });

  route.get("/library/:id/versions/:versionId", "published-down", {
    description: "The file of a version (PDF and images shown inline, others downloaded).",
    params: documentVersionParams,
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      const version = await findVersion(db(), row.document.id, req.params.versionId);
      if (!version) throw new AppError("NOT_FOUND");
      return sendStoredFile(reply, app.deps.files, version.file, "original", "private, max-age=3600");
    },
  });

  route.post("/library/:id/read", "published-down", {
    description:
      "The caller marks an internal bulletin read (once; a second call answers the first time). Other kinds: 422.",
    params: documentIdParams,
    response: readResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      const readAt = await db().transaction((tx) => markDocumentRead(tx, ctxOf(req), actor, row.document));
      return { readAt: readAt.toISOString() };
    },
  });

  route.get("/library/:id/reads", "published-down", {
    description:
      "Who read a bulletin, for its issuers (and the chain above): readers under a unit (default the issuing unit) by each of its child units, with their active members and the share.",
    params: documentIdParams,
    querystring: readReportQuery,
    response: readReportResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, documentPolicy, "report", documentObject(row));
      const report = await readReport(
        db(),
        actor,
        { id: row.document.id, unitPath: row.unitPath },
        req.query.unitId ?? row.document.unitId,
        vnToday(),
      );
      if (!report) throw new AppError("NOT_FOUND");
      return report;
    },
  });
}
