import type { Executor } from "../db/client.ts";
import type { Ctx } from "./auth/actor.ts";

/**
 * An edit that names no change: every field but `version` is absent, or equal to what the object
 * already holds under the same name. Commands answer it with the object as it is and write nothing
 * — no version bump, no audit row — so a reader cannot make the editors' saves conflict, and the
 * audit log records only real changes. Fields held under another name (a field code for a field
 * id, a list kept in its own table) count as a change whenever they are sent: the check never
 * skips a real edit.
 */
export function changesNothing(input: object, current: object): boolean {
  const held = current as Record<string, unknown>;
  return Object.entries(input).every(
    ([key, value]) => key === "version" || value === undefined || (key in held && same(value, held[key])),
  );
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What every command takes: the transaction it writes in and the request's context (its actor). */
export interface CommandScope {
  tx: Executor;
  ctx: Ctx;
}

/** What an edit command takes: the row as read and the changes, with the version they were read at. */
export type EditCommand<Row, Changes> = CommandScope & {
  current: Row;
  changes: Changes & { version: number };
};

/** The acting user as a new row's creator and last editor (null for the system). */
export function writtenBy(ctx: Ctx) {
  const by = ctx.actor?.userId ?? null;
  return { createdBy: by, updatedBy: by };
}
