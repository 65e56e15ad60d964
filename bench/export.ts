// The people exports at national size (issue 13 item 4): a server in its own process on the
// national PostgreSQL set, then
//   (a) a province's list as the direct download (GET /api/people/export as the Bắc Ninh officer):
//       time to the last byte, and the server's RSS (/proc/<pid>/status VmRSS) before, at its peak
//       during the download and after; a page (GET /api/auth/me) sampled meanwhile, against the same
//       samples taken while the server is idle (the floor of this run); and the same rows read from
//       the database alone by the export's own keyset query, in this process (the read floor);
//   (b) the national list as a background job (POST /api/people/export-jobs as the national admin):
//       its time, its progress as polled every second, RSS likewise, then its file downloaded.
//   node bench/export.ts [--database tg_national] [--skip-national]
// Needs the accounts of seed-national/seed-lists (bench.admin, bench.officer.province).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { openPostgres } from "../server/src/db/client.ts";
import { peopleForExport } from "../server/src/features/people/queries.ts";
import { units } from "../server/src/features/units/schema.ts";
import { users } from "../server/src/features/users/schema.ts";
import type { Actor } from "../server/src/lib/auth/actor.ts";
import { start, waitHealthy } from "./http.ts";

const PASSWORD = process.env.BENCH_PASSWORD ?? "Bench-password-2026";

export interface RssSamples {
  beforeMb: number;
  peakMb: number;
  afterMb: number;
  /** peak − before */
  growthMb: number;
}

export interface ExportBench {
  province: {
    unit: string;
    people: number;
    seconds: number;
    /** CPU the server process used meanwhile (the machine's load aside). */
    serverCpuSeconds: number;
    bytes: number;
    rowsPerSecond: number;
    rss: RssSamples;
    /** The same rows read by the export's keyset query alone, in this process. */
    readSeconds: number;
    /** The export's time ÷ the read floor. */
    ratioToRead: number;
    page: { idleP95: number; duringP95: number; duringMax: number; n: number };
  };
  national?: {
    people: number;
    seconds: number;
    serverCpuSeconds: number;
    rows: number;
    sheets: number;
    bytes: number;
    downloadSeconds: number;
    rss: RssSamples;
    /** [seconds since start, progress] as polled every second. */
    progress: [number, number][];
    /** The longest time between two polls that saw the progress move. */
    longestStillSeconds: number;
    monotonic: boolean;
    status: string;
    error?: unknown;
  };
}

/** VmRSS of a process, in MB. */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU seconds (user + system) a process has used so far: /proc/<pid>/stat, in clock ticks of 1/100 s. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** Samples a process's RSS every `ms` until stopped. */
function sampleRss(pid: number, ms = 100) {
  const before = rssMb(pid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, ms);
  return {
    stop(): RssSamples {
      clearInterval(timer);
      const after = rssMb(pid);
      peak = Math.max(peak, after);
      const round = (n: number) => Math.round(n * 10) / 10;
      return {
        beforeMb: round(before),
        peakMb: round(peak),
        afterMb: round(after),
        growthMb: round(peak - before),
      };
    },
  };
}

/** Latencies of GET `url` requested one after another, about every 100 ms, until stopped. */
function samplePage(url: string, cookie: string) {
  const times: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      await fetch(url, { headers: { cookie } }).then((r) => r.arrayBuffer());
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      const p95 = sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? 0;
      return {
        n: sorted.length,
        p95: Math.round(p95 * 10) / 10,
        max: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
      };
    },
  };
}

