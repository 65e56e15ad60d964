// `npm test`: type checks and lint, the server's unit and API tests (PGlite, or PostgreSQL when
// TEST_DATABASE_URL is set), then the end-to-end tests in Debian's Chromium. Without Chromium
// the end-to-end tests are reported as NOT run, and with E2E_REQUIRED=1 that is a failure.
// `npm run test:cluster` (--cluster): the end-to-end tests once through haproxy in front of two
// instances (scripts/cluster.ts), then the cluster tests (server/test/cluster, their own clusters).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const reports = path.join(root, ".tmp");
fs.mkdirSync(reports, { recursive: true });
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  return result.status === 0;
}

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}
function vitest(project: string, label = project): { ok: boolean; totals: Totals } {
  const out = path.join(reports, `vitest-${label.replace(/\W+/g, "-")}.json`);
  fs.rmSync(out, { force: true });
  const ok = run(`tests: ${label}`, bin("vitest"), [
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${out}`,
  ]);
  const totals = { passed: 0, failed: ok ? 0 : 1, skipped: 0 };
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, "utf8"));
    totals.passed = r.numPassedTests;
    totals.failed = Math.max(r.numFailedTests, ok ? 0 : 1);
    totals.skipped = r.numPendingTests + r.numTodoTests;
  }
  return { ok, totals };
}

if (process.argv.includes("--cluster")) await clusterStage();

const database = process.env.TEST_DATABASE_URL ? "PostgreSQL (TEST_DATABASE_URL)" : "PGlite (embedded)";
console.log(`Theo Gương — test suite on ${database}`);
const failures: string[] = [];
const sum: Totals = { passed: 0, failed: 0, skipped: 0 };
const add = (t: Totals) => {
  sum.passed += t.passed;
  sum.failed += t.failed;
  sum.skipped += t.skipped;
};

if (!run("check: types and lint", "npm", ["run", "--silent", "check"])) {
  failures.push("check");
  sum.failed += 1;
}
const server = vitest("server");
add(server.totals);
if (!server.ok) failures.push("server");

let e2eNote = "";
if (fs.existsSync(chromium)) {
  const e2e = vitest("e2e");
  add(e2e.totals);
  if (!e2e.ok) failures.push("e2e");
} else if (process.env.E2E_REQUIRED === "1") {
  failures.push("e2e");
  sum.failed += 1;
  e2eNote = `END-TO-END TESTS DID NOT RUN: Chromium is missing at ${chromium}, and E2E_REQUIRED=1.`;
} else {
  e2eNote = `END-TO-END TESTS DID NOT RUN: Chromium is not installed at ${chromium} (install Debian's package: apt-get install chromium).`;
}

console.log("");
if (e2eNote) console.log(`⚠ ${e2eNote}`);
console.log(failures.length ? `FAILED: ${failures.join(", ")}` : `All test stages passed on ${database}.`);
console.log(`${sum.passed} passed, ${sum.failed} failed${sum.skipped ? `, ${sum.skipped} skipped` : ""}`);
process.exit(failures.length ? 1 : 0);

/** --cluster: the end-to-end suite through haproxy against a cluster, then the cluster tests; exits. */
async function clusterStage(): Promise<never> {
  const { startCluster } = await import("./cluster.ts");
  console.log(
    "Theo Gương — tests against a cluster (haproxy, two instances, a primary and a replica, Redis)",
  );
  const failures: string[] = [];
  const sum: Totals = { passed: 0, failed: 0, skipped: 0 };
  const add = (t: Totals) => {
    sum.passed += t.passed;
    sum.failed += t.failed;
    sum.skipped += t.skipped;
  };
  if (fs.existsSync(chromium)) {
    const cluster = await startCluster({
      dir: path.join(reports, "cluster-e2e"),
      ports: "auto",
      env: { RATE_LIMIT: "off", REMINDERS: "off" },
    });
    console.log(`cluster up: ${cluster.url} (instances ${cluster.instances.map((i) => i.url).join(", ")})`);
    process.env.E2E_BASE_URL = cluster.url;
    process.env.E2E_ACCOUNTS_FILE = path.join(cluster.dataDir, "demo-accounts.json");
    try {
      const e2e = vitest("e2e", "e2e through haproxy");
      add(e2e.totals);
      if (!e2e.ok) failures.push("e2e (cluster)");
    } finally {
      delete process.env.E2E_BASE_URL;
      delete process.env.E2E_ACCOUNTS_FILE;
      await cluster.stop();
    }
  } else if (process.env.E2E_REQUIRED === "1") {
    failures.push("e2e (cluster)");
    sum.failed += 1;
    console.log(`⚠ END-TO-END TESTS DID NOT RUN: Chromium is missing at ${chromium}, and E2E_REQUIRED=1.`);
  }
  const cluster = vitest("cluster");
  add(cluster.totals);
  if (!cluster.ok) failures.push("cluster");
  console.log("");
  console.log(failures.length ? `FAILED: ${failures.join(", ")}` : "All cluster test stages passed.");
  console.log(`${sum.passed} passed, ${sum.failed} failed${sum.skipped ? `, ${sum.skipped} skipped` : ""}`);
  process.exit(failures.length ? 1 : 0);
}
