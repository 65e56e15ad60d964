import type { ModuleManifest } from "../../lib/manifest.ts";
import { mayOpenAccounts } from "./policy.ts";
import { userRoutes } from "./routes.ts";

export const usersModule: ModuleManifest = {
  name: "users",
  routes: [userRoutes],
  capabilities: {
    browse: mayOpenAccounts,
  },
};
