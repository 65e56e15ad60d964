import type { ModuleManifest } from "../../lib/manifest.ts";
import { notificationStreamRoute } from "./live.ts";
import { notificationRoutes } from "./routes.ts";

export const notificationsModule: ModuleManifest = {
  name: "notifications",
  routes: [notificationRoutes, notificationStreamRoute],
};
