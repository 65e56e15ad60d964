import { defineJob } from "../../lib/jobs.ts";
import { generateCertificates } from "./documents.ts";

export const CERTIFICATES_JOB = "commendation.certificates";

/** The certificates PDF of an issued decision, one page per recipient, into the file store. */
export const certificatesJob = defineJob<{ decisionId: string }>({
  kind: CERTIFICATES_JOB,
  run: ({ deps, payload, ctx, job }) => generateCertificates(deps, ctx, payload.decisionId, job.progress),
});
