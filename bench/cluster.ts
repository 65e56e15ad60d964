// `npm run bench -- --cluster` (or `node bench/cluster.ts`): the figures scenarios on one instance
// and on two behind haproxy, in the same run (scripts/cluster.ts: a primary, a streaming replica,
// Redis, two instances, haproxy), on the demo data set; then the replica's lag while writes go on.
// Prints a markdown table for BENCHMARKS.md.
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
  // The replica's lag while writes go on: preferences saved through haproxy (a write, its audit row),
  // the lag read from both instances' /api/health every 200 ms.
  const lags: number[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      for (const instance of cluster.instances) {
        const health = (await (await fetch(`${instance.url}/api/health`)).json()) as {
          replicas?: { lagMs: number | null }[];
        };
        const lag = health.replicas?.[0]?.lagMs;
        if (typeof lag === "number") lags.push(lag);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const csrf = (await (await fetch(`${a.url}/api/auth/me`, { headers: h })).json()) as { csrfToken?: string };
  const writes = await load(
    "writes during the lag sampling: PUT /api/auth/preferences through haproxy",
    `${cluster.url}/api/auth/preferences`,
    { ...h, "content-type": "application/json", "x-csrf-token": csrf.csrfToken ?? "" },
    { seconds, method: "PUT", body: JSON.stringify({ locale: "vi" }) },
  );
  sampling = false;
  await sampler;
  rows.push(writes);
  lags.sort((x, y) => x - y);
  const at = (p: number) => lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))] ?? 0;
  const ratio = (r: LoadRow) => (floor.p95 ? (r.p95 / floor.p95).toFixed(2) : "–");
  console.log(
    "\n| scenario | req/s | p50 | p95 | p99 | ÷ floor p95 | errors |\n|---|---|---|---|---|---|---|",
  );
  for (const r of rows)
    console.log(`| ${r.scenario} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${ratio(r)} | ${r.errors} |`);
  console.log(
    `\nReplica lag under those writes (${lags.length} samples): median ${at(50)} ms, p95 ${at(95)} ms, max ${lags.at(-1) ?? 0} ms`,
  );
} finally {
  await cluster.stop();
}
