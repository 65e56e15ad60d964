import { type AnyColumn, sql } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { type AuditEntry, type AuditEvent, recordAudit, recordAuditMany } from "./audit.ts";
import type { Ctx } from "./auth/actor.ts";

/**
 * What every command takes in its one object argument, besides its own input: the transaction it
 * writes in (its audit row too) and the context of the request (who acts, from where).
 */
export interface CommandContext {
  tx: Executor;
  ctx: Ctx;
}

/** What an edit command takes: the row as read and the changes, with the version they were read at. */
export type EditCommand<Row, Changes> = CommandContext & {
  current: Row;
  changes: Changes & { version: number };
};

/** What every edit of a versioned row writes besides its changes: the next version, when, by whom. */
export const edited = (ctx: Ctx, version: AnyColumn) => ({
  version: sql`${version} + 1`,
  updatedAt: new Date(),
  updatedBy: ctx.actor?.userId ?? null,
});

/** Who writes a new row: the acting user created it and updated it last. */
export const authored = (ctx: Ctx) => ({
  createdBy: ctx.actor?.userId ?? null,
  updatedBy: ctx.actor?.userId ?? null,
});

/** The audit row of a write to a subject (its id and unit), in the command's transaction. */
export const recordChange = (
  { tx, ctx }: CommandContext,
  event: AuditEvent,
  subject: { id: string; unitId: string | null },
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) => recordAudit(tx, ctx, { event, entityId: subject.id, unitId: subject.unitId, before, after });

/** The audit rows of one write to many subjects (their ids and units), in one insert. */
export const recordChanges = <S extends { id: string; unitId: string | null }>(
  { tx, ctx }: CommandContext,
  event: AuditEvent,
  subjects: S[],
  change: (subject: S) => Pick<AuditEntry, "before" | "after">,
) =>
  recordAuditMany(
    tx,
    ctx,
    subjects.map((s) => ({ event, entityId: s.id, unitId: s.unitId, ...change(s) })),
  );
