// A limit of N requests a minute holds across the instances (counted in Redis): spread over
// both instances and haproxy, the N+1st request of one client answers 429. Starts its own cluster.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Cluster, startCluster } from "../../../scripts/cluster.ts";
import { Client } from "./client.ts";

const LIMIT = 20;
let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({
    dir: `${import.meta.dirname}/../../../.tmp/cluster-test-rate-limits`,
    ports: "auto",
    noReplica: true,
    env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) },
    log: () => {},
  });
}, 240_000);
afterAll(() => cluster?.stop(), 60_000);

it("counts one client's requests on every instance against one limit", async () => {
  const [a, b] = cluster.instances;
  if (!a || !b) throw new Error("two instances expected");
  const client = new Client("198.51.100.7");
  const statuses: number[] = [];
  for (let i = 0; i < LIMIT; i++)
    statuses.push((await client.get(i % 2 ? b.url : a.url, "/api/unit-kinds")).status);
  // Unauthenticated: 401, but each counted. Each instance saw only half the limit.
  expect(statuses).toEqual(Array(LIMIT).fill(401));
  expect((await client.get(cluster.url, "/api/unit-kinds")).status).toBe(429);
  expect((await client.get(a.url, "/api/unit-kinds")).status).toBe(429);
  expect((await client.get(b.url, "/api/unit-kinds")).status).toBe(429);
  // Another client has its own counter.
  expect((await new Client("198.51.100.8").get(cluster.url, "/api/unit-kinds")).status).toBe(401);
});
