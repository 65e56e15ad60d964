import type { Actor } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, actorOf, ctxOf } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope } from "../../lib/pagination.ts";
import { allowedActions, authorize, canRead } from "../../lib/policy.ts";
import { actingUnit, findUnit } from "../units/index.ts";
import { createSchedule } from "./commands/create-schedule.ts";
import { nextPeriod } from "./commands/schedule-periods.ts";
import { updateSchedule } from "./commands/update-schedule.ts";
import {
  idParams,
  scheduleBody,
  scheduleListQuery,
  scheduleListResponse,
  scheduleResponse,
  updateScheduleBody,
} from "./contracts.ts";
import { mayRequest, schedulePolicy } from "./policy.ts";
import { presentSchedule } from "./presenter.ts";
import { findSchedule, listSchedules, type ScheduleRow } from "./queries.ts";

const tags = ["reports"];

/** Lịch báo cáo định kỳ: recurring requests (every quarter, half-year, year), created by the daily run. */
export function reportScheduleRoutes(app: App) {
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findSchedule(db(), actor.unitPath, id);
    if (!row) throw new AppError("NOT_FOUND");
    authorize(actor, schedulePolicy, "read", { unitPath: row.unitPath });
    return row;
  };
  const present = (actor: Actor, row: ScheduleRow) =>
    presentSchedule(row, {
      next: nextPeriod(row.schedule, vnToday()),
      actions: allowedActions(actor, schedulePolicy, { unitPath: row.unitPath }),
    });

  app.get(
    "/report-schedules",
    {
      schema: {
        tags,
        description:
          "The recurring requests of a unit's subtree (default: the caller's), with the next period each will request.",
        querystring: scheduleListQuery,
        response: { 200: scheduleListResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!canRead(actor, schedulePolicy, { unitPath: actor.unitPath })) throw new AppError("FORBIDDEN");
      let path = actor.unitPath;
      if (req.query.unitId && req.query.unitId !== actor.unitId) {
        const unit = await findUnit(db(), actor, req.query.unitId);
        if (!unit) return envelope(req.query, [], 0);
        path = unit.path;
      }
      const { rows, ...total } = await listSchedules(db(), path, req.query);
      return envelope(
        req.query,
        rows.map((r) => present(actor, r)),
        total,
      );
    },
  );

  app.post(
    "/report-schedules",
    {
      schema: {
        tags,
        description:
          "A unit (default: the caller's) requests a report every quarter, half-year or year: the daily run creates each period's request `leadDays` before its due date (`dueDays` after the period's end), once. Same template as a request. Officers, leaders, admins.",
        body: scheduleBody,
        response: { 201: scheduleResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await actingUnit(db(), actor, req.body.unitId ?? actor.unitId, mayRequest);
      const created = await db().transaction((tx) =>
        createSchedule({ tx, ctx: ctxOf(req), unit, body: req.body }),
      );
      return reply.status(201).send({ schedule: present(actor, await load(actor, created.id)) });
    },
  );

  app.get(
    "/report-schedules/:id",
    {
      schema: { tags, params: idParams, response: { 200: scheduleResponse, ...errorResponses } },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      return { schedule: present(actor, await load(actor, req.params.id)) };
    },
  );

  app.put(
    "/report-schedules/:id",
    {
      schema: {
        tags,
        description: "Edits a schedule with the `version` read (409 when stale); `active: false` stops it.",
        params: idParams,
        body: updateScheduleBody,
        response: { 200: scheduleResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      const row = await load(actor, req.params.id);
      authorize(actor, schedulePolicy, "update", { unitPath: row.unitPath });
      await db().transaction((tx) =>
        updateSchedule({ tx, ctx: ctxOf(req), current: row.schedule, body: req.body }),
      );
      return { schedule: present(actor, await load(actor, row.schedule.id)) };
    },
  );
}
