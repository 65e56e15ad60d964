import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, type actorOf, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { allowedActions, authorize, canRead } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
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
  const route = routes(app, { tags });
  const db = () => app.deps.db;

  route.get("/notifications", "self", {
    description: "The caller's notifications, newest first (`unread=true`: only the unread).",
    querystring: notificationListQuery,
    response: notificationListResponse,
    handler: async (actor, req) => {
      const [{ rows, total }, counts] = await Promise.all([
        listNotifications(db(), actor.userId, req.query),
        notificationCounts(db(), actor.userId),
      ]);
      return { ...envelope(req.query, rows.map(presentNotification), total), unread: counts.unread };
    },
  });

  route.get("/notifications/counts", "self", {
    description: "How many of the caller's notifications are unread (the bell's badge).",
    response: notificationCountsResponse,
    handler: async (actor) => notificationCounts(db(), actor.userId),
  });

  route.post("/notifications/:id/read", "self", {
    params: notificationIdParams,
    response: notificationResponse,
    handler: async (actor, req) => {
      const row = await db().transaction((tx) =>
        markRead({ tx, ctx: ctxOf(req), userId: actor.userId, id: req.params.id }),
      );
      return { notification: presentNotification(row) };
    },
  });

  route.post("/notifications/read-all", "self", {
    response: readAllResponse,
    handler: async (actor, req) => {
      const updated = await db().transaction((tx) =>
        markAllRead({ tx, ctx: ctxOf(req), userId: actor.userId }),
      );
      return { updated };
    },
  });

  route.post("/reminders/run", "own-subtree", {
    description:
      "Sends the reminders of the caller's subtree now: members late with their commitment, secretaries whose cell has not proposed its ratings. Each account is reminded once per kind and year; a second run sends nothing new.",
    body: runRemindersBody,
    response: runRemindersResponse,
    handler: async (actor, req) => {
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
  });

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

  route.get("/units/:id/reminder-settings", "own-subtree", {
    description:
      "The day by which the cells of a unit's subtree must propose their ratings for a year (the nearest unit's setting up the tree, else 15 December).",
    params: unitIdParams,
    querystring: reminderSettingsQuery,
    response: reminderSettingsResponse,
    handler: async (actor, req) => {
      const unit = await unitOf(req, actor);
      if (!canRead(actor, reminderPolicy, { unitPath: unit.path })) throw new AppError("FORBIDDEN");
      return settingsOf(
        unit,
        req.query.year ?? thisYear(),
        allowedActions(actor, reminderPolicy, { unitPath: unit.path }),
      );
    },
  });

  route.put("/units/:id/reminder-settings", "own-subtree", {
    description:
      "An officer sets the ratings' due day for their unit's subtree and a year (null: follow the units above).",
    params: unitIdParams,
    body: saveReminderSettingsBody,
    response: reminderSettingsResponse,
    handler: async (actor, req) => {
      const unit = await unitOf(req, actor);
      authorize(actor, reminderPolicy, "update", { unitPath: unit.path });
      await db().transaction((tx) => saveReminderSettings({ tx, ctx: ctxOf(req), unit, ...req.body }));
      return settingsOf(unit, req.body.year, allowedActions(actor, reminderPolicy, { unitPath: unit.path }));
    },
  });
}
