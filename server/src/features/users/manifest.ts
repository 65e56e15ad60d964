import type { ModuleManifest } from "../../lib/manifest.ts";
import { userRoutes } from "./routes.ts";

export const usersModule: ModuleManifest = {
  name: "users",
  routes: [userRoutes],
};
