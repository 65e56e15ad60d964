import { z } from "zod";
import type { Actor } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, actorOf, ctxOf } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
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

  app.get(
    "/study-sessions",
    {
      schema: {
        tags,
        description:
          "Study sessions of the caller's subtree (or of a unit's subtree within it), latest first.",
        querystring: sessionListQuery,
        response: { 200: sessionListResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
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
  );

  app.get(
    "/study-sessions/roster",
    {
      schema: {
        tags,
        description:
          "The active people of a unit's subtree (default the caller's unit), given name order, to tick who is present: a cell on one screen (at most 1,000).",
        querystring: rosterQuery,
        response: { 200: rosterResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
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
  );

  app.get(
    "/study-sessions/:id",
    {
      schema: { tags, params: sessionIdParams, response: { 200: sessionResponse, ...errorResponses } },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      return { session: await detail(actor, await load(actor, req.params.id)) };
    },
  );

  app.post(
    "/study-sessions",
    {
      schema: {
        tags,
        description:
          "Records a study session of a unit on a topic issued to it, with the active people of its subtree who were present; the study coverage figures follow.",
        body: createSessionBody,
        response: { 201: sessionResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await actingUnit(db(), actor, req.body.unitId, mayRecordSessions);
      const created = await db().transaction((tx) =>
        createStudySession({ tx, ctx: ctxOf(req), ...req.body, unit }),
      );
      return reply.status(201).send({ session: await detail(actor, await load(actor, created.id)) });
    },
  );

  app.patch(
    "/study-sessions/:id",
    {
      schema: {
        tags,
        description:
          "Corrects a session: topic, day, notes, or the whole list of people present (409 on a stale version).",
        params: sessionIdParams,
        body: updateSessionBody,
        response: { 200: sessionResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
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
  );

  app.delete(
    "/study-sessions/:id",
    {
      schema: {
        tags,
        description:
          "Removes a session recorded by mistake (the body carries the `version` read; 409 when stale).",
        params: sessionIdParams,
        body: deleteSessionBody,
        response: { 204: z.null(), ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req, reply) => {
      const actor = actorOf(req);
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
  );
}
