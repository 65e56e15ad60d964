// `npm run bench`: load scenarios from this process against a server in another process, on
// PostgreSQL (BENCH_DATABASE_URL, default the local server), written to BENCHMARKS.md with each
// scenario's ratio to two floors measured in the same run: a bare Fastify route and GET /api/auth/me.
// Also measures the embedded first start (fresh DATA_DIR → health OK, demo seeded).
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { embeddedUnderLoad, sampledTable } from "./embedded-load.ts";
import { firstStart, firstStartTable } from "./first-start.ts";
import { type LoadRow, load, loginCookie, root, start, waitHealthy } from "./http.ts";
import { benchLists, listTable, nationalCallers } from "./lists.ts";
import { phoneBench, phoneTable } from "./phone.ts";
import { rateCellOf60 } from "./rating-cell.ts";
import { NATIONAL_REQUEST_TITLE, seedReports } from "./seed-reports.ts";

const baseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres";
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 16;
type Row = LoadRow;

const children: ChildProcess[] = [];
try {
  // 1. The embedded first start (bench/first-start.ts): `npm start` on a fresh DATA_DIR as after
  // `npm install`; with --first-start, three runs after `npm install` and three without its step.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-bench-"));
  const firstStarts = await firstStart(
    root,
    process.argv.includes("--first-start") ? { runs: 3 } : { runs: 1, states: ["install"] },
  );
  const installed = firstStarts.filter((r) => r.state === "install").map((r) => r.totalMs);
  const firstStartMs = installed.sort((a, b) => a - b)[Math.floor((installed.length - 1) / 2)] ?? 0;
  const firstStartRuns = firstStartTable(firstStarts);
  console.log(firstStartRuns);

  // 2. PostgreSQL: a fresh database with the demo data.
  const dbName = "tg_bench";
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();
  const env = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: "0",
    LOG_LEVEL: "warn",
    RATE_LIMIT: "off",
    DEMO: "on",
  };
  fs.rmSync(path.join(dataDir, "demo-accounts.json"), { force: true });
  const server = await start("server/src/main.ts", env);
  children.push(server.child);
  const api = `http://127.0.0.1:${server.port}`;
  await waitHealthy(`${api}/api/health`);
  const bare = await start("bench/bare-server.ts", { PORT: "0" });
  children.push(bare.child);

  const accounts = JSON.parse(fs.readFileSync(path.join(dataDir, "demo-accounts.json"), "utf8")) as {
    username: string;
    password: string;
  }[];
  const officer = accounts.find((a) => a.username === "canbo.tinh1");
  const cookie = (await loginCookie(api, officer?.username ?? "", officer?.password ?? "")) ?? "";

  const rows: Row[] = [];
  rows.push(await load("floor: bare Fastify route", `http://127.0.0.1:${bare.port}/bare`));
  rows.push(await load("floor: GET /api/auth/me", `${api}/api/auth/me`, { cookie }));
  rows.push(await load("GET /api/health (database round trip)", `${api}/api/health`));
  rows.push(
    await load("GET /api/users (province officer, page of 50)", `${api}/api/users?pageSize=50`, { cookie }),
  );
  rows.push(
    await load("GET /api/units (province subtree, page of 200)", `${api}/api/units?pageSize=200`, { cookie }),
  );

  const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : "–");
  const tableOf = (list: Row[]) => {
    const [bareRow, meRow] = list;
    return list
      .map(
        (r) =>
          `| ${r.scenario} | ${r.rps} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${ratio(r.p95, bareRow?.p95)} | ${ratio(r.p95, meRow?.p95)} | ${r.errors} |`,
      )
      .join("\n");
  };
  const table = tableOf(rows);

  // National data set (after `npm run seed:national`): the tree module's scenarios.
  let national = "";
  if (process.argv.includes("--national")) {
    const n = new URL(baseUrl);
    n.pathname = `/${process.env.BENCH_NATIONAL_DATABASE ?? "tg_national"}`;
    const nationalServer = await start("server/src/main.ts", {
      ...env,
      DATABASE_URL: n.toString(),
      DEMO: "off",
    });
    children.push(nationalServer.child);
    const napi = `http://127.0.0.1:${nationalServer.port}`;
    await waitHealthy(`${napi}/api/health`);
    const ncookie =
      (await loginCookie(napi, "bench.admin", process.env.BENCH_PASSWORD ?? "Bench-password-2026")) ?? "";
    const get = async (path: string) =>
      (await fetch(`${napi}${path}`, { headers: { cookie: ncookie } })).json() as Promise<any>;
    const rootId = (await get("/api/auth/me")).user.unitId as string;
    const find = async (q: string) =>
      (await get(`/api/units?q=${encodeURIComponent(q)}&pageSize=5`)).items[0]?.id as string;
    const province = await find("tinh uy bac ninh");
    const commune = await find("dang uy phuong kinh bac");
    const bloc = await find("BLOC-01");
    const to = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const period = `from=${to.slice(0, 4)}-01-01&to=${to}`;
    const h = { cookie: ncookie };
    const nrows: Row[] = [];
    nrows.push(await load("floor: bare Fastify route", `http://127.0.0.1:${bare.port}/bare`));
    nrows.push(await load("floor: GET /api/auth/me", `${napi}/api/auth/me`, h));
    nrows.push(
      await load("subtree figures: national root", `${napi}/api/units/${rootId}/stats?${period}`, h),
    );
    nrows.push(
      await load(
        "subtree figures: a province (Bắc Ninh)",
        `${napi}/api/units/${province}/stats?${period}`,
        h,
      ),
    );
    nrows.push(await load("subtree figures: a commune", `${napi}/api/units/${commune}/stats?${period}`, h));
    // The dashboard: every metric of the year, 5 years of trend, the 34 provinces (table, map).
    nrows.push(
      await load("national dashboard", `${napi}/api/dashboard?unitId=${rootId}&year=${to.slice(0, 4)}`, h),
    );
    nrows.push(
      await load(
        "dashboard: a province (Bắc Ninh, its communes)",
        `${napi}/api/dashboard?unitId=${province}&year=${to.slice(0, 4)}`,
        h,
      ),
    );
    nrows.push(
      await load(
        'people search ("nguyen van an", national)',
        `${napi}/api/people?q=nguyen%20van%20an&pageSize=50`,
        h,
      ),
    );
    nrows.push(await load("unit page (a province)", `${napi}/api/units/${province}`, h));
    nrows.push(
      await load(
        "children of a node with 3,000 children (page 30 of 60)",
        `${napi}/api/units/${bloc}/children?page=30&pageSize=50`,
        h,
      ),
    );
    nrows.push(
      await load("find one child by name among 3,000", `${napi}/api/units/${bloc}/children?q=so%202999`, h),
    );
    nrows.push(
      await load(
        'models search ("lam theo bac", ranked, national)',
        `${napi}/api/practices?q=lam%20theo%20bac&sort=relevance&pageSize=20`,
        h,
      ),
    );
    // Completeness of one national request to every unit (bench/seed-reports.ts, made here once).
    const issued = await get("/api/report-requests?scope=issued&pageSize=200");
    let reportRequestId = (issued.items as { id: string; title: string }[] | undefined)?.find(
      (r) => r.title === NATIONAL_REQUEST_TITLE,
    )?.id;
    if (!reportRequestId) {
      const { openPostgres } = await import("../server/src/db/client.ts");
      const seeding = await openPostgres(n.toString(), 2);
      reportRequestId = await seedReports(seeding.db, (m) => console.log(`reports: ${m}`));
      await seeding.db.execute(sql`vacuum analyze reports`);
      await seeding.close();
    }
    const completeness = `${napi}/api/report-requests/${reportRequestId}/completeness`;
    nrows.push(await load("completeness of a national request (root, ~300,000 reports)", completeness, h));
    nrows.push(
      await load(
        "completeness of a national request (a province's view)",
        `${completeness}?unitId=${province}`,
        h,
      ),
    );
    nrows.push(
      await load(
        "completeness of a national request (a commune's view)",
        `${completeness}?unitId=${commune}`,
        h,
      ),
    );
    const sizes = await get(`/api/units/${rootId}/stats?${period}`);
    // Rating a cell of 60 in one request: timed in sequence (each save changes the sheet's version).
    const rating = await rateCellOf60(napi, {
      username: "bench.admin",
      password: process.env.BENCH_PASSWORD ?? "Bench-password-2026",
    });
    national = `
## National data set (PostgreSQL; \`npm run bench -- --national\` after \`npm run seed:national\`)

Data set: ${sizes.metrics["units.total"]} active units, ${sizes.metrics["people.active"]} active members, ${sizes.metrics["practices.total"]} good-practice models, ${sizes.metrics["commitments.count"]} commitments this year (the subtree figures below include the commitment and rating metrics).

| scenario | req/s | p50 | p95 | p99 | ÷ bare p95 | ÷ /auth/me p95 | errors |
|---|---|---|---|---|---|---|---|
${tableOf(nrows)}

| writes in sequence | n | p50 | p95 | max |
|---|---|---|---|---|
| ${rating.scenario} | ${rating.n} | ${rating.p50.toFixed(1)} | ${rating.p95.toFixed(1)} | ${rating.max.toFixed(1)} |
`;
  }
  const cpu = os.cpus()[0]?.model ?? "?";
  const md = `# Benchmarks

Run with \`npm run bench\` (PostgreSQL at \`BENCH_DATABASE_URL\`, default the local server; the
load generator, autocannon, runs in a separate process from the server; ${connections} connections,
${duration} s per scenario, rate limits off, no response caching). Figures below are from the
last run on this project's machine (${os.cpus().length} cores, ${cpu}, Node ${process.version}),
${new Date().toISOString().slice(0, 10)}. Latencies in ms; ratios are p95 ÷ the floor's p95.

## First start (embedded database)

\`npm start\` on a fresh \`DATA_DIR\` → \`/api/health\` OK, as after \`npm install\` (whose
postinstall made the migrated template, today's demo template and the compile cache; the web app
built): **${(firstStartMs / 1000).toFixed(1)} s** (target: under 30 s on a busy machine, 10 s quiet).
\`npm run bench -- --first-start\` (or \`node bench/first-start.ts\`) times three runs after
\`npm install\` and three without its step (the first start then runs initdb and the migrations
and seeds the demo), phase by phase (s):

${firstStartRuns}

## HTTP scenarios (PostgreSQL, demo data set)

| scenario | req/s | p50 | p95 | p99 | ÷ bare p95 | ÷ /auth/me p95 | errors |
|---|---|---|---|---|---|---|---|
${table}

${national}`;
  const previous = fs.existsSync(path.join(root, "BENCHMARKS.md"))
    ? fs.readFileSync(path.join(root, "BENCHMARKS.md"), "utf8")
    : "";
  // Sections measured by other means (web build, national seeding) are kept from the last file.
  let webBuild = previous.match(/## Web build[\s\S]*$/)?.[0] ?? "";
  // The embedded server under big work (minutes: two 100,000-row imports and a 200,000-row export).
  if (process.argv.includes("--embedded-load")) {
    const table = `<!-- embedded-load -->\n${sampledTable(await embeddedUnderLoad(root))}\n<!-- /embedded-load -->`;
    webBuild = webBuild.replace(/<!-- embedded-load -->[\s\S]*<!-- \/embedded-load -->/, table);
  }
  // Every list route's page 1 at national size, generated from the OpenAPI document (minutes).
  if (process.argv.includes("--lists")) {
    const n = new URL(baseUrl);
    n.pathname = `/${process.env.BENCH_NATIONAL_DATABASE ?? "tg_national"}`;
    const listServer = await start("server/src/main.ts", { ...env, DATABASE_URL: n.toString(), DEMO: "off" });
    children.push(listServer.child);
    const lapi = `http://127.0.0.1:${listServer.port}`;
    await waitHealthy(`${lapi}/api/health`);
    const callers = await nationalCallers(lapi, process.env.BENCH_PASSWORD ?? "Bench-password-2026");
    const seconds = Number(process.env.BENCH_LIST_SECONDS ?? 5);
    const result = await benchLists(lapi, callers, { seconds, connections });
    const table = `<!-- lists -->\n${seconds} s per list and caller, ${connections} connections, ${new Date().toISOString().slice(0, 10)}.\n${listTable(result)}\n<!-- /lists -->`;
    webBuild = webBuild.replace(/<!-- lists -->[\s\S]*<!-- \/lists -->/, table);
    listServer.child.kill("SIGTERM");
  }
  // A member's first visit on a phone: bytes on the wire in Chromium, cold then warm cache.
  if (process.argv.includes("--phone")) {
    const table = `<!-- phone -->\n${phoneTable(await phoneBench(root))}\n<!-- /phone -->`;
    console.log(table);
    webBuild = webBuild.includes("<!-- phone -->")
      ? webBuild.replace(/<!-- phone -->[\s\S]*<!-- \/phone -->/, table)
      : `${webBuild}\n## The phone (a member's first visit; \`npm run bench -- --phone\`)\n\n${table}\n`;
  }
  fs.writeFileSync(path.join(root, "BENCHMARKS.md"), `${md}${webBuild ? `\n${webBuild}` : ""}`);
  console.log("written BENCHMARKS.md");
  fs.rmSync(dataDir, { recursive: true, force: true });
} finally {
  for (const c of children) c.kill("SIGTERM");
}
process.exit(0);
