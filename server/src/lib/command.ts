import { type AnyColumn, sql } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import type { Ctx } from "./auth/actor.ts";

/**
 * What every command takes in its one object argument, besides its own input: the transaction it
 * writes in (its audit row too) and the context of the request (who acts, from where).
 */
export interface CommandContext {
  tx: Executor;
  ctx: Ctx;
}

/** What every edit of a versioned row writes besides its changes: the next version, when, by whom. */
export const edited = (ctx: Ctx, version: AnyColumn) => ({
  version: sql`${version} + 1`,
  updatedAt: new Date(),
  updatedBy: ctx.actor?.userId ?? null,
});
