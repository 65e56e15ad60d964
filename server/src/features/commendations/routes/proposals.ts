import type { Actor } from "../../../lib/auth/actor.ts";
import { AppError, type Lang } from "../../../lib/errors.ts";
import { type App, ctxOf, readDb, sendSpreadsheet } from "../../../lib/http.ts";
import { envelope, pageQuery } from "../../../lib/pagination.ts";
import { authorize } from "../../../lib/policy.ts";
import { routes } from "../../../lib/routes.ts";
import { writeTable } from "../../../lib/spreadsheet.ts";
import { actingUnit } from "../../units/index.ts";
import { createProposal } from "../commands/create-proposal.ts";
import { formForProposal } from "../commands/proposal-guards.ts";
import { reviewProposal } from "../commands/review-proposal.ts";
import { submitProposal } from "../commands/submit-proposal.ts";
import { updateProposal } from "../commands/update-proposal.ts";
import {
  createProposalBody,
  idParams,
  proposalListQuery,
  proposalListResponse,
  proposalResponse,
  reviewBody,
  submitBody,
  updateProposalBody,
} from "../contracts.ts";
import { periodLabel } from "../defaults.ts";
import { effectiveForm, effectiveForms, entitled, expectedIssuer } from "../forms.ts";
import { authorizeReview, canReadProposal, mayPropose, mayReview, proposalPolicy } from "../policy.ts";
import { presentProposalItem, presentProposalRecipient, presentSteps, proposalObject } from "../presenter.ts";
import {
  findProposal,
  linkTitles,
  listProposals,
  type ProposalListRow,
  proposalQueue,
  proposalRecipientRows,
  stepsOf,
} from "../queries.ts";
import { unitFacts } from "../steps.ts";
import { proposalWarnings } from "../warnings.ts";
import { exportRows, statusLabels } from "./exports.ts";

const tags = ["commendations"];

