import type { ModuleManifest } from "../../lib/manifest.ts";

export const documentsModule: ModuleManifest = { name: "documents" };
