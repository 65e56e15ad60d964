import type { FastifyRequest } from "fastify";
import type { Actor } from "../../lib/auth/actor.ts";
import type { CommandContext } from "../../lib/command.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, actorOf, ctxOf } from "../../lib/http.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { sendFile } from "../files/index.ts";
import { reviewReport } from "./commands/review-report.ts";
import { submitReport } from "./commands/submit-report.ts";
import { updateReport } from "./commands/update-report.ts";
import { idParams, reportResponse, reviewBody, updateReportBody, versionsResponse } from "./contracts.ts";
import { reportPolicy } from "./policy.ts";
import { reportObject } from "./presenter.ts";
import { currentReport, findReport, type ReportFullRow, versionsOf } from "./queries.ts";
import { reportDocx } from "./render.ts";
import { reportXlsx } from "./sheet.ts";
import { reportView } from "./view.ts";

const tags = ["reports"];
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Báo cáo: a unit's report for a request — written, submitted (figures frozen), reviewed; Word and Excel. */
export function reportRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findReport(db(), actor, id);
    if (!row) throw new AppError("NOT_FOUND");
    authorize(actor, reportPolicy, "read", reportObject(row));
    return row;
  };
  const present = async (actor: Actor, id: string, lang: "vi" | "en") => {
    const row = await currentReport(db(), id);
    if (!row) throw new AppError("NOT_FOUND");
    return { report: await reportView(db(), actor, row, lang, vnToday()) };
  };
  /** A write the policy allows on the report, in one transaction; answers the report as it is then. */
  const act = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    action: "update" | "submit" | "review",
    write: (command: CommandContext & { current: ReportFullRow }) => Promise<unknown>,
    check: () => void = () => {},
  ) => {
    const actor = actorOf(req);
    const row = await load(actor, req.params.id);
    authorize(actor, reportPolicy, action, reportObject(row));
    check();
    await db().transaction((tx) => write({ tx, ctx: ctxOf(req), current: row }));
    return present(actor, row.report.id, req.lang);
  };

  route.get("/reports/:id", "own-subtree", {
    description:
      "A report: its sections, its figures — live while not submitted (computed now for its unit's subtree and the request's period with the same computation as the dashboard, plus the sums of the submitted hand-entered figures of the target units below it), frozen once submitted, with `differences` from today's —, its status and timeliness. The requester's own report also carries the consolidation (completeness, summed figures, one row per child unit).",
    params: idParams,
    response: reportResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      return { report: await reportView(db(), actor, row, req.lang, vnToday()) };
    },
  });

  route.put("/reports/:id", "own-subtree", {
    description:
      "The unit's officers write its report (not started, draft or returned) with the `version` read (409 when stale): section texts by key, the unit's own hand-entered figures by key (null clears one), the signer. A report not started becomes a draft.",
    params: idParams,
    body: updateReportBody,
    response: reportResponse,
    handler: async (_actor, req) =>
      act(req, "update", (command) => updateReport({ ...command, edit: req.body })),
  });

  route.post("/reports/:id/submit", "own-subtree", {
    description:
      "Submits the report: its figures are frozen (kept as a version); the first submission decides on time / late against the due date and takes the unit's report number (BC) when it has a document code. 409 when already submitted (or the request was cancelled, or the report folded into a successor's).",
    params: idParams,
    response: reportResponse,
    handler: async (_actor, req) => act(req, "submit", submitReport),
  });

  route.post("/reports/:id/review", "own-subtree", {
    description:
      "The requester (or a unit above it) accepts a submitted report or returns it with a comment (to correct and resubmit; its timeliness stays that of the first submission). Guarded by the state: of two reviewers one gets 409. The unit's officers are notified.",
    params: idParams,
    body: reviewBody,
    response: reportResponse,
    handler: async (_actor, req) =>
      act(
        req,
        "review",
        (command) =>
          reviewReport({
            ...command,
            decision: req.body.decision,
            comment: req.body.comment,
            events: app.deps.events,
          }),
        () => {
          if (req.body.decision === "return" && !req.body.comment.trim())
            throw new AppError("RULE_VIOLATION", {
              message: { vi: "Trả lại báo cáo cần ghi rõ lý do.", en: "Returning a report needs a comment." },
              details: [{ path: "body.comment", message: "required" }],
            });
        },
      ),
  });

  route.get("/reports/:id/versions", "own-subtree", {
    description:
      "Every version of the report (after each edit, submission, review or fold), the latest first.",
    params: idParams,
    response: versionsResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      const rows = await versionsOf(db(), row.report.id);
      return {
        items: rows.map(({ version: v, actorName }) => ({
          version: v.version,
          event: v.event,
          status: v.status,
          at: v.at.toISOString(),
          actor: v.actorId ? { id: v.actorId, name: actorName ?? "" } : null,
          comment: v.comment,
          sections: v.sections,
          manualValues: v.manualValues,
          snapshot: v.snapshot,
        })),
      };
    },
  });

  /** The report's downloads: the Word document in the official format, and its figures as .xlsx. */
  const downloads = [
    {
      ext: "docx",
      contentType: DOCX,
      make: reportDocx,
      description:
        "The report as a Word document in the official format (Hướng dẫn 36-HD/VPTW): the header with ĐẢNG CỘNG SẢN VIỆT NAM, the issuing body, its number (blanks before the first submission), place and date; BÁO CÁO and its summary; numbered sections with the figures table (and the per-unit table of a consolidated report); recipients and the signing block.",
    },
    {
      ext: "xlsx",
      contentType: XLSX,
      make: reportXlsx,
      description:
        "Every figure of the report as .xlsx: a sheet of its figures (computed, frozen or live, and hand-entered: own, subordinates, total), and a sheet of the target reports of its unit's subtree with their status, timeliness, frozen computed figures and hand-entered figures.",
    },
  ];
  for (const download of downloads)
    route.get(`/reports/:id.${download.ext}`, "own-subtree", {
      description: download.description,
      params: idParams,
      config: { timeout: "export" },
      handler: async (actor, req, reply) => {
        const row = await load(actor, req.params.id);
        const view = await reportView(db(), actor, row, "vi", vnToday());
        const { data, fileName } = await download.make(db(), row, view);
        return sendFile(reply, { data, contentType: download.contentType, fileName }, "private, no-cache");
      },
    });
}
