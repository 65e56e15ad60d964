import { sql } from "drizzle-orm";
import { z } from "zod";
import { keptMigrationStatus } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { App } from "../../lib/http.ts";
import { routes } from "../../lib/routes.ts";

const healthResponse = z.object({
  status: z.literal("ok"),
  database: z.enum(["pglite", "postgres"]),
  migrations: z.object({
    applied: z.number().int(),
    known: z.number().int(),
    latest: z.string().nullable(),
    upToDate: z.boolean(),
  }),
  uptimeSeconds: z.number(),
  /** The read replicas (DATABASE_REPLICA_URL), when there are any: whether each is read from, and its lag. */
  replicas: z
    .array(
      z.object({
        name: z.string(),
        usable: z.boolean(),
        lagMs: z.number().nullable(),
        problem: z.string().nullable(),
        checkedAt: z.string().nullable(),
      }),
    )
    .optional(),
});

export function healthRoutes(app: App) {
  const route = routes(app, { tags: ["system"] });
  route.get("/health", "public", {
    response: healthResponse,
    config: { rateLimit: false },
    handler: async () => {
      const { database, db } = app.deps;
      try {
        // The embedded database is one connection: its thread is asked, rather than queueing a
        // query behind a long transaction (a big import); PostgreSQL answers a query from the pool.
        if (database.ping) await database.ping();
        else await db.execute(sql`select 1`);
        return {
          status: "ok" as const,
          database: database.kind,
          migrations: await keptMigrationStatus(db),
          uptimeSeconds: Math.round(process.uptime()),
          ...(database.replicas ? { replicas: database.replicas.statuses() } : {}),
        };
      } catch {
        throw new AppError("UNAVAILABLE");
      }
    },
  });
}
