import type { Actor } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize, canRead } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { channelsOf } from "../notifications/index.ts";
import { actingUnit, findUnit } from "../units/index.ts";
import { cancelReportRequest } from "./commands/cancel-report-request.ts";
import { createReportRequest } from "./commands/create-report-request.ts";
import { moveReportDueDate } from "./commands/move-report-due-date.ts";
import { remindLateUnits } from "./commands/remind-late-units.ts";
import {
  completenessQuery,
  completenessResponse,
  createRequestBody,
  editRequestBody,
  idParams,
  metricsResponse,
  remindBody,
  remindResponse,
  reportListQuery,
  reportListResponse,
  requestListQuery,
  requestListResponse,
  requestResponse,
} from "./contracts.ts";
import { countedReports, readCompleteness } from "./counts.ts";
import { registryMetrics } from "./live-figures.ts";
import { completenessPolicy, mayRequest, requestPolicy } from "./policy.ts";
import { isOverdue, presentCompleteness, presentRequestDetail, presentRequestItem } from "./presenter.ts";
import {
  consolidationOf,
  findRequest,
  findRequestView,
  listReports,
  listRequests,
  type RequestRow,
  reportOfUnit,
} from "./queries.ts";

const tags = ["reports"];
const outsideRequest = (path = "querystring.unitId") =>
  new AppError("RULE_VIOLATION", {
    message: {
      vi: "Đơn vị không thuộc phạm vi của yêu cầu báo cáo.",
      en: "The unit is not within the request's tree.",
    },
    details: [{ path, message: "outside_request" }],
  });

