import { defineJob } from "../../lib/jobs.ts";
import type { BookletFormat } from "./contracts.ts";
import { exportBooklet } from "./export.ts";

export const BOOKLET_EXPORT_JOB = "booklet.export";

/** A booklet's .docx or PDF, made from the booklet as it is when the job runs, into the file store. */
export const bookletExportJob = defineJob<{ bookletId: string; format: BookletFormat }>({
  kind: BOOKLET_EXPORT_JOB,
  run: ({ deps, payload, ctx, job }) =>
    exportBooklet(deps, ctx, payload.bookletId, payload.format, job.progress),
});
