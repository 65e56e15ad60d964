import { expect } from "vitest";
import type { Client } from "./harness.ts";

/** A unit's metrics over [from, to], read through the API as the caller sees them (200 expected). */
export async function unitStats(client: Client, unitId: string, from: string, to: string) {
  const res = await client.get(`/api/units/${unitId}/stats?from=${from}&to=${to}`);
  expect(res.status, `stats of ${unitId}`).toBe(200);
  return res.body.metrics as Record<string, number>;
}
