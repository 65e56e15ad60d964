// `npm run bench -- --cluster` (or `node bench/cluster.ts`): the figures scenarios on one instance
// and on two behind haproxy, in the same run (scripts/cluster.ts: a primary, a streaming replica,
// Redis, two instances, haproxy), on the demo data set; then the replica's lag while writes go on.
// Prints a markdown table for BENCHMARKS.md.
import pg from "pg";
import { startCluster } from "../scripts/cluster.ts";
import { type LoadRow, load, loginCookie } from "./http.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const cluster = await startCluster({
  ports: "auto",
  dir: `${import.meta.dirname}/../.tmp/cluster-bench`,
  env: { RATE_LIMIT: "off", REMINDERS: "off", LOAD_SHEDDING: "off" },
});
try {
  const [a] = cluster.instances;
  if (!a) throw new Error("no instance");
  const accounts = (await import(`${cluster.dataDir}/demo-accounts.json`, { with: { type: "json" } }))
    .default as { username: string; password: string }[];
  const admin = accounts.find((x) => x.username === "admin");
  if (!admin) throw new Error("no admin");
  const cookie = (await loginCookie(a.url, admin.username, admin.password)) ?? "";
  const h = { cookie };
  const me = (await (await fetch(`${a.url}/api/auth/me`, { headers: h })).json()) as {
    user: { unitId: string };
  };
  const root = me.user.unitId;
  const to = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const period = `from=${to.slice(0, 4)}-01-01&to=${to}`;
  const rows: LoadRow[] = [];
  const floor = await load("floor: GET /api/auth/me, one instance", `${a.url}/api/auth/me`, h, { seconds });
  rows.push(floor);
  for (const [where, base] of [
    ["one instance", a.url],
    ["two instances behind haproxy", cluster.url],
  ] as const) {
    rows.push(
      await load(`root figures, ${where}`, `${base}/api/units/${root}/stats?${period}`, h, { seconds }),
    );
    rows.push(
      await load(
        `dashboard of the root, ${where}`,
        `${base}/api/dashboard?unitId=${root}&year=${to.slice(0, 4)}`,
        h,
        {
          seconds,
        },
      ),
    );
  }
  // The replica's lag while writes go on (preferences saved through haproxy: a write and its audit
  // row), every 100 ms: the instances' own measure (/api/health, taken every 2 s), the WAL bytes
  // the replica has not replayed yet, and the age of its last replayed commit (meaningful while
  // the primary commits all the time).
  const lags: number[] = [];
  const bytesBehind: number[] = [];
  const replayAge: number[] = [];
  const primary = new pg.Client({ connectionString: cluster.primaryUrl });
  const replica = new pg.Client({ connectionString: cluster.replicaUrl ?? "" });
  await primary.connect();
  await replica.connect();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const health = (await (await fetch(`${a.url}/api/health`)).json()) as {
        replicas?: { lagMs: number | null }[];
      };
      const lag = health.replicas?.[0]?.lagMs;
      if (typeof lag === "number") lags.push(lag);
      const [{ rows: p }, { rows: r }] = await Promise.all([
        primary.query<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn"),
        replica.query<{ lsn: string; age: number | null }>(
          "select pg_last_wal_replay_lsn()::text as lsn, extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000 as age",
        ),
      ]);
      const diff = await primary.query<{ bytes: string }>("select pg_wal_lsn_diff($1, $2) as bytes", [
        p[0]?.lsn,
        r[0]?.lsn,
      ]);
      bytesBehind.push(Math.max(0, Number(diff.rows[0]?.bytes ?? 0)));
      if (r[0]?.age != null) replayAge.push(Number(r[0].age));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const csrf = (await (await fetch(`${a.url}/api/auth/me`, { headers: h })).json()) as { csrfToken?: string };
  // Real writes: the language switched back and forth (an update and its audit row each time).
  const headers = { ...h, "content-type": "application/json", "x-csrf-token": csrf.csrfToken ?? "" };
  const writes = await load(
    "writes during the lag sampling: PUT /api/auth/preferences (en, vi, …) through haproxy",
    `${cluster.url}/api/auth/preferences`,
    headers,
    {
      seconds,
      requests: ["en", "vi"].map((locale) => ({ method: "PUT", body: JSON.stringify({ locale }) })),
    },
  );
  sampling = false;
  await sampler;
  await primary.end();
  await replica.end();
  rows.push(writes);
  const at = (list: number[], p: number) => {
    const sorted = [...list].sort((x, y) => x - y);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
  };
  const summary = (list: number[]) => `median ${at(list, 50)}, p95 ${at(list, 95)}, max ${at(list, 100)}`;
  const ratio = (r: LoadRow) => (floor.p95 ? (r.p95 / floor.p95).toFixed(2) : "–");
  console.log(
    "\n| scenario | req/s | p50 | p95 | p99 | ÷ floor p95 | errors |\n|---|---|---|---|---|---|---|",
  );
  for (const r of rows)
    console.log(
      `| ${r.scenario} | ${r.rps} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${ratio(r)} | ${r.errors} |`,
    );
  console.log(`\nReplica lag under those writes (${bytesBehind.length} samples, every 100 ms):`);
  console.log(`- the instance's own measure (/api/health, ms): ${summary(lags)}`);
  console.log(`- WAL not yet replayed (bytes): ${summary(bytesBehind)}`);
  console.log(`- age of the last replayed commit (ms): ${summary(replayAge)}`);
} finally {
  await cluster.stop();
}