/** Đề nghị khen thưởng: proposals up the chain and their review. */
export function commendationProposalRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findProposal(db(), actor, id);
    if (!row || !canReadProposal(actor, proposalObject(row))) throw new AppError("NOT_FOUND");
    return row;
  };

  /** Where the proposal goes or waits, and whether that unit may issue its form. */
  const issuerOf = async (row: ProposalListRow) => {
    const p = row.proposal;
    const at = p.status === "submitted" ? p.reviewUnitId : p.status === "approved" ? p.approvedUnitId : null;
    if (at) {
      const unit = await unitFacts(db(), at);
      const form = await effectiveForm(db(), unit.path, row.form.code);
      return {
        id: unit.id,
        name: unit.name,
        path: unit.path,
        kindCode: unit.kindCode,
        parentId: unit.parentId,
        entitled: !!form && entitled(form, unit.kindCode),
      };
    }
    const expected = await expectedIssuer(db(), row.unitPath, row.form.code);
    return expected
      ? {
          id: expected.unit.id,
          name: expected.unit.name,
          path: expected.unit.path,
          kindCode: expected.unit.kindCode,
          parentId: null,
          entitled: true,
        }
      : null;
  };

  const detail = async (actor: Actor, row: ProposalListRow, lang: Lang) => {
    const p = row.proposal;
    const [recipients, steps, issuer] = await Promise.all([
      proposalRecipientRows(db(), p.id),
      stepsOf(db(), "proposal", p.id),
      issuerOf(row),
    ]);
    const titles = await linkTitles(
      db(),
      recipients.flatMap((r) => r.recipient.links),
    );
    const kept = recipients.filter((r) => r.recipient.status === "proposed");
    const warnings = await proposalWarnings(
      db(),
      lang,
      {
        id: p.id,
        formCode: row.form.code,
        formName: lang === "en" ? row.form.nameEn : row.form.name,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        unitPath: row.unitPath,
        unitName: row.unitName,
      },
      kept.map(({ recipient: r, unitPath }) => ({ ...r, unitPath })),
      issuer,
    );
    const waitingForMe = p.status === "submitted" && p.reviewUnitId === actor.unitId && mayReview(actor);
    const kinds = new Set(kept.map((r) => r.recipient.kind));
    const higherForms =
      waitingForMe && issuer
        ? (await effectiveForms(db(), issuer.path))
            .filter(
              (r) =>
                r.form.rank > row.form.rank && [...kinds].every((k) => r.form.recipientKinds.includes(k)),
            )
            .map((r) => ({
              id: r.form.id,
              code: r.form.code,
              name: lang === "en" ? r.form.nameEn : r.form.name,
              rank: r.form.rank,
            }))
        : [];
    const reviewActions: ("forward" | "return" | "trim" | "approve" | "raise")[] = [];
    if (waitingForMe && issuer) {
      reviewActions.push(issuer.entitled ? "approve" : "forward", "trim", "return");
      if (higherForms.length && issuer.parentId) reviewActions.push("raise");
    }
    return {
      ...presentProposalItem(actor, row, lang),
      reason: p.reason,
      recipients: recipients.map((r) => presentProposalRecipient(r, titles)),
      steps: presentSteps(steps),
      warnings,
      issuer: issuer ? { id: issuer.id, name: issuer.name, entitled: issuer.entitled } : null,
      reviewActions,
      higherForms,
    };
  };
  const respond = async (actor: Actor, id: string, lang: Lang) => ({
    proposal: await detail(actor, await load(actor, id), lang),
  });
  /** A page of proposals as the list answers it. */
  const pageOf = (
    actor: Actor,
    req: { query: { page: number; pageSize: number }; lang: Lang },
    { rows, ...total }: Awaited<ReturnType<typeof listProposals>>,
  ) =>
    envelope(
      req.query,
      rows.map((r) => presentProposalItem(actor, r, req.lang)),
      total,
    );

  route.get("/commendations/proposals", "own-subtree", {
    description:
      "Proposals the caller reads (its subtree's, and those waiting at or approved by its subtree's units), most recently changed first.",
    querystring: proposalListQuery,
    response: proposalListResponse,
    handler: async (actor, req) => {
      return pageOf(actor, req, await listProposals(db(), actor, req.query));
    },
  });

  route.get("/commendations/proposals/queue", "own-subtree", {
    description: "Proposals waiting for the caller's unit to review, oldest first.",
    querystring: pageQuery,
    response: proposalListResponse,
    handler: async (actor, req) => {
      return pageOf(actor, req, await proposalQueue(db(), actor, req.query));
    },
  });

  route.get("/commendations/proposals/export", "own-subtree", {
    description: "The proposals list (same filters) as .xlsx.",
    querystring: proposalListQuery.omit({ page: true, pageSize: true }),
    config: { timeout: "export" },
    handler: async (actor, req, reply) => {
      const rows = await exportRows((page, pageSize) =>
        listProposals(readDb(req), actor, { ...req.query, page, pageSize }),
      );
      const file = await writeTable(
        [
          { key: "title", header: "Trích yếu", kind: "text", width: 50 },
          { key: "unit", header: "Đơn vị đề nghị", kind: "text", width: 36 },
          { key: "form", header: "Hình thức", kind: "text", width: 16 },
          { key: "period", header: "Thời kỳ", kind: "text", width: 12 },
          { key: "collectives", header: "Tập thể", kind: "integer", width: 9 },
          { key: "individuals", header: "Cá nhân", kind: "integer", width: 9 },
          { key: "trimmed", header: "Không đề nghị", kind: "integer", width: 10 },
          { key: "status", header: "Trạng thái", kind: "enum", labels: statusLabels.proposal, width: 14 },
          { key: "waitingAt", header: "Đang chờ tại", kind: "text", width: 30 },
          { key: "decision", header: "Quyết định", kind: "text", width: 16 },
          { key: "updatedAt", header: "Cập nhật", kind: "text", width: 18 },
        ],
        rows.map((r) => {
          const item = presentProposalItem(actor, r, "vi");
          return {
            title: item.title,
            unit: item.unit.name,
            form: item.form.name,
            period: periodLabel(item.periodStart, item.periodEnd),
            collectives: item.collectiveCount,
            individuals: item.individualCount,
            trimmed: item.trimmedCount,
            status: item.status,
            waitingAt: item.waitingAt?.name ?? null,
            decision: item.decision?.symbol ?? null,
            updatedAt: r.proposal.updatedAt,
          };
        }),
        { title: "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", sheetName: "Đề nghị" },
      );
      return sendSpreadsheet(reply, "Danh sách đề nghị khen thưởng.xlsx", file);
    },
  });

  route.post("/commendations/proposals", "own-subtree", {
    description:
      "A unit (the caller's, or one of its subtree) proposes collectives and individuals of its subtree for a form of its catalogue and a period, as a draft. Each recipient may carry an achievement and links to recognised models and exemplars or to submitted commitments. 422 naming each invalid recipient.",
    body: createProposalBody,
    response: { 201: proposalResponse },
    handler: async (actor, req, reply) => {
      const unit = await actingUnit(db(), actor, req.body.unitId ?? actor.unitId, mayPropose);
      const created = await db().transaction(async (tx) =>
        createProposal({
          tx,
          ctx: ctxOf(req),
          ...req.body,
          unit,
          form: await formForProposal(tx, unit.path, req.body.formId),
        }),
      );
      return reply.status(201).send(await respond(actor, created.id, req.lang));
    },
  });

  route.get("/commendations/proposals/:id", "own-subtree", {
    description:
      "A proposal with its recipients (trimmed ones kept, with their reasons), its steps, the unit it goes to or waits at, what the caller's unit may do now, and warnings that do not block: a recipient proposed twice for the same form and period (here, in another proposal or a decision), a proposing unit or recipient outside the issuing unit's subtree.",
    params: idParams,
    response: proposalResponse,
    handler: async (actor, req) => respond(actor, req.params.id, req.lang),
  });

  route.put("/commendations/proposals/:id", "own-subtree", {
    description:
      "Edits a draft or returned proposal (the recipients as the whole list, in order), with the `version` read; 409 when stale or no longer editable.",
    params: idParams,
    body: updateProposalBody,
    response: proposalResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      if (row.proposal.status !== "draft" && row.proposal.status !== "returned")
        throw new AppError("STATE_CONFLICT");
      authorize(actor, proposalPolicy, "update", proposalObject(row));
      await db().transaction(async (tx) =>
        updateProposal({
          tx,
          ctx: ctxOf(req),
          current: { ...row.proposal, unitPath: row.unitPath },
          ...req.body,
          form: req.body.formId ? await formForProposal(tx, row.unitPath, req.body.formId) : undefined,
        }),
      );
      return respond(actor, row.proposal.id, req.lang);
    },
  });

  route.post("/commendations/proposals/:id/submit", "own-subtree", {
    description:
      "Sends a draft or returned proposal up the chain: to the parent unit, or to `toUnitId`, a unit above it. 409 when it was already sent.",
    params: idParams,
    body: submitBody,
    response: proposalResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      if (row.proposal.status !== "draft" && row.proposal.status !== "returned")
        throw new AppError("STATE_CONFLICT");
      authorize(actor, proposalPolicy, "submit", proposalObject(row));
      await db().transaction((tx) =>
        submitProposal({
          tx,
          ctx: ctxOf(req),
          current: { ...row.proposal, unitPath: row.unitPath },
          toUnitId: req.body.toUnitId,
          comment: req.body.comment ?? null,
        }),
      );
      return respond(actor, row.proposal.id, req.lang);
    },
  });

  route.post("/commendations/proposals/:id/review", "own-subtree", {
    description:
      "A step of the unit the proposal waits at: `forward` (a unit not entitled to the form), `return` with a comment, `trim` recipients (each with a reason; they stay listed), `raise` to a higher form (forwarded further up), or `approve` (a unit entitled to the form), which drafts the decision. 409 when it no longer waits at the caller's unit; 422 for a step the unit may not take (approving a form it may not issue).",
    params: idParams,
    body: reviewBody,
    response: proposalResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorizeReview(actor, proposalObject(row));
      await db().transaction((tx) =>
        reviewProposal({
          tx,
          ctx: ctxOf(req),
          current: row.proposal,
          reviewUnitId: actor.unitId,
          body: req.body,
        }),
      );
      return respond(actor, row.proposal.id, req.lang);
    },
  });
}
