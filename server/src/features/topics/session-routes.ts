import { z } from "zod";
import type { Actor } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { actingUnit, findUnit } from "../units/index.ts";
import { createStudySession } from "./commands/create-study-session.ts";
import { deleteStudySession } from "./commands/delete-study-session.ts";
import { updateStudySession } from "./commands/update-study-session.ts";
import {
  createSessionBody,
  deleteSessionBody,
  rosterQuery,
  rosterResponse,
  sessionIdParams,
  sessionListQuery,
  sessionListResponse,
  sessionResponse,
  updateSessionBody,
} from "./contracts.ts";
import { mayRecordSessions, studySessionPolicy } from "./policy.ts";
import { presentSession } from "./presenter.ts";
import {
  attendedBy,
  attendeesOf,
  findSession,
  listSessions,
  ROSTER_LIMIT,
  roster,
  type SessionListRow,
} from "./queries.ts";

const tags = ["topics"];

/** Buổi học tập chuyên đề: the sessions a unit holds on a topic and who was present. */
export function studySessionRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findSession(db(), actor, id);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };
  const detail = async (actor: Actor, row: SessionListRow) => {
    const attendees = await attendeesOf(db(), row.session.id);
    const attended = !!actor.personId && attendees.some((a) => a.id === actor.personId);
    return {
      ...presentSession(actor, row, attended),
      // A member sees whether they were there; the unit's keepers and leaders see everyone.
      attendees: actor.role === "member" ? attendees.filter((a) => a.id === actor.personId) : attendees,
    };
  };
  const sessionObject = (row: SessionListRow) => ({ unitPath: row.unitPath });

  route.get("/study-sessions", "own-subtree", {
    description: "Study sessions of the caller's subtree (or of a unit's subtree within it), latest first.",
    querystring: sessionListQuery,
    response: sessionListResponse,
    handler: async (actor, req) => {
      const { rows, ...total } = await listSessions(db(), actor, req.query);
      const mine = await attendedBy(
        db(),
        actor.personId,
        rows.map((r) => r.session.id),
      );
      return envelope(
        req.query,
        rows.map((r) => presentSession(actor, r, mine.has(r.session.id))),
        total,
      );
    },
  });

  route.get("/study-sessions/roster", "own-subtree", {
    description:
      "The active people of a unit's subtree (default the caller's unit), given name order, to tick who is present: a cell on one screen (at most 1,000).",
    querystring: rosterQuery,
    response: rosterResponse,
    handler: async (actor, req) => {
      const unit = await findUnit(db(), actor, req.query.unitId ?? actor.unitId);
      if (!unit) throw new AppError("NOT_FOUND");
      if (!mayRecordSessions(actor, unit.path)) throw new AppError("FORBIDDEN");
      const rows = await roster(db(), unit.path);
      return {
        unit: { id: unit.id, name: unit.name },
        items: rows.slice(0, ROSTER_LIMIT).map((p) => ({ ...p, position: p.position ?? "" })),
        truncated: rows.length > ROSTER_LIMIT,
      };
    },
  });

  route.get("/study-sessions/:id", "own-subtree", {
    params: sessionIdParams,
    response: sessionResponse,
    handler: async (actor, req) => {
      return { session: await detail(actor, await load(actor, req.params.id)) };
    },
  });

  route.post("/study-sessions", "own-subtree", {
    description:
      "Records a study session of a unit on a topic issued to it, with the active people of its subtree who were present; the study coverage figures follow.",
    body: createSessionBody,
    response: { 201: sessionResponse },
    handler: async (actor, req, reply) => {
      const unit = await actingUnit(db(), actor, req.body.unitId, mayRecordSessions);
      const created = await db().transaction((tx) =>
        createStudySession({ tx, ctx: ctxOf(req), ...req.body, unit }),
      );
      return reply.status(201).send({ session: await detail(actor, await load(actor, created.id)) });
    },
  });

  route.patch("/study-sessions/:id", "own-subtree", {
    description:
      "Corrects a session: topic, day, notes, or the whole list of people present (409 on a stale version).",
    params: sessionIdParams,
    body: updateSessionBody,
    response: sessionResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, studySessionPolicy, "update", sessionObject(row));
      await db().transaction((tx) =>
        updateStudySession({
          tx,
          ctx: ctxOf(req),
          current: { ...row.session, unitPath: row.unitPath, topicYear: row.topicYear },
          changes: req.body,
        }),
      );
      return { session: await detail(actor, await load(actor, row.session.id)) };
    },
  });

  route.delete("/study-sessions/:id", "own-subtree", {
    description:
      "Removes a session recorded by mistake (the body carries the `version` read; 409 when stale).",
    params: sessionIdParams,
    body: deleteSessionBody,
    response: { 204: z.null() },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      authorize(actor, studySessionPolicy, "update", sessionObject(row));
      await db().transaction((tx) =>
        deleteStudySession({
          tx,
          ctx: ctxOf(req),
          current: { ...row.session, topicYear: row.topicYear },
          version: req.body.version,
        }),
      );
      return reply.status(204).send(null);
    },
  });
}
