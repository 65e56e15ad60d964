import type { Actor } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { allowedActions, authorize, canRead } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
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
  const route = routes(app, { tags });
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

  route.get("/report-schedules", "own-subtree", {
    description:
      "The recurring requests of a unit's subtree (default: the caller's), with the next period each will request.",
    querystring: scheduleListQuery,
    response: scheduleListResponse,
    handler: async (actor, req) => {
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
  });

  route.post("/report-schedules", "own-subtree", {
    description:
      "A unit (default: the caller's) requests a report every quarter, half-year or year: the daily run creates each period's request `leadDays` before its due date (`dueDays` after the period's end), once. Same template as a request. Officers, leaders, admins.",
    body: scheduleBody,
    response: { 201: scheduleResponse },
    handler: async (actor, req, reply) => {
      const unit = await actingUnit(db(), actor, req.body.unitId ?? actor.unitId, mayRequest);
      const created = await db().transaction((tx) =>
        createSchedule({ tx, ctx: ctxOf(req), unit, body: req.body }),
      );
      return reply.status(201).send({ schedule: present(actor, await load(actor, created.id)) });
    },
  });

  route.get("/report-schedules/:id", "own-subtree", {
    params: idParams,
    response: scheduleResponse,
    handler: async (actor, req) => {
      return { schedule: present(actor, await load(actor, req.params.id)) };
    },
  });

  route.put("/report-schedules/:id", "own-subtree", {
    description: "Edits a schedule with the `version` read (409 when stale); `active: false` stops it.",
    params: idParams,
    body: updateScheduleBody,
    response: scheduleResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, schedulePolicy, "update", { unitPath: row.unitPath });
      await db().transaction((tx) =>
        updateSchedule({ tx, ctx: ctxOf(req), current: row.schedule, body: req.body }),
      );
      return { schedule: present(actor, await load(actor, row.schedule.id)) };
    },
  });
}
