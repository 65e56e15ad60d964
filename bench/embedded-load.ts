// The embedded server under big work (`npm run bench -- --embedded-load`, or on its own:
// `node bench/embedded-load.ts [repository root]`): a fresh PGlite DATA_DIR with the demo data,
// then /api/health and a page request (GET /api/auth/me) sampled each in its own loop every ~50 ms,
// while (a) a 100,000-row people import job runs, a second one brings the list to ~200,000 people,
// and (b) the 200,000-row people export runs. Each phase is compared with the same samples taken
// while the server is idle (the floor of this run).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface Sampled {
  phase: string;
  seconds: number;
  health: Latencies;
  page: Latencies;
}
interface Latencies {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

const IMPORT_ROWS = 100_000;

function startServer(root: string, env: Record<string, string>) {
  return new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ["server/src/main.ts"], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/http:\/\/localhost:(\d+)/);
      if (m) resolve({ child, port: Number(m[1]) });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
}

const summary = (times: number[]): Latencies => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
};

/** A people sheet as .csv: realistic Vietnamese names, valid dates, no unit column (unitId= is given). */
function peopleCsv(rows: number, offset: number) {
  const family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"];
  const middle = ["Văn", "Thị", "Minh", "Quốc", "Thu", "Hữu", "Ngọc", "Đức"];
  const given = ["An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Quang", "Tâm"];
  const lines = ["Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng"];
  for (let i = offset; i < offset + rows; i++) {
    const name = `${family[i % 10]} ${middle[(i >> 3) % 8]} ${given[(i >> 6) % 12]} ${i}`;
    const year = 1950 + (i % 50);
    lines.push(`${name},${i % 2 ? "Nam" : "Nữ"},${(i % 28) + 1}/${(i % 12) + 1}/${year},01/01/${year + 22}`);
  }
  return Buffer.from(lines.join("\n"));
}

/** Runs the scenario against the server of `root` (this repository by default). */
export async function embeddedUnderLoad(root: string, log = console.log): Promise<Sampled[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-bench-embedded-"));
  const server = await startServer(root, {
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    PORT: "0",
    LOG_LEVEL: "warn",
    RATE_LIMIT: "off",
    DEMO: "on",
    REMINDERS: "off",
  });
  const api = `http://127.0.0.1:${server.port}`;
  try {
    const accounts = JSON.parse(fs.readFileSync(path.join(dataDir, "demo-accounts.json"), "utf8")) as {
      username: string;
      password: string;
    }[];
    const admin = accounts.find((a) => a.username === "admin");
    const login = await fetch(`${api}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: admin?.username, password: admin?.password }),
    });
    const loginBody = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const headers = { cookie, "x-csrf-token": loginBody.csrfToken };
    const units = (await (
      await fetch(`${api}/api/units?q=${encodeURIComponent("chi bo van phong")}&pageSize=1`, { headers })
    ).json()) as { items: { id: string }[] };
    const cellId = units.items[0]?.id;
    if (!cellId) throw new Error("no demo cell");

    /**
     * Samples health and a page request, each in its own loop every ~50 ms, until `work` settles:
     * a page request that waits does not hold the health samples back.
     */
    const sampleDuring = async (phase: string, work: Promise<unknown>): Promise<Sampled> => {
      let done = false;
      const t0 = performance.now();
      const settled = work.finally(() => {
        done = true;
      });
      const loop = async (url: string, into: number[], signedIn: boolean) => {
        while (!done) {
          const s = performance.now();
          const res = await fetch(url, signedIn ? { headers } : {});
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${url}: ${res.status}`);
          into.push(performance.now() - s);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const health: number[] = [];
      const page: number[] = [];
      // Health as a load balancer asks it (no session); the page as a signed-in user opens one.
      await Promise.all([loop(`${api}/api/health`, health, false), loop(`${api}/api/auth/me`, page, true)]);
      await settled;
      const row = {
        phase,
        seconds: (performance.now() - t0) / 1000,
        health: summary(health),
        page: summary(page),
      };
      log(
        `${phase}: ${row.seconds.toFixed(1)} s; health p50 ${row.health.p50.toFixed(1)} p95 ${row.health.p95.toFixed(1)} max ${row.health.max.toFixed(0)} ms (n=${row.health.n}); ` +
          `/auth/me p50 ${row.page.p50.toFixed(1)} p95 ${row.page.p95.toFixed(1)} max ${row.page.max.toFixed(0)} ms`,
      );
      return row;
    };
    const importJob = async (offset: number) => {
      const boundary = `----tgbench${offset}`;
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ds.csv"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        peopleCsv(IMPORT_ROWS, offset),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await fetch(`${api}/api/imports/people?unitId=${cellId}`, {
        method: "POST",
        headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}` },
        body,
      });
      if (res.status !== 202) throw new Error(`import: ${res.status} ${await res.text()}`);
      const { jobId } = (await res.json()) as { jobId: string };
      for (;;) {
        const job = (await (await fetch(`${api}/api/jobs/${jobId}`, { headers })).json()) as {
          status: string;
          error?: unknown;
        };
        if (job.status === "succeeded") return;
        if (job.status === "failed") throw new Error(`import failed: ${JSON.stringify(job.error)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const idle = new Promise((r) => setTimeout(r, 5000));
    const rows = [await sampleDuring("idle (floor)", idle)];
    rows.push(await sampleDuring("import of 100,000 people (job)", importJob(0)));
    rows.push(await sampleDuring("second import of 100,000 people (job)", importJob(IMPORT_ROWS)));
    const exported = async () => {
      const res = await fetch(`${api}/api/people/export`, { headers });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok) throw new Error(`export: ${res.status}`);
      log(`export: ${(bytes / 1e6).toFixed(1)} MB`);
    };
    rows.push(await sampleDuring("export of ~200,000 people (.xlsx)", exported()));
    return rows;
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((r) => server.child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The scenario's table (latencies in ms, ratios to the idle floor's p95). */
export function sampledTable(rows: Sampled[]) {
  const [floor] = rows;
  const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(1) : "–");
  const line = (r: Sampled) =>
    `| ${r.phase} | ${r.seconds.toFixed(1)} | ${r.health.p50.toFixed(1)} | ${r.health.p95.toFixed(1)} | ${r.health.max.toFixed(0)} | ${ratio(r.health.p95, floor?.health.p95)} | ${r.page.p50.toFixed(1)} | ${r.page.p95.toFixed(1)} | ${r.page.max.toFixed(0)} | ${r.health.n} / ${r.page.n} |`;
  return [
    "| phase | s | health p50 | p95 | max | p95 ÷ idle | /auth/me p50 | p95 | max | samples (health / page) |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map(line),
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
  console.log(sampledTable(await embeddedUnderLoad(root)));
}
