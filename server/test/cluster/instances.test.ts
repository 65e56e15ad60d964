// Two instances behind haproxy on one PostgreSQL: an event published on one reaches a stream held
// on the other; a job started on one is polled to success on the other; an instance killed with
// SIGKILL in the middle of an import leaves its job to the other, which stores it exactly once;
// the daily run happens once with both instances up. Starts its own cluster.
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Cluster, type ClusterInstance, startCluster } from "../../../scripts/cluster.ts";
import { Client, type DemoAccount, demoAccounts } from "./client.ts";

/** The daily run's time: a few minutes after the start (Vietnam time), so the tests before it run first. */
const DAILY_AFTER_MS = 4.5 * 60_000;
const dailyAt = new Date(Date.now() + DAILY_AFTER_MS + 7 * 3_600_000);
const dailyCron = `${dailyAt.getUTCMinutes()} ${dailyAt.getUTCHours()} * * *`;
const today = dailyAt.toISOString().slice(0, 10);

let cluster: Cluster;
let primary: pg.Client;
let accounts: DemoAccount[];
beforeAll(async () => {
  cluster = await startCluster({
    dir: `${import.meta.dirname}/../../../.tmp/cluster-test-instances`,
    ports: "auto",
    noReplica: true,
    env: { RATE_LIMIT: "off", REMINDERS: "on", DAILY_RUN_CRON: dailyCron, LOG_LEVEL: "info" },
    log: () => {},
  });
  primary = new pg.Client({ connectionString: cluster.primaryUrl });
  await primary.connect();
  accounts = demoAccounts(cluster.dataDir);
}, 240_000);
afterAll(async () => {
  await primary?.end();
  await cluster?.stop();
}, 60_000);

