import { AppError } from "../../lib/errors.ts";
import { defineJob } from "../../lib/jobs.ts";
import { authorize } from "../../lib/policy.ts";
import { importUnits, prepareUnitImport } from "./commands/import-units.ts";
import { unitPolicy } from "./policy.ts";
import { findUnit } from "./queries.ts";

export const UNITS_IMPORT_JOB = "import.units";

/** An uploaded sheet of units, checked again and stored in one transaction, exactly once. */
export const unitsImportJob = defineJob<{ defaultParentId: string | null }>({
  kind: UNITS_IMPORT_JOB,
  async run({ deps: { db }, payload, ctx, job }) {
    const actor = ctx.actor;
    if (!actor) throw new AppError("UNAUTHENTICATED");
    // The parent as it is when the job runs (it may have closed since the request).
    const parent = payload.defaultParentId ? await findUnit(db, actor, payload.defaultParentId) : null;
    if (payload.defaultParentId && !parent) throw new AppError("NOT_FOUND");
    if (parent) authorize(actor, unitPolicy, "createChild", { unitPath: parent.path, status: parent.status });
    const prepared = await prepareUnitImport(db, actor, await job.upload(), parent, job.progress);
    return importUnits({ db, ctx, prepared, progress: job.progress, claim: job.claim });
  },
});
