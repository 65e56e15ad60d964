import { AppError } from "../../lib/errors.ts";
import { defineJob } from "../../lib/jobs.ts";
import { findUnit } from "../units/index.ts";
import { importPeople, prepareImport } from "./commands/import-people.ts";
import { exportPeopleToFile, PEOPLE_EXPORT_JOB, type PeopleExportInput } from "./export-job.ts";

export const PEOPLE_IMPORT_JOB = "import.people";

/** An uploaded people sheet, checked again and stored in one transaction, exactly once. */
export const peopleImportJob = defineJob<{ defaultUnitId: string | null }>({
  kind: PEOPLE_IMPORT_JOB,
  async run({ deps: { db }, payload, ctx, job }) {
    const actor = ctx.actor;
    if (!actor) throw new AppError("UNAUTHENTICATED");
    // The unit as it is when the job runs, in the actor's scope as it was at the request.
    const defaultUnit = payload.defaultUnitId ? await findUnit(db, actor, payload.defaultUnitId) : null;
    if (payload.defaultUnitId && !defaultUnit) throw new AppError("NOT_FOUND");
    const prepared = await prepareImport(db, actor, await job.upload(), defaultUnit, job.progress);
    return importPeople({ db, ctx, prepared, progress: job.progress, claim: job.claim });
  },
});

/** The people list as .xlsx at any size, in the file store. */
export const peopleExportJob = defineJob<Omit<PeopleExportInput, "jobId" | "actor">>({
  kind: PEOPLE_EXPORT_JOB,
  async run({ deps, payload, ctx, job }) {
    if (!ctx.actor) throw new AppError("UNAUTHENTICATED");
    return exportPeopleToFile(deps, ctx, { ...payload, jobId: job.id, actor: ctx.actor }, job);
  },
});