/** Yêu cầu báo cáo: requests issued down the tree, their completeness, the late units' reminder. */
export function reportRequestRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findRequest(db(), actor, id);
    if (!row) throw new AppError("NOT_FOUND");
    if (!canRead(actor, requestPolicy, { unitPath: row.unitPath, status: row.request.status }))
      throw new AppError("FORBIDDEN");
    return row;
  };
  const detail = async (actor: Actor, row: RequestRow, lang: "vi" | "en") => {
    const [own, consolidationId] = await Promise.all([
      reportOfUnit(db(), row.request.id, actor.unitId),
      consolidationOf(db(), row.request.id),
    ]);
    return presentRequestDetail(actor, row, {
      today: vnToday(),
      lang,
      own: own?.role === "target" ? own : null,
      // The consolidation is the requester's own report: seen from the requester and above.
      consolidationId: row.unitPath.startsWith(actor.unitPath) ? consolidationId : null,
    });
  };
  /**
   * The unit a completeness view (or a list, or a reminder) is seen from: the one asked for — seen
   * by the caller and within the request's tree — else the caller's unit when it lies in that tree,
   * else the requester.
   */
  const viewpoint = async (
    actor: Actor,
    row: RequestRow,
    unitId: string | undefined,
    from = "querystring",
  ) => {
    if (unitId) {
      const unit = await findUnit(db(), actor, unitId);
      if (!unit) throw new AppError("NOT_FOUND");
      if (!unit.path.startsWith(row.unitPath)) throw outsideRequest(`${from}.unitId`);
      return { id: unit.id, name: unit.name, path: unit.path, depth: unit.depth };
    }
    if (actor.unitPath.startsWith(row.unitPath))
      return {
        id: actor.unitId,
        name: actor.unitName,
        path: actor.unitPath,
        depth: actor.unitPath.split("/").filter(Boolean).length - 1,
      };
    return { id: row.request.unitId, name: row.unitName, path: row.unitPath, depth: row.unitDepth };
  };

  route.get("/report-metrics", "shared", {
    description:
      "The metrics of the system's registry a request may choose (each module registers its own): computed for each target unit's subtree and the request's period.",
    response: metricsResponse,
    handler: async (_actor, req) => ({ items: registryMetrics(req.lang) }),
  });

  route.get("/report-requests", "published-down", {
    description:
      "The requests seen from a unit (default: the caller's): issued in its subtree or by the units above it (`scope=all`), only its subtree's (`issued`), or those with a report for the unit itself (`received`, each with `myReport`). The most recent period first.",
    querystring: requestListQuery,
    response: requestListResponse,
    handler: async (actor, req) => {
      if (!canRead(actor, requestPolicy, { unitPath: actor.unitPath, status: "open" }))
        throw new AppError("FORBIDDEN");
      let unit = { id: actor.unitId, path: actor.unitPath };
      if (req.query.unitId && req.query.unitId !== actor.unitId) {
        const found = await findUnit(db(), actor, req.query.unitId);
        if (!found) return envelope(req.query, [], 0);
        unit = found;
      }
      const { rows, ...total } = await listRequests(db(), actor, unit, req.query);
      const today = vnToday();
      return envelope(
        req.query,
        rows.map((r) => presentRequestItem(actor, r, { today, own: r.own })),
        total,
      );
    },
  });

  route.post("/report-requests", "own-subtree", {
    description:
      "A unit (default: the caller's) asks the units below it for a report: title, kind, period, due date, targets (`{levels:[1]}` = the units directly below, `[2]` the level under them…, or `{unitIds:[…]}` hand-picked in its subtree), narrative sections (default: results; limitations and causes; lessons; directions and tasks; proposals), registry metrics (GET /api/report-metrics) and hand-entered figures. One report per open target unit is created at once (not started), with the requester's own consolidated report. Officers, leaders and admins.",
    body: createRequestBody,
    response: { 201: requestResponse },
    handler: async (actor, req, reply) => {
      const unit = await actingUnit(db(), actor, req.body.unitId ?? actor.unitId, mayRequest);
      const created = await db().transaction((tx) =>
        createReportRequest({ tx, ctx: ctxOf(req), requester: unit, body: req.body }),
      );
      if (!created) throw new AppError("STATE_CONFLICT");
      return reply
        .status(201)
        .send({ request: await detail(actor, await load(actor, created.id), req.lang) });
    },
  });

  route.get("/report-requests/:id", "published-down", {
    description:
      "A request: its template (sections, metrics, hand-entered figures), its targets, the caller's unit's report and the requester's consolidated report.",
    params: idParams,
    response: requestResponse,
    handler: async (actor, req) => {
      return { request: await detail(actor, await load(actor, req.params.id), req.lang) };
    },
  });

  route.patch("/report-requests/:id", "published-down", {
    description:
      "The requester (or a unit above it) moves an open request's due date, with the version read (409 when stale or cancelled). Reports already submitted keep their timeliness; the others are judged by the new date.",
    params: idParams,
    body: editRequestBody,
    response: requestResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, requestPolicy, "edit", { unitPath: row.unitPath, status: row.request.status });
      await db().transaction((tx) =>
        moveReportDueDate({ tx, ctx: ctxOf(req), request: row.request, ...req.body }),
      );
      return { request: await detail(actor, await load(actor, row.request.id), req.lang) };
    },
  });

  route.post("/report-requests/:id/cancel", "published-down", {
    description:
      "The requester (or a unit above it) cancels an open request: its reports stay readable, nothing more is written to them. 409 when already cancelled.",
    params: idParams,
    response: requestResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, requestPolicy, "cancel", { unitPath: row.unitPath, status: row.request.status });
      await db().transaction((tx) => cancelReportRequest({ tx, ctx: ctxOf(req), request: row.request }));
      return { request: await detail(actor, await load(actor, row.request.id), req.lang) };
    },
  });

  route.get("/report-requests/:id/completeness", "published-down", {
    description:
      "Completeness seen from a unit (`unitId`: the requester, default, or any unit between it and the targets, within the caller's subtree): the counted target reports by status (summing to `total`), on time / late (decided at the first submission against the due date), overdue (never submitted after the due date, Asia/Ho_Chi_Minh), by level and by child unit. Targets merged or dissolved during the period fold into their successors, so no rate exceeds 100%. Read from counters kept at the upper levels (a national request is a few rows), counted directly below them.",
    params: idParams,
    querystring: completenessQuery,
    response: completenessResponse,
    handler: async (actor, req) => {
      // The hot read: the request and the unit seen from in one prepared statement, then the counters.
      const found = await findRequestView(db(), actor, req.params.id, req.query.unitId ?? null);
      if (!found) throw new AppError("NOT_FOUND");
      if (!canRead(actor, requestPolicy, { unitPath: found.requester.path, status: found.request.status }))
        throw new AppError("FORBIDDEN");
      const unit = found.unit;
      if (!unit) throw new AppError("NOT_FOUND");
      if (!unit.path.startsWith(found.requester.path)) throw outsideRequest();
      if (!canRead(actor, completenessPolicy, { unitPath: unit.path })) throw new AppError("FORBIDDEN");
      const rows = await readCompleteness(db(), {
        requestId: found.request.id,
        requesterPath: found.requester.path,
        unit,
      });
      // The unit's own report, read only when the unit is itself a target.
      const own = Object.values(rows.own).some((n) => n !== 0)
        ? await reportOfUnit(db(), found.request.id, unit.id)
        : null;
      return presentCompleteness({
        requestId: found.request.id,
        unit: { id: unit.id, name: unit.name, depth: unit.depth },
        requesterDepth: found.requester.depth,
        dueOn: found.request.dueOn,
        today: vnToday(),
        rows,
        own,
      });
    },
  });

  route.get("/report-requests/:id/reports", "published-down", {
    description:
      "The counted target reports of a request in a unit's subtree (`unitId`, as for completeness), filtered by status or timeliness (`overdue`: never submitted, past due; `pending`: never submitted), upper levels first, each with its own hand-entered figures and what its submission froze.",
    params: idParams,
    querystring: reportListQuery,
    response: reportListResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      const unit = await viewpoint(actor, row, req.query.unitId);
      if (!canRead(actor, completenessPolicy, { unitPath: unit.path })) throw new AppError("FORBIDDEN");
      const today = vnToday();
      const countedTotal = () =>
        countedReports(db(), { requestId: row.request.id, requesterPath: row.unitPath, unit });
      const { rows, ...total } = await listReports(
        db(),
        { requestId: row.request.id, dueOn: row.request.dueOn, today, unitPath: unit.path, countedTotal },
        req.query,
      );
      return envelope(
        req.query,
        rows.map((r) => ({
          id: r.report.id,
          requestId: r.report.requestId,
          unit: { id: r.report.unitId, name: r.unitName, code: r.unitCode },
          parentName: r.parentName,
          status: r.report.status,
          timeliness: r.report.timeliness,
          overdue: isOverdue(r.report, row.request.dueOn, today),
          submittedAt: r.report.submittedAt?.toISOString() ?? null,
          firstSubmittedAt: r.report.firstSubmittedAt?.toISOString() ?? null,
          manualValues: r.report.manualValues,
          frozen: r.report.snapshot?.computed ?? null,
        })),
        total,
      );
    },
  });

  route.post("/report-requests/:id/remind", "published-down", {
    description:
      "Reminds every late target of the request in a unit's subtree (`unitId`, as for completeness): not submitted, or returned and not resubmitted, after the due date. Their officers are notified in-app, and by e-mail when SMTP is configured; one reminder a unit a day (a second click sends nothing new). Officers, leaders and admins of the requester or a unit between it and the targets.",
    params: idParams,
    body: remindBody,
    response: remindResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      const unit = await viewpoint(actor, row, req.body.unitId, "body");
      authorize(actor, completenessPolicy, "remind", { unitPath: unit.path });
      if (row.request.status !== "open") throw new AppError("STATE_CONFLICT");
      const { config } = app.deps;
      return remindLateUnits({
        db: db(),
        ctx: ctxOf(req),
        request: row.request,
        scopePath: unit.path,
        today: vnToday(),
        channels: channelsOf(config),
        publicUrl: config.PUBLIC_URL,
        events: app.deps.events,
      });
    },
  });
}
