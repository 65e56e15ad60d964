import { AppError } from "../../lib/errors.ts";
import { defineJob } from "../../lib/jobs.ts";
import { importPractices, preparePracticeImport } from "./import.ts";

export const PRACTICES_IMPORT_JOB = "import.practices";

/** Models recorded earlier on paper, from an uploaded sheet: one transaction, exactly once. */
export const practicesImportJob = defineJob<Record<string, never>>({
  kind: PRACTICES_IMPORT_JOB,
  async run({ deps: { db }, ctx, job }) {
    if (!ctx.actor) throw new AppError("UNAUTHENTICATED");
    const prepared = await preparePracticeImport(db, ctx.actor, await job.upload(), job.progress);
    return importPractices({ db, ctx, prepared, progress: job.progress, claim: job.claim });
  },
});
