// `node bench/dashboard.ts [checkout]`: the national root's figures against the national and a
// province's dashboard, on the national data set (`npm run seed:national`), ROUNDS rounds of S
// seconds each, from the server of a checkout (default this one) — to compare two versions of the
// code on the same data in one sitting (issue 14: the dashboard's bound is 5× the root figures).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type LoadRow, load, loginCookie, root, start, waitHealthy } from "./http.ts";

const checkout = process.argv[2] ?? root;
const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const url = new URL(base);
url.pathname = "/tg_national";
const server = await start(path.join(checkout, "server/src/main.ts"), {
  DATABASE_URL: url.toString(),
  DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "tg-dashboard-")),
  PORT: "0",
  LOG_LEVEL: "warn",
  RATE_LIMIT: "off",
  DEMO: "off",
});
try {
  const api = `http://127.0.0.1:${server.port}`;
  await waitHealthy(`${api}/api/health`, 600_000);
  const cookie =
    (await loginCookie(api, "bench.admin", process.env.BENCH_PASSWORD ?? "Bench-password-2026")) ?? "";
  const get = async (p: string) =>
    (await fetch(`${api}${p}`, { headers: { cookie } })).json() as Promise<{
      user: { unitId: string };
      items: { id: string }[];
    }>;
  const rootId = (await get("/api/auth/me")).user.unitId;
  const province = (await get(`/api/units?q=${encodeURIComponent("tinh uy bac ninh")}&pageSize=5`)).items[0]
    ?.id;
  const to = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const seconds = Number(process.env.S ?? 10);
  const h = { cookie };
  const rounds: LoadRow[][] = [];
  for (let i = 0; i < Number(process.env.ROUNDS ?? 3); i++)
    rounds.push([
      await load(
        "root figures",
        `${api}/api/units/${rootId}/stats?from=${to.slice(0, 4)}-01-01&to=${to}`,
        h,
        {
          seconds,
        },
      ),
      await load("national dashboard", `${api}/api/dashboard?unitId=${rootId}&year=${to.slice(0, 4)}`, h, {
        seconds,
      }),
      await load("province dashboard", `${api}/api/dashboard?unitId=${province}&year=${to.slice(0, 4)}`, h, {
        seconds,
      }),
    ]);
  console.log(
    "| round | root figures p95 | national dashboard p95 (÷ root) | province dashboard p95 (÷ root) |",
  );
  console.log("|---|---|---|---|");
  rounds.forEach(([figures, national, provincial], i) => {
    const r = figures?.p95 ?? 1;
    const cell = (row: LoadRow | undefined) =>
      `${row?.p95.toFixed(1)} ms (${((row?.p95 ?? 0) / r).toFixed(1)}×)`;
    console.log(`| ${i + 1} | ${r.toFixed(1)} ms | ${cell(national)} | ${cell(provincial)} |`);
  });
} finally {
  server.child.kill();
}
