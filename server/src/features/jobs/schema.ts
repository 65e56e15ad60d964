import { index, jsonb, pgTable, real, text, uuid } from "drizzle-orm/pg-core";
import { at, id, stamped } from "../../db/columns.ts";

export const jobStatuses = ["queued", "running", "succeeded", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** Long work (imports, booklets, exports) run in the background; the client polls its progress. */
export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    kind: text("kind").notNull(),
    status: text("status", { enum: jobStatuses }).notNull().default("queued"),
    progress: real("progress").notNull().default(0),
    result: jsonb("result"),
    error: jsonb("error").$type<{ code: string; message: string; details: unknown }>(),
    userId: uuid("user_id").notNull(),
    unitId: uuid("unit_id"),
    createdAt: stamped("created_at"),
    finishedAt: at("finished_at"),
  },
  (t) => [index("jobs_user_idx").on(t.userId, t.createdAt)],
);
export type JobRow = typeof jobs.$inferSelect;

/**
 * A job's work committed (written in the work's own transaction by `claim`): a retry after the
 * commit finds it and stores nothing twice; two attempts at once cannot both commit.
 */
export const jobCommits = pgTable("job_commits", {
  jobId: uuid("job_id").primaryKey(),
  committedAt: stamped("committed_at"),
});
