import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, actorOf, ctxOf } from "../../lib/http.ts";
import { errorResponses } from "../../lib/openapi.ts";
import { envelope } from "../../lib/pagination.ts";
import { allowedActions, authorize, canRead } from "../../lib/policy.ts";
import { findUnit } from "../units/index.ts";
import type { UnitRow } from "../units/schema.ts";
import { channelsOf } from "./channels.ts";
import { markAllRead } from "./commands/mark-all-read.ts";
import { markRead } from "./commands/mark-read.ts";
import { saveReminderSettings } from "./commands/save-reminder-settings.ts";
import {
  notificationCountsResponse,
  notificationIdParams,
  notificationListQuery,
  notificationListResponse,
  notificationResponse,
  readAllResponse,
  reminderSettingsQuery,
  reminderSettingsResponse,
  runRemindersBody,
  runRemindersResponse,
  saveReminderSettingsBody,
  unitIdParams,
} from "./contracts.ts";
import { reminderPolicy } from "./policy.ts";
import { presentNotification } from "./presenter.ts";
import {
  listNotifications,
  nearestReminderSettings,
  notificationCounts,
  ownReminderSettings,
} from "./queries.ts";
import { defaultRatingsDue, sendReminders } from "./reminders.ts";

const tags = ["notifications"];
const thisYear = () => Number(vnToday().slice(0, 4));

/** The caller's in-app notifications (the bell), the reminders' settings and "remind now". */
export function notificationRoutes(app: App) {
  const db = () => app.deps.db;

  app.get(
    "/notifications",
    {
      schema: {
        tags,
        description: "The caller's notifications, newest first (`unread=true`: only the unread).",
        querystring: notificationListQuery,
        response: { 200: notificationListResponse, ...errorResponses },
      },
      config: { visibility: "self" },
    },
    async (req) => {
      const actor = actorOf(req);
      const [{ rows, total }, counts] = await Promise.all([
        listNotifications(db(), actor.userId, req.query),
        notificationCounts(db(), actor.userId),
      ]);
      return { ...envelope(req.query, rows.map(presentNotification), total), unread: counts.unread };
    },
  );

  app.get(
    "/notifications/counts",
    {
      schema: {
        tags,
        description: "How many of the caller's notifications are unread (the bell's badge).",
        response: { 200: notificationCountsResponse, ...errorResponses },
      },
      config: { visibility: "self" },
    },
    async (req) => notificationCounts(db(), actorOf(req).userId),
  );

  app.post(
    "/notifications/:id/read",
    {
      schema: {
        tags,
        params: notificationIdParams,
        response: { 200: notificationResponse, ...errorResponses },
      },
      config: { visibility: "self" },
    },
    async (req) => {
      const actor = actorOf(req);
      const row = await db().transaction((tx) =>
        markRead({ tx, ctx: ctxOf(req), userId: actor.userId, id: req.params.id }),
      );
      return { notification: presentNotification(row) };
    },
  );

  app.post(
    "/notifications/read-all",
    {
      schema: { tags, response: { 200: readAllResponse, ...errorResponses } },
      config: { visibility: "self" },
    },
    async (req) => {
      const actor = actorOf(req);
      const updated = await db().transaction((tx) =>
        markAllRead({ tx, ctx: ctxOf(req), userId: actor.userId }),
      );
      return { updated };
    },
  );

  app.post(
    "/reminders/run",
    {
      schema: {
        tags,
        description:
          "Sends the reminders of the caller's subtree now: members late with their commitment, secretaries whose cell has not proposed its ratings. Each account is reminded once per kind and year; a second run sends nothing new.",
        body: runRemindersBody,
        response: { 200: runRemindersResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      authorize(actor, reminderPolicy, "run", { unitPath: actor.unitPath });
      const { config } = app.deps;
      return sendReminders({
        db: db(),
        today: vnToday(),
        ...(req.body.year ? { year: req.body.year } : {}),
        scopePath: actor.unitPath,
        ctx: ctxOf(req),
        channels: channelsOf(config),
        publicUrl: config.PUBLIC_URL,
        events: app.deps.events,
      });
    },
  );

  const settingsOf = async (unit: UnitRow, year: number, actions: ("update" | "run")[]) => {
    const [own, nearest] = await Promise.all([
      ownReminderSettings(db(), unit.id, year),
      nearestReminderSettings(db(), unit.path, year),
    ]);
    const due = nearest?.settings.ratingsDue ?? null;
    return {
      unitId: unit.id,
      year,
      ratingsDue: due ?? defaultRatingsDue(year),
      source: !nearest
        ? ("default" as const)
        : nearest.settings.unitId === unit.id
          ? ("own" as const)
          : ("inherited" as const),
      sourceUnit: nearest ? { id: nearest.settings.unitId, name: nearest.unitName } : null,
      version: own?.version ?? null,
      ownRatingsDue: own?.ratingsDue ?? null,
      allowedActions: actions,
    };
  };
  const unitOf = async (req: { params: { id: string } }, actor: ReturnType<typeof actorOf>) => {
    const unit = await findUnit(db(), actor, req.params.id);
    if (!unit) throw new AppError("NOT_FOUND");
    return unit;
  };

  app.get(
    "/units/:id/reminder-settings",
    {
      schema: {
        tags,
        description:
          "The day by which the cells of a unit's subtree must propose their ratings for a year (the nearest unit's setting up the tree, else 15 December).",
        params: unitIdParams,
        querystring: reminderSettingsQuery,
        response: { 200: reminderSettingsResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await unitOf(req, actor);
      if (!canRead(actor, reminderPolicy, { unitPath: unit.path })) throw new AppError("FORBIDDEN");
      return settingsOf(
        unit,
        req.query.year ?? thisYear(),
        allowedActions(actor, reminderPolicy, { unitPath: unit.path }),
      );
    },
  );

  app.put(
    "/units/:id/reminder-settings",
    {
      schema: {
        tags,
        description:
          "An officer sets the ratings' due day for their unit's subtree and a year (null: follow the units above).",
        params: unitIdParams,
        body: saveReminderSettingsBody,
        response: { 200: reminderSettingsResponse, ...errorResponses },
      },
      config: { visibility: "own-subtree" },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await unitOf(req, actor);
      authorize(actor, reminderPolicy, "update", { unitPath: unit.path });
      await db().transaction((tx) => saveReminderSettings({ tx, ctx: ctxOf(req), unit, ...req.body }));
      return settingsOf(unit, req.body.year, allowedActions(actor, reminderPolicy, { unitPath: unit.path }));
    },
  );
}
