import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import type { App } from "../../lib/http.ts";
import { routes } from "../../lib/routes.ts";
import { liveProgress } from "./queue.ts";
import { jobStatuses, jobs } from "./schema.ts";

export const jobResponse = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(jobStatuses),
  progress: z.number(),
  result: z.unknown(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export function jobRoutes(app: App) {
  const route = routes(app, { tags: ["jobs"] });
  route.get("/jobs/:id", "self", {
    params: z.object({ id: z.uuid() }),
    response: jobResponse,
    handler: async (actor, req) => {
      const [job] = await app.deps.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.id, req.params.id), eq(jobs.userId, actor.userId)));
      if (!job) throw new AppError("NOT_FOUND");
      // This instance's own running job answers from memory (its row gets progress less often).
      const over = job.status === "succeeded" || job.status === "failed";
      const running = over ? undefined : liveProgress(job.id);
      return {
        id: job.id,
        kind: job.kind,
        status: running !== undefined ? "running" : job.status,
        progress: running ?? job.progress,
        result: job.result ?? null,
        error: job.error ?? null,
        createdAt: job.createdAt.toISOString(),
        finishedAt: job.finishedAt?.toISOString() ?? null,
      };
    },
  });
}