async function login(api: string, username: string) {
  const res = await fetch(`${api}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`${username}: cannot sign in (${res.status}); run bench/seed-lists.ts`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "", csrf: body.csrfToken };
}

/** Downloads `url` to nothing, counting bytes: [seconds, bytes, status]. */
async function download(url: string, cookie: string): Promise<[number, number, number]> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  let bytes = 0;
  if (res.body) for await (const chunk of res.body) bytes += (chunk as Uint8Array).length;
  return [(performance.now() - t0) / 1000, bytes, res.status];
}

export async function benchExport(
  options: { database?: string; baseUrl?: string; national?: boolean; log?: (line: string) => void } = {},
): Promise<ExportBench> {
  const log = options.log ?? console.log;
  const baseUrl =
    options.baseUrl ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const url = new URL(baseUrl);
  url.pathname = `/${options.database ?? "tg_national"}`;
  const databaseUrl = url.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-bench-export-"));
  const server = await start("server/src/main.ts", {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: "0",
    DEMO: "off",
    LOG_LEVEL: "warn",
    RATE_LIMIT: "off",
    LOAD_SHEDDING: "off",
    REMINDERS: "off",
  });
  const pid = server.child.pid ?? 0;
  const api = `http://127.0.0.1:${server.port}`;
  const database = await openPostgres(databaseUrl, 2);
  try {
    await waitHealthy(`${api}/api/health`);
    const admin = await login(api, "bench.admin");
    // (a) The province, directly: as its officer (seed-lists), else as the national admin naming
    // the province (the same list: the province's subtree within the caller's).
    const [province0] = await database.db
      .select({ id: units.id, name: units.name, path: units.path })
      .from(units)
      .where(sql`${units.depth} = 1 and ${units.searchText} like 'tinh uy bac ninh%'`)
      .limit(1);
    if (!province0) throw new Error("no Tỉnh ủy Bắc Ninh");
    const [officerRow] = await database.db
      .select({ user: users })
      .from(users)
      .where(eq(users.username, "bench.officer.province"));
    const [adminRow] = await database.db
      .select({ user: users })
      .from(users)
      .where(eq(users.username, "bench.admin"));
    if (!adminRow) throw new Error("no bench.admin");
    const officer = officerRow ? await login(api, "bench.officer.province") : admin;
    const exportUrl = officerRow
      ? `${api}/api/people/export`
      : `${api}/api/people/export?unitId=${encodeURIComponent(province0.id)}`;
    log(
      `province export as ${officerRow ? "bench.officer.province" : `bench.admin with unitId=${province0.id}`}`,
    );
    const count = async (where: ReturnType<typeof sql>) =>
      Number(
        (
          (await database.db.execute(
            sql`select count(*)::int as n from people where ${where}`,
          )) as unknown as {
            rows: { n: number }[];
          }
        ).rows[0]?.n ?? 0,
      );
    const provincePeople = await count(sql`level1_id = ${province0.id}::uuid`);
    log(`province ${province0.name}: ${provincePeople} people`);

    const idle = samplePage(`${api}/api/auth/me`, officer.cookie);
    await new Promise((r) => setTimeout(r, 3_000));
    const idlePage = await idle.stop();
    // A first, unmeasured download warms the caches as a second user of the day would find them.
    await download(exportUrl, officer.cookie);
    const rss = sampleRss(pid);
    const during = samplePage(`${api}/api/auth/me`, officer.cookie);
    const cpu0 = cpuSeconds(pid);
    const [seconds, bytes, status] = await download(exportUrl, officer.cookie);
    const serverCpu = cpuSeconds(pid) - cpu0;
    const duringPage = await during.stop();
    await new Promise((r) => setTimeout(r, 1_000));
    const provinceRss = rss.stop();
    if (status !== 200) throw new Error(`GET /api/people/export answered ${status}`);

    const reader = (officerRow ?? adminRow).user;
    const actor: Actor = {
      userId: reader.id,
      username: reader.username,
      displayName: reader.displayName,
      role: reader.role,
      unitId: province0.id,
      unitName: province0.name,
      unitPath: province0.path,
      personId: null,
      mustChangePassword: false,
      locale: "vi",
      via: "session",
      sessionId: null,
      csrfToken: null,
    };
    const r0 = performance.now();
    let read = 0;
    for await (const _ of peopleForExport(database.db, actor, {}, 200_000)) read++;
    const readSeconds = (performance.now() - r0) / 1000;
    const province = {
      unit: province0.name,
      people: provincePeople,
      seconds: Math.round(seconds * 100) / 100,
      serverCpuSeconds: Math.round(serverCpu * 100) / 100,
      bytes,
      rowsPerSecond: Math.round(provincePeople / seconds),
      rss: provinceRss,
      readSeconds: Math.round(readSeconds * 100) / 100,
      ratioToRead: Math.round((seconds / readSeconds) * 100) / 100,
      page: { idleP95: idlePage.p95, duringP95: duringPage.p95, duringMax: duringPage.max, n: duringPage.n },
    };
    log(
      `province GET: ${province.people} people (${read} read alone) in ${province.seconds} s (server CPU ${province.serverCpuSeconds} s), ${(bytes / 1e6).toFixed(1)} MB; ` +
        `RSS ${provinceRss.beforeMb} → peak ${provinceRss.peakMb} → ${provinceRss.afterMb} MB (growth ${provinceRss.growthMb} MB); ` +
        `read alone ${province.readSeconds} s (export ÷ read ${province.ratioToRead}); ` +
        `GET /api/auth/me p95 idle ${idlePage.p95} ms, during ${duringPage.p95} ms (max ${duringPage.max}, n ${duringPage.n})`,
    );
    const result: ExportBench = { province };
    if (options.national === false) return result;

    // (b) The country, as a job.
    const nationalPeople = await count(sql`true`);
    const rssJob = sampleRss(pid, 250);
    const jobCpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    const started = await fetch(`${api}/api/people/export-jobs`, {
      method: "POST",
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf, "content-type": "application/json" },
      body: "{}",
    });
    if (started.status !== 202)
      throw new Error(`POST /api/people/export-jobs: ${started.status} ${await started.text()}`);
    const { jobId } = (await started.json()) as { jobId: string };
    const progress: [number, number][] = [];
    let job: { status: string; progress: number; result: any; error: unknown };
    for (;;) {
      await new Promise((r) => setTimeout(r, 1_000));
      job = (await (
        await fetch(`${api}/api/jobs/${jobId}`, { headers: { cookie: admin.cookie } })
      ).json()) as typeof job;
      const at = Math.round((performance.now() - t0) / 100) / 10;
      progress.push([at, Math.round(job.progress * 10_000) / 10_000]);
      if (progress.length % 15 === 0)
        log(`national job: ${at} s, progress ${(job.progress * 100).toFixed(1)} %`);
      if (job.status === "succeeded" || job.status === "failed") break;
    }
    const jobSeconds = (performance.now() - t0) / 1000;
    const jobCpu = cpuSeconds(pid) - jobCpu0;
    const jobRss = rssJob.stop();
    let monotonic = true;
    let longestStill = 0;
    let lastMove = 0;
    for (let i = 1; i < progress.length; i++) {
      const [at, value] = progress[i] as [number, number];
      const previous = progress[i - 1]?.[1] ?? 0;
      if (value < previous) monotonic = false;
      if (value > previous) {
        longestStill = Math.max(longestStill, at - lastMove);
        lastMove = at;
      }
    }
    let downloadSeconds = 0;
    let fileBytes = 0;
    if (job.status === "succeeded") {
      const [s, b, st] = await download(`${api}${job.result.url}`, admin.cookie);
      if (st !== 200) throw new Error(`download answered ${st}`);
      downloadSeconds = s;
      fileBytes = b;
    }
    result.national = {
      people: nationalPeople,
      seconds: Math.round(jobSeconds * 10) / 10,
      serverCpuSeconds: Math.round(jobCpu * 10) / 10,
      rows: job.result?.rows ?? 0,
      sheets: job.result?.sheets?.length ?? 0,
      bytes: fileBytes,
      downloadSeconds: Math.round(downloadSeconds * 10) / 10,
      rss: jobRss,
      progress,
      longestStillSeconds: Math.round(longestStill * 10) / 10,
      monotonic,
      status: job.status,
      ...(job.error ? { error: job.error } : {}),
    };
    log(
      `national job: ${job.status}, ${result.national.rows} of ${nationalPeople} people on ${result.national.sheets} sheets in ${result.national.seconds} s (server CPU ${result.national.serverCpuSeconds} s) ` +
        `(${Math.round(result.national.rows / jobSeconds)} rows/s), file ${(fileBytes / 1e6).toFixed(1)} MB downloaded in ${result.national.downloadSeconds} s; ` +
        `RSS ${jobRss.beforeMb} → peak ${jobRss.peakMb} → ${jobRss.afterMb} MB; progress ${monotonic ? "monotonic" : "NOT monotonic"}, ` +
        `${progress.length} polls, longest without a move ${result.national.longestStillSeconds} s`,
    );
    return result;
  } finally {
    await database.close();
    server.child.kill("SIGTERM");
    await new Promise((r) => server.child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { database: { type: "string", default: "tg_national" }, "skip-national": { type: "boolean" } },
  });
  const result = await benchExport({ database: values.database, national: !values["skip-national"] });
  console.log(
    JSON.stringify(
      {
        ...result,
        national: result.national && {
          ...result.national,
          progress: `${result.national.progress.length} polls`,
        },
      },
      null,
      2,
    ),
  );
}
