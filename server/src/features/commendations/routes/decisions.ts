import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../lib/auth/actor.ts";
import type { CommandContext } from "../../../lib/command.ts";
import { AppError, type Lang } from "../../../lib/errors.ts";
import { type App, actorOf, ctxOf, readDb, sendSpreadsheet } from "../../../lib/http.ts";
import { envelope } from "../../../lib/pagination.ts";
import { routes } from "../../../lib/routes.ts";
import { writeTable } from "../../../lib/spreadsheet.ts";
import { sendFile, sendStoredFile } from "../../files/index.ts";
import { correctDecision } from "../commands/correct-decision.ts";
import { immutable } from "../commands/decision-guards.ts";
import { discardDecision } from "../commands/discard-decision.ts";
import { issueDecision } from "../commands/issue-decision.ts";
import { updateDecision } from "../commands/update-decision.ts";
import { updateDecisionRecipients } from "../commands/update-decision-recipients.ts";
import {
  correctionBody,
  decisionFileParams,
  decisionListQuery,
  decisionListResponse,
  decisionRecipientParams,
  decisionRecipientsBody,
  decisionResponse,
  idParams,
  issueBody,
  jobStarted,
  updateDecisionBody,
} from "../contracts.ts";
import { periodLabel } from "../defaults.ts";
import {
  certificateFiles,
  decisionDocument,
  documentUrl,
  fileNameFor,
  findCertificateFile,
  numberPreview,
  presentCertificateFile,
} from "../documents.ts";
import { CERTIFICATES_JOB } from "../jobs.ts";
import { authorizeDecision } from "../policy.ts";
import { decisionObject, presentDecisionItem, presentDecisionRecipient, presentSteps } from "../presenter.ts";
import {
  type DecisionListRow,
  decisionRecipientRows,
  findDecision,
  linkTitles,
  listDecisions,
  stepsOf,
} from "../queries.ts";
import { certificatesPdf, decisionDocx } from "../render.ts";
import type { DecisionRow } from "../schema.ts";
import { exportRows, statusLabels } from "./exports.ts";

