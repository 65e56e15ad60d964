// What the benchmarks share: a server started in its own process, its health awaited, a load of
// `connections` clients (autocannon, in this process) against one URL, and a signed-in cookie.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Starts a server script of the repository with `env`; resolves with its port once it listens. */
export function start(
  script: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: root, env: { ...process.env, ...env } });
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening (\d+)|http:\/\/localhost:(\d+)/);
      if (m) resolve({ child, port: Number(m[1] ?? m[2]) });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${script} exited ${code}:\n${out}`)));
  });
}

export async function waitHealthy(url: string, timeoutMs = 60_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return Date.now() - t0;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not healthy: ${url}`);
}

export interface LoadRow {
  scenario: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** `connections` clients on one URL for `seconds`: latencies of the answers below 400. */
export async function load(
  scenario: string,
  url: string,
  headers: Record<string, string> = {},
  options: {
    seconds?: number;
    connections?: number;
    /** Requests cycled through in turn (method, body), instead of GETs of `url`. */
    requests?: autocannon.Request[];
  } = {},
): Promise<LoadRow> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections ?? 16,
        duration: options.seconds ?? Number(process.env.BENCH_SECONDS ?? 10),
        headers,
        ...(options.requests ? { requests: options.requests } : {}),
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status < 400) times.push(ms);
    });
  });
  times.sort((a, b) => a - b);
  const row = {
    scenario,
    rps: Math.round(result.requests.average),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.non2xx + result.errors,
  };
  console.log(
    `${scenario}: ${row.rps} req/s, p50 ${row.p50.toFixed(2)} ms, p95 ${row.p95.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms, errors ${row.errors}`,
  );
  return row;
}

/** Signs in; the session cookie, or null. */
export async function loginCookie(api: string, username: string, password: string) {
  const res = await fetch(`${api}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) return null;
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? null;
}
