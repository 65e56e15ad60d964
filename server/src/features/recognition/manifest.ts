import type { ModuleManifest } from "../../lib/manifest.ts";
import { fieldNames } from "./part-names.ts";

export const recognitionModule: ModuleManifest = {
  name: "recognition",
  partNames: { field: fieldNames },
};
