// Reads from the replica, read-your-writes across instances, and the fall back to the primary
// when the replica lags: the replica is made to lag for real (WAL replay paused). Starts its own cluster.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Cluster, startCluster } from "../../../scripts/cluster.ts";
import { Client, demoAccounts } from "./client.ts";

const MAX_LAG_MS = 5_000;
let cluster: Cluster;
let replica: pg.Client;
beforeAll(async () => {
  cluster = await startCluster({
    dir: `${import.meta.dirname}/../../../.tmp/cluster-test-replicas`,
    ports: "auto",
    env: { REPLICA_MAX_LAG_MS: String(MAX_LAG_MS), READ_YOUR_WRITES_SECONDS: "60", RATE_LIMIT: "off" },
    log: () => {},
  });
  replica = new pg.Client({ connectionString: cluster.replicaUrl ?? "" });
  await replica.connect();
}, 240_000);
afterAll(async () => {
  await replica?.query("select pg_wal_replay_resume()").catch(() => {});
  await replica?.end();
  await cluster?.stop();
}, 60_000);

interface ReplicaHealth {
  usable: boolean;
  lagMs: number | null;
  problem: string | null;
}
async function replicaHealth(url: string): Promise<ReplicaHealth> {
  const body = (await (await fetch(`${url}/api/health`)).json()) as { replicas?: ReplicaHealth[] };
  const [first] = body.replicas ?? [];
  if (!first) throw new Error("/api/health shows no replica");
  return first;
}
async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it("reads the replica, except after one's own write and while it lags too far", async () => {
  const [a, b] = cluster.instances;
  if (!a || !b) throw new Error("two instances expected");
  const accounts = demoAccounts(cluster.dataDir);
  const admin = accounts.find((x) => x.username === "admin");
  const cell = accounts.find((x) => x.username === "bithu.chibo1");
  if (!admin || !cell) throw new Error("demo accounts missing");

  const writer = new Client("198.51.100.20");
  await writer.login(a.url, admin);
  expect(writer.cookies.has("tg_rw")).toBe(true); // the login itself is a write
  await until(
    "replica caught up",
    () => replicaHealth(b.url),
    (h) => h.usable && h.lagMs === 0,
  );

  // The replica stops replaying: what the primary commits from now on is not on it.
  await replica.query("select pg_wal_replay_pause()");
  await until(
    "replay paused",
    async () => (await replica.query("select pg_get_wal_replay_pause_state() as s")).rows[0].s,
    (s) => s === "paused",
  );
  const name = `Cụm Thử ${Date.now()}`;
  const created = await writer.request(a.url, "POST", "/api/people", { unitId: cell.unitId, fullName: name });
  expect(created.status).toBe(201);

  const search = `/api/people?unitId=${cell.unitId}&q=${encodeURIComponent(name)}`;
  const stats = `/api/units/${cell.unitId}/stats`;
  // The writer, on the other instance: its read-your-writes cookie sends it to the primary.
  const mine = await writer.get(b.url, search);
  expect(mine.status).toBe(200);
  expect(mine.body?.total).toBe(1);
  const statsOnPrimary = (await writer.get(b.url, stats)).body?.metrics;

  // The same session without the cookie reads the replica, which has not seen the write yet.
  const reader = new Client("198.51.100.21");
  reader.cookies.set("tg_session", writer.cookies.get("tg_session") ?? "");
  expect((await replicaHealth(b.url)).usable).toBe(true);
  const stale = await reader.get(b.url, search);
  expect(stale.status).toBe(200);
  expect(stale.body?.total).toBe(0);
  const statsOnReplica = (await reader.get(b.url, stats)).body?.metrics;
  expect(statsOnReplica).not.toEqual(statsOnPrimary);

  // Past REPLICA_MAX_LAG_MS the replica is left out: the primary answers everyone. (Each
  // instance measures the lag itself, so each is waited for.)
  for (const instance of [a, b]) {
    const lagging = await until(
      "replica lagging",
      () => replicaHealth(instance.url),
      (h) => !h.usable,
    );
    expect(lagging).toMatchObject({ problem: "lagging" });
    expect(lagging.lagMs).toBeGreaterThan(MAX_LAG_MS);
  }
  expect((await reader.get(b.url, search)).body?.total).toBe(1);
  expect((await reader.get(a.url, stats)).body?.metrics).toEqual(statsOnPrimary);

  // Replaying again, it catches up and is read from again — now with the write.
  await replica.query("select pg_wal_replay_resume()");
  await until(
    "replica back",
    () => replicaHealth(b.url),
    (h) => h.usable && h.lagMs === 0,
  );
  expect((await reader.get(b.url, search)).body?.total).toBe(1);
  expect((await reader.get(b.url, stats)).body?.metrics).toEqual(statsOnPrimary);
});
