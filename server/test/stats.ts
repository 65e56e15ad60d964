// What the server tests read back to compare with: a unit's metrics through the API, live counts
// and ids from the database. Not in tools.ts: that one is in the e2e program too, which must not
// see the API harness.
import { and, count, eq, like } from "drizzle-orm";
import { expect } from "vitest";
import type { Executor } from "../src/db/client.ts";
import { people } from "../src/features/people/schema.ts";
import { units } from "../src/features/units/schema.ts";
import { users } from "../src/features/users/schema.ts";
import { auditLog } from "../src/lib/audit-log.ts";
import type { Client } from "./harness.ts";

/** A unit's metrics over [from, to], read through the API as the caller sees them (200 expected). */
export async function unitStats(client: Client, unitId: string, from: string, to: string) {
  const res = await client.get(`/api/units/${unitId}/stats?from=${from}&to=${to}`);
  expect(res.status, `stats of ${unitId}`).toBe(200);
  return res.body.metrics as Record<string, number>;
}

/** The ground truth, counted live: active people in a unit's subtree now. */
export async function activeInSubtree(db: Executor, unitId: string) {
  const [unit] = await db.select().from(units).where(eq(units.id, unitId));
  const [row] = await db
    .select({ n: count() })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(like(units.path, `${unit?.path}%`), eq(people.status, "active")));
  return row?.n ?? 0;
}

/** How many rows the audit log holds. */
export const auditRows = async (db: Executor) => (await db.select({ n: count() }).from(auditLog))[0]?.n ?? 0;

/** An account's id by its username (throws when there is none). */
export async function userIdOf(db: Executor, username: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(username);
  return row.id;
}
