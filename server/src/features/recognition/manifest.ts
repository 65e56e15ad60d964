import type { ModuleManifest } from "../../lib/manifest.ts";
import { fieldNames } from "./part-names.ts";
import { mayKeep, reviewers } from "./policy.ts";

export const recognitionModule: ModuleManifest = {
  name: "recognition",
  partNames: { field: fieldNames },
  capabilities: {
    /** Register and submit models and exemplars of one's unit. */
    keep: (actor) => mayKeep(actor, actor.unitPath),
    /** Review what lower units submit (the review queue). */
    review: (actor) => reviewers.has(actor.role),
  },
};
