import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { type PageQuery, pageOf } from "../../lib/pagination.ts";
import { apiTokens } from "./schema.ts";

/** The actor's own tokens (visibility "self"). */
export async function listTokens(db: Db, actor: Actor, query: PageQuery) {
  const where = eq(apiTokens.userId, actor.userId);
  return pageOf(
    db,
    query,
    (limit, offset) =>
      db.select().from(apiTokens).where(where).orderBy(desc(apiTokens.createdAt)).limit(limit).offset(offset),
    () => db.select({ one: sql`1` }).from(apiTokens).where(where),
  );
}
