import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { exemplars } from "./schema.ts";

/** How many exemplars wait for a unit's review. */
export const queueCount = (db: Executor, unitId: string) =>
  db.$count(exemplars, and(eq(exemplars.status, "submitted"), eq(exemplars.reviewUnitId, unitId)));