const account = (username: string) => {
  const found = accounts.find((a) => a.username === username);
  if (!found) throw new Error(`no demo account ${username}`);
  return found;
};
const both = () => {
  const [a, b] = cluster.instances;
  if (!a || !b) throw new Error("two instances expected");
  return [a, b] as const;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a sheet as multipart/form-data with the client's session. */
async function upload(client: Client, baseUrl: string, url: string, name: string, data: Buffer) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(data)]), name);
  const response = await fetch(`${baseUrl}${url}`, {
    method: "POST",
    body: form,
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "x-csrf-token": client.csrfToken,
      "x-forwarded-for": client.ip,
    },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const sheet = (prefix: string, rows: number) =>
  Buffer.from(
    [
      "Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng",
      ...Array.from({ length: rows }, (_, i) => `${prefix} ${i},Nam,15/03/1985,03/02/2010`),
    ].join("\n"),
  );

async function job(client: Client, baseUrl: string, id: string) {
  const res = await client.get(baseUrl, `/api/jobs/${id}`);
  if (res.status !== 200) throw new Error(`job ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { status: string; progress: number; result: unknown; error: unknown };
}

/** Which instance logged the start of a job. */
function runnerOf(jobId: string): ClusterInstance | undefined {
  return cluster.instances.find((i) =>
    fs
      .readFileSync(i.logFile, "utf8")
      .split("\n")
      .some((line) => line.includes('"job started"') && line.includes(jobId)),
  );
}

it("carries an event published on one instance to an event stream held on the other, within 2 s", async () => {
  const [a, b] = both();
  const officer = new Client("198.51.100.31");
  await officer.login(a.url, account("admin"));
  // Every other account holds its bell's stream on instance b: the reminders reach some of them.
  const received: { user: string; at: number }[] = [];
  const streams = await Promise.all(
    accounts
      .filter((x) => x.username !== "admin")
      .map(async (x) => {
        const member = new Client(`198.51.100.${40 + accounts.indexOf(x)}`);
        await member.login(b.url, x);
        const abort = new AbortController();
        const response = await fetch(`${b.url}/api/notifications/stream`, {
          headers: {
            accept: "text/event-stream",
            cookie: [...member.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
          },
          signal: abort.signal,
        });
        expect(response.status).toBe(200);
        const reader = response.body?.getReader();
        const decoder = new TextDecoder();
        void (async () => {
          let text = "";
          for (;;) {
            const chunk = await reader?.read().catch(() => undefined);
            if (!chunk || chunk.done) return;
            text += decoder.decode(chunk.value);
            if (/^event: notification$/m.test(text)) {
              received.push({ user: x.username, at: Date.now() });
              return;
            }
          }
        })();
        return abort;
      }),
  );
  try {
    // Commitments due yesterday in the grassroots unit: its members and secretaries are late.
    const coso = new Client("198.51.100.30");
    await coso.login(a.url, account("canbo.coso"));
    const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    const template = await coso.request(
      a.url,
      "PUT",
      `/api/units/${account("canbo.coso").unitId}/commitment-template`,
      {
        year: Number(yesterday.slice(0, 4)),
        studyPrompt: "Học chuyên đề năm.",
        actionPrompt: "Việc làm theo Bác.",
        targets: [],
        deadline: yesterday,
        campaignWeight: 20,
      },
    );
    expect(template.status).toBe(200);
    await sleep(500); // the streams are open on b
    const sent = await officer.request(a.url, "POST", "/api/reminders/run", {});
    expect(sent.status).toBe(200);
    expect((sent.body?.commitment as { sent?: number } | undefined)?.sent ?? 0).toBeGreaterThan(0);
    const at = Date.now();
    while (!received.length && Date.now() - at < 2_000) await sleep(20);
    expect(received.length, "a reminder's event reached a stream on the other instance").toBeGreaterThan(0);
    expect((received[0]?.at ?? Number.POSITIVE_INFINITY) - at).toBeLessThanOrEqual(2_000);
  } finally {
    for (const abort of streams) abort.abort();
  }
});

it("polls a job started through one instance to success through the other", async () => {
  const [a, b] = both();
  const officer = new Client("198.51.100.32");
  await officer.login(a.url, account("canbo.coso"));
  const cell = account("bithu.chibo1").unitId;
  const started = await upload(
    officer,
    a.url,
    `/api/imports/people?unitId=${cell}`,
    "ds.csv",
    sheet("Cụm Một", 50),
  );
  expect(started.status).toBe(202);
  const jobId = String(started.body.jobId);
  let seen = await job(officer, b.url, jobId);
  for (const deadline = Date.now() + 60_000; seen.status !== "succeeded" && seen.status !== "failed"; ) {
    if (Date.now() > deadline) throw new Error(`job still ${JSON.stringify(seen)}`);
    await sleep(200);
    seen = await job(officer, b.url, jobId);
  }
  expect(seen).toMatchObject({ status: "succeeded", progress: 1, result: { imported: 50 } });
}, 90_000);

it("runs again, on the other instance, the import of an instance killed midway, and stores it once", async () => {
  const officer = new Client("198.51.100.33");
  const [a] = both();
  await officer.login(a.url, account("canbo.coso"));
  const cell = account("bithu.chibo1").unitId;
  const rows = 30_000;
  const prefix = "Cụm Hai";
  const started = await upload(
    officer,
    a.url,
    `/api/imports/people?unitId=${cell}`,
    "ds.csv",
    sheet(prefix, rows),
  );
  expect(started.status).toBe(202);
  const jobId = String(started.body.jobId);
  // Wait until the rows are being stored (inside the import's one transaction), then kill its runner.
  let runner: ClusterInstance | undefined;
  for (const deadline = Date.now() + 120_000; ; ) {
    runner ??= runnerOf(jobId);
    const other = cluster.instances.find((i) => i !== runner) ?? a;
    const seen = await job(officer, other.url, jobId);
    if (runner && seen.progress >= 0.6 && seen.status === "running") break;
    if (seen.status === "succeeded" || seen.status === "failed")
      throw new Error(`finished before it could be killed: ${JSON.stringify(seen)}`);
    if (Date.now() > deadline) throw new Error(`never midway: ${JSON.stringify(seen)}`);
    await sleep(50);
  }
  if (!runner) throw new Error("no runner");
  await runner.kill("SIGKILL");
  const survivor = cluster.instances.find((i) => i !== runner);
  if (!survivor) throw new Error("no survivor");
  const killedAt = Date.now();
  let seen = await job(officer, survivor.url, jobId);
  while (seen.status !== "succeeded" && seen.status !== "failed") {
    if (Date.now() - killedAt > 150_000) throw new Error(`not run again: ${JSON.stringify(seen)}`);
    await sleep(500);
    seen = await job(officer, survivor.url, jobId);
  }
  const rerunAfter = Date.now() - killedAt;
  console.log(
    `import of an instance killed midway: finished on ${survivor.name} ${rerunAfter} ms after the kill`,
  );
  expect(seen).toMatchObject({ status: "succeeded", result: { imported: rows } });
  expect(rerunAfter).toBeLessThan(150_000);
  expect(runnerOf(jobId)).toBeDefined();
  const { rows: count } = await primary.query<{ n: string }>(
    "select count(*) as n from people where full_name like $1",
    [`${prefix} %`],
  );
  expect(Number(count[0]?.n)).toBe(rows);
  await runner.restart();
}, 300_000);

it(
  "runs the daily run once with both instances up",
  async () => {
    const [a, b] = both();
    expect(a.pid && b.pid).toBeTruthy();
    const deadline = Date.now() + DAILY_AFTER_MS + 150_000;
    for (;;) {
      const { rows } = await primary.query<{ finished: boolean }>(
        "select finished_at is not null as finished from daily_runs where day = $1",
        [today],
      );
      if (rows[0]?.finished) break;
      if (Date.now() > deadline) throw new Error(`no daily run for ${today} (cron ${dailyCron})`);
      await sleep(2_000);
    }
    await sleep(5_000);
    const runs = cluster.instances.map(
      (i) =>
        (fs.readFileSync(i.logFile, "utf8").match(/Nhắc nhở \(reminders\) \d{4}-\d\d-\d\d/g) ?? []).length,
    );
    expect(runs.reduce((x, y) => x + y, 0)).toBe(1);
    const { rows: queued } = await primary.query<{ n: string }>(
      "select count(*) as n from pgboss.job where name = 'daily-run'",
    );
    expect(Number(queued[0]?.n)).toBe(1);
  },
  DAILY_AFTER_MS + 240_000,
);
