// The embedded first start as a newcomer has it (`npm run bench -- --first-start`, or on its own:
// `node bench/first-start.ts [--runs 3] [--states install,none]`): `npm start` (scripts/start.ts) on a
// fresh DATA_DIR until /api/health answers OK, each run with a cache of its own (CACHE_DIR in a
// temporary directory, so the checkout's cache is never touched), in one of two states —
//   install: after `npm install`: its postinstall step (scripts/postinstall.ts, timed apart) made
//            the migrated template, today's demo template and the compile cache;
//   none:    after `npm install --ignore-scripts` (or a failed postinstall): nothing made, so the
//            first start runs initdb and the migrations, then seeds the demo (as before templates).
// The phases come from the server's own last line ("started in … s: boot …, template …, database …"),
// with the web build (only when web/dist is older than its sources) taken out of boot.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type FirstStartState = "install" | "none";

export interface FirstStartRun {
  state: FirstStartState;
  /** What the new database was made from. */
  from: "demo template" | "empty template" | "initdb" | "?";
  /** The load average (1 min) when the run began, and when it ended. */
  load: [number, number];
  /** The postinstall step (state "install"), ms. */
  installMs: number | null;
  /** Spawn → /api/health OK, ms. */
  totalMs: number;
  /** The server's phases, ms (boot without the web build; "web build" when one ran). */
  phases: Record<string, number>;
}

const PHASES = ["boot", "web build", "template", "database", "migrations", "figures", "demo data", "app"];

function startServer(root: string, env: Record<string, string>) {
  return new Promise<{ child: ChildProcess; port: number; output: () => string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/start.ts"], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`npm start did not listen within 5 minutes:\n${out}`));
    }, 300_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/\(running at\) http:\/\/[^:]+:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), output: () => out });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`npm start exited ${code}:\n${out}`)));
  });
}

async function healthy(url: string, timeoutMs = 300_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`not healthy: ${url}`);
}

/** The phases of the server's "started in" line and the web build line, in ms. */
export function phasesOf(output: string): Record<string, number> {
  const phases: Record<string, number> = {};
  const line = output.match(/\(started in\) [\d.]+ s: (.*)/)?.[1] ?? "";
  for (const m of line.matchAll(/([a-z ]+?) ([\d.]+) s/g)) phases[(m[1] ?? "").trim()] = Number(m[2]) * 1000;
  const web = output.match(/\(web app built\) in ([\d.]+) s/);
  if (web) {
    phases["web build"] = Number(web[1]) * 1000;
    phases.boot = Math.max(0, (phases.boot ?? 0) - phases["web build"]);
  }
  return phases;
}

async function oneRun(root: string, state: FirstStartState): Promise<FirstStartRun> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tg-first-start-"));
  const cacheDir = path.join(scratch, "cache");
  const dataDir = path.join(scratch, "data");
  const load: [number, number] = [os.loadavg()[0] ?? 0, 0];
  let installMs: number | null = null;
  if (state === "install") {
    const t = performance.now();
    const install = spawnSync(process.execPath, ["scripts/postinstall.ts"], {
      cwd: root,
      env: { ...process.env, CACHE_DIR: cacheDir },
      encoding: "utf8",
    });
    installMs = performance.now() - t;
    if (install.status !== 0) {
      fs.rmSync(scratch, { recursive: true, force: true });
      throw new Error(`postinstall failed:\n${install.stdout}\n${install.stderr}`);
    }
  }
  const t0 = performance.now();
  const server = await startServer(root, {
    CACHE_DIR: cacheDir,
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
  }).catch((error: unknown) => {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw error;
  });
  try {
    await healthy(`http://127.0.0.1:${server.port}/api/health`);
    const totalMs = performance.now() - t0;
    const output = server.output();
    const made = output.match(/\(new embedded database\): (.*)/)?.[1] ?? "";
    const from = /demo data/.test(made)
      ? "demo template"
      : /template/.test(made)
        ? "empty template"
        : /initdb/.test(made)
          ? "initdb"
          : "?";
    load[1] = os.loadavg()[0] ?? 0;
    return { state, from, load, installMs, totalMs, phases: phasesOf(output) };
  } finally {
    const exited = new Promise((r) => server.child.once("exit", r));
    server.child.kill("SIGTERM");
    await exited;
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** `runs` cold first starts in each state, one after the other (states alternate run by run). */
export async function firstStart(
  root: string,
  options: { runs?: number; states?: FirstStartState[]; log?: (line: string) => void } = {},
): Promise<FirstStartRun[]> {
  const runs = options.runs ?? 3;
  const states = options.states ?? ["install", "none"];
  const log = options.log ?? ((line: string) => console.log(line));
  // The web app as `npm install` leaves it (built): a build made necessary by edits is not the first start's.
  const { ensureWebBuild } = await import("../scripts/web-build.ts");
  if (!ensureWebBuild(log)) throw new Error("web build failed");
  const results: FirstStartRun[] = [];
  for (let i = 0; i < runs; i++) {
    for (const state of states) {
      const run = await oneRun(root, state);
      log(
        `first start ${i + 1}/${runs} (${state}): ${(run.totalMs / 1000).toFixed(1)} s from ${run.from}, load ${run.load.map((l) => l.toFixed(1)).join("→")}`,
      );
      results.push(run);
    }
  }
  return results;
}

const s = (ms: number | null | undefined) => (ms === null || ms === undefined ? "–" : (ms / 1000).toFixed(1));

/** The runs as a markdown table, then the median of each state. */
export function firstStartTable(runs: FirstStartRun[]): string {
  const head = `| state | made from | load 1 min | install step | ${PHASES.join(" | ")} | spawn → health OK |`;
  const rule = `|${" --- |".repeat(PHASES.length + 5)}`;
  const rows = runs.map(
    (r) =>
      `| ${r.state === "install" ? "after npm install" : "no install step"} | ${r.from} | ${r.load.map((l) => l.toFixed(1)).join("→")} | ${s(r.installMs)} | ${PHASES.map((p) => s(r.phases[p])).join(" | ")} | **${s(r.totalMs)}** |`,
  );
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const summary = [...new Set(runs.map((r) => r.state))].map((state) => {
    const of = runs.filter((r) => r.state === state);
    return `- ${state === "install" ? "after npm install" : "no install step"}: median ${s(median(of.map((r) => r.totalMs)))} s over ${of.length} runs (load ${of.map((r) => r.load[0].toFixed(1)).join(", ")})`;
  });
  return [head, rule, ...rows, "", ...summary].join("\n");
}

if (import.meta.main) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const runs = Number(arg("--runs") ?? 3);
  const states = (arg("--states") ?? "install,none").split(",") as FirstStartState[];
  const results = await firstStart(root, { runs, states });
  console.log(`\n${firstStartTable(results)}`);
  process.exit(0);
}