const tags = ["commendations"];
const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Quyết định khen thưởng: drafts, issue (numbered), corrections, the Word document and certificates. */
export function commendationDecisionRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findDecision(db(), actor, id);
    if (!row) throw new AppError("NOT_FOUND");
    authorizeDecision(actor, "read", decisionObject(actor, row));
    return row;
  };
  /** Edits reach drafts only: an issued decision answers 409 to every edit or deletion. */
  const loadDraft = async (actor: Actor, id: string) => {
    const row = await load(actor, id);
    if (row.decision.status !== "draft") throw immutable();
    authorizeDecision(actor, "update", decisionObject(actor, row));
    return row;
  };
  const detail = async (actor: Actor, row: DecisionListRow, lang: Lang) => {
    const d = row.decision;
    const [recipients, steps, files, preview] = await Promise.all([
      decisionRecipientRows(db(), d.id),
      stepsOf(db(), "decision", d.id),
      certificateFiles(db(), d.id),
      d.status === "draft" ? numberPreview(db(), d.unitId) : null,
    ]);
    const titles = await linkTitles(
      db(),
      recipients.flatMap((r) => r.recipient.links),
    );
    return {
      ...presentDecisionItem(actor, row, lang),
      numberPreview: preview,
      preamble: d.preamble,
      reason: d.reason,
      correctionReason: d.correctionReason,
      recipientsText: d.recipientsText,
      place: d.place,
      recipients: recipients.map((r) => presentDecisionRecipient(r, titles, d.status !== "draft")),
      steps: presentSteps(steps),
      certificates: files.map((f) => presentCertificateFile(d.id, f)),
      documentUrl: documentUrl(d.id),
    };
  };
  const respond = async (actor: Actor, id: string, lang: Lang) => ({
    decision: await detail(actor, await load(actor, id), lang),
  });
  /** A write to a draft: loaded and allowed as an edit, in one transaction; answers the decision. */
  const editDraft = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    write: (command: CommandContext & { current: DecisionRow }) => Promise<unknown>,
  ) => {
    const actor = actorOf(req);
    const row = await loadDraft(actor, req.params.id);
    await db().transaction((tx) => write({ tx, ctx: ctxOf(req), current: row.decision }));
    return row;
  };

  route.get("/commendations/decisions", "published-down", {
    description:
      "Decisions the caller reads: its subtree's (drafts too), those published down to it from above, and those naming a recipient of its subtree; drafts first, then newest.",
    querystring: decisionListQuery,
    response: decisionListResponse,
    handler: async (actor, req) => {
      const { rows, ...total } = await listDecisions(readDb(req), actor, req.query);
      return envelope(
        req.query,
        rows.map((r) => presentDecisionItem(actor, r, req.lang)),
        total,
      );
    },
  });

  route.get("/commendations/decisions/export", "published-down", {
    description: "The decisions list (same filters) as .xlsx.",
    querystring: decisionListQuery.omit({ page: true, pageSize: true }),
    config: { timeout: "export" },
    handler: async (actor, req, reply) => {
      const rows = await exportRows((page, pageSize) =>
        listDecisions(readDb(req), actor, { ...req.query, page, pageSize }),
      );
      const file = await writeTable(
        [
          { key: "symbol", header: "Số, ký hiệu", kind: "text", width: 16 },
          { key: "issuedOn", header: "Ngày ban hành", kind: "date", width: 14 },
          { key: "unit", header: "Đơn vị ban hành", kind: "text", width: 36 },
          { key: "form", header: "Hình thức", kind: "text", width: 16 },
          { key: "period", header: "Thời kỳ", kind: "text", width: 12 },
          { key: "summary", header: "Trích yếu", kind: "text", width: 60 },
          { key: "collectives", header: "Tập thể", kind: "integer", width: 9 },
          { key: "individuals", header: "Cá nhân", kind: "integer", width: 9 },
          { key: "signer", header: "Người ký", kind: "text", width: 24 },
          { key: "status", header: "Trạng thái", kind: "enum", labels: statusLabels.decision, width: 16 },
          { key: "corrects", header: "Đính chính quyết định", kind: "text", width: 16 },
        ],
        rows.map((r) => {
          const item = presentDecisionItem(actor, r, "vi");
          return {
            symbol: item.symbol,
            issuedOn: item.issuedOn,
            unit: item.unit.name,
            form: item.form.name,
            period: periodLabel(item.periodStart, item.periodEnd),
            summary: item.summary,
            collectives: item.collectiveCount,
            individuals: item.individualCount,
            signer: item.signer.name,
            status: item.status,
            corrects: item.corrects?.symbol ?? null,
          };
        }),
        { title: "DANH SÁCH QUYẾT ĐỊNH KHEN THƯỞNG", sheetName: "Quyết định" },
      );
      return sendSpreadsheet(reply, "Danh sách quyết định khen thưởng.xlsx", file);
    },
  });

  route.get("/commendations/decisions/:id", "published-down", {
    description:
      "A decision with its recipients (in the annex's order), steps, certificate batches and the links to its Word document and each recipient's certificate.",
    params: idParams,
    response: decisionResponse,
    handler: async (actor, req) => respond(actor, req.params.id, req.lang),
  });

  route.patch("/commendations/decisions/:id", "published-down", {
    description:
      "Edits a draft (summary, grounds, reason, recipients list, place, signer) with the `version` read. An issued decision is never edited: 409.",
    params: idParams,
    body: updateDecisionBody,
    response: decisionResponse,
    handler: async (actor, req) => {
      const row = await editDraft(req, (command) => updateDecision({ ...command, ...req.body }));
      return respond(actor, row.decision.id, req.lang);
    },
  });

  route.put("/commendations/decisions/:id/recipients", "published-down", {
    description:
      "Sets a draft's recipients: those kept, in order, with their printed name, unit and achievement (others are removed from the draft). An issued decision: 409.",
    params: idParams,
    body: decisionRecipientsBody,
    response: decisionResponse,
    handler: async (actor, req) => {
      const row = await editDraft(req, (command) => updateDecisionRecipients({ ...command, ...req.body }));
      return respond(actor, row.decision.id, req.lang);
    },
  });

  route.delete("/commendations/decisions/:id", "published-down", {
    description:
      "Discards a draft (a proposal's draft: the proposal waits again at the approving unit). An issued decision is never deleted: 409.",
    params: idParams,
    response: { 204: z.null() },
    handler: async (_actor, req, reply) => {
      await editDraft(req, discardDecision);
      return reply.status(204).send(null);
    },
  });

  route.post("/commendations/decisions/:id/issue", "published-down", {
    description:
      "Issues a draft: the next number of the unit's decisions (QĐ) in its committee term, no gaps or duplicates under concurrency; the date (default today, not in the future). 422 when the unit's kind may not issue the form or the document lacks a part (listed); 409 when already issued.",
    params: idParams,
    body: issueBody,
    response: decisionResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      if (row.decision.status !== "draft") throw new AppError("STATE_CONFLICT");
      authorizeDecision(actor, "issue", decisionObject(actor, row));
      await db().transaction((tx) =>
        issueDecision({ tx, ctx: ctxOf(req), decisionId: row.decision.id, issuedOn: req.body.issuedOn }),
      );
      return respond(actor, row.decision.id, req.lang);
    },
  });

  route.post("/commendations/decisions/:id/corrections", "published-down", {
    description:
      "Starts the correction of an issued decision: a new draft copying it (text and recipients) that references it, with what it corrects and why. Issued, it gets its own number and the corrected decision is marked corrected; both are kept. 409 when not issued or already being corrected.",
    params: idParams,
    body: correctionBody,
    response: { 201: decisionResponse },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      if (row.decision.status !== "issued" || row.correction?.id) throw new AppError("STATE_CONFLICT");
      authorizeDecision(actor, "correct", decisionObject(actor, row));
      const created = await db().transaction((tx) =>
        correctDecision({ tx, ctx: ctxOf(req), current: row.decision, ...req.body }),
      );
      return reply.status(201).send(await respond(actor, created.id, req.lang));
    },
  });

  route.get("/commendations/decisions/:id/document", "published-down", {
    description:
      "The decision as a Word document in the official format (header, QUYẾT ĐỊNH, the articles, signing block, Nơi nhận) with the recipients in an annex table; a draft prints blanks for its number and date.",
    params: idParams,
    config: { timeout: "export" },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      const content = await decisionDocument(db(), row);
      const data = await decisionDocx(content);
      return sendFile(
        reply,
        { data, contentType: docxType, fileName: fileNameFor(content, "docx") },
        "private, no-cache",
      );
    },
  });

  route.get("/commendations/decisions/:id/export", "published-down", {
    description: "The decision's recipients (its annex) as .xlsx.",
    params: idParams,
    config: { timeout: "export" },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      const recipients = await decisionRecipientRows(db(), row.decision.id);
      const content = await decisionDocument(db(), row);
      const file = await writeTable(
        [
          { key: "position", header: "TT", kind: "integer", width: 6 },
          { key: "kind", header: "Đối tượng", kind: "enum", labels: statusLabels.kind, width: 10 },
          { key: "name", header: "Tập thể, cá nhân", kind: "text", width: 36 },
          { key: "unitLabel", header: "Đơn vị, địa chỉ", kind: "text", width: 50 },
          { key: "achievement", header: "Thành tích", kind: "text", width: 60 },
        ],
        recipients.map(({ recipient: r }) => ({
          position: r.position,
          kind: r.kind,
          name: r.name,
          unitLabel: r.unitLabel,
          achievement: r.achievement,
        })),
        {
          title: `DANH SÁCH KÈM THEO QUYẾT ĐỊNH ${content.symbol ? `SỐ ${content.symbol}` : "(DỰ THẢO)"}`,
          sheetName: "Danh sách",
        },
      );
      return sendSpreadsheet(reply, fileNameFor(content, "xlsx", "Danh sách khen thưởng"), file);
    },
  });

  route.post("/commendations/decisions/:id/certificates", "published-down", {
    description:
      "Makes the certificates of an issued decision in the background — one A4 landscape page per recipient, the free serif font embedded: 202 with the job, whose progress advances per recipient and whose result gives the PDF's `url`.",
    params: idParams,
    response: { 202: jobStarted },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      if (row.decision.status === "draft") throw new AppError("STATE_CONFLICT");
      authorizeDecision(actor, "certificates", decisionObject(actor, row));
      const jobId = await app.deps.jobs.start({
        kind: CERTIFICATES_JOB,
        ctx: ctxOf(req),
        lang: req.lang,
        unitId: row.decision.unitId,
        payload: { decisionId: row.decision.id },
      });
      return reply.status(202).send({ jobId });
    },
  });

  route.get("/commendations/decisions/:id/files/:fileId", "published-down", {
    description: "A generated certificates PDF of the decision.",
    params: decisionFileParams,
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      const file = await findCertificateFile(db(), row.decision.id, req.params.fileId);
      if (!file) throw new AppError("NOT_FOUND");
      return sendStoredFile(reply, app.deps.files, file, "original", "private, max-age=3600");
    },
  });

  route.get("/commendations/decisions/:id/recipients/:recipientId/certificate", "published-down", {
    description: "One recipient's certificate (a one-page PDF), made on request. 409 for a draft.",
    params: decisionRecipientParams,
    config: { timeout: "export" },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      if (row.decision.status === "draft") throw new AppError("STATE_CONFLICT");
      const content = await decisionDocument(db(), row);
      const recipients = await decisionRecipientRows(db(), row.decision.id);
      const index = recipients.findIndex((r) => r.recipient.id === req.params.recipientId);
      const one = content.recipients[index];
      if (!one) throw new AppError("NOT_FOUND");
      const data = await certificatesPdf(content, [one]);
      const name = fileNameFor(content, "pdf", `${content.formName} ${index + 1} - ${one.name}`);
      return sendFile(reply, { data, contentType: "application/pdf", fileName: name }, "private, no-cache");
    },
  });
}
