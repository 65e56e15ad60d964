import fs from "node:fs";
import path from "node:path";
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import {
  appliedMigrationCount,
  DataDirBusyError,
  openDatabase,
  pgliteDir,
  poolLimitsOf,
  runMigrations,
} from "./db/client.ts";
import { findPgliteTemplate } from "./db/pglite-template.ts";
import { demoAccountsBox, isEmpty, publishDemoAccounts, seedDemo } from "./features/demo/seed.ts";
import { findDemoTemplate, reissueDemoPasswords } from "./features/demo/template.ts";
import { ensureFiguresCurrent } from "./features/figures/index.ts";
import { installModules } from "./modules.ts";

/** The start's phases, in seconds, for its last line (and bench/first-start.ts, which reads it). */
const phases: [string, number][] = [["boot", performance.now() / 1000]];
let phaseStart = performance.now();
function phase(name: string): number {
  const seconds = (performance.now() - phaseStart) / 1000;
  phases.push([name, seconds]);
  phaseStart = performance.now();
  return seconds;
}

async function main() {
  const config = loadConfig();
  // A new embedded data directory starts as a copy of a template that `npm install` made
  // (scripts/postinstall.ts): today's demo data (features/demo/template.ts), or else the migrated
  // empty database — no initdb, no migrations, maybe no seeding. Without one: initdb, as always
  // (making the template here would cost that first start a second PGlite open).
  const fresh = !config.DATABASE_URL && !fs.existsSync(pgliteDir(config.dataDir));
  const demoTemplate = fresh && config.DEMO ? findDemoTemplate() : null;
  const pgliteTemplate = fresh ? (demoTemplate?.template ?? findPgliteTemplate()) : null;
  if (fresh) phase("template");
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config, { ...poolLimitsOf(config), pgliteTemplate });
  } catch (error) {
    if (error instanceof DataDirBusyError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const opened = phase("database");
  if (database.startedFrom === "template" || database.startedFrom === "initdb") {
    const how =
      database.startedFrom === "initdb"
        ? "initdb"
        : demoTemplate
          ? "chép từ mẫu có dữ liệu dùng thử hôm nay (copied from the template with today's demo data)"
          : "chép từ mẫu (copied from the template)";
    console.log(`CSDL nhúng mới (new embedded database): ${how}, ${opened.toFixed(1)} s`);
  }
  const appliedBefore = await appliedMigrationCount(database.db);
  await runMigrations(database, config.DATABASE_URL);
  const applied = (await appliedMigrationCount(database.db)) - appliedBefore;
  const migrated = phase("migrations");
  if (applied > 0)
    console.log(
      `Đã áp dụng ${applied} migration (applied ${applied} migrations) in ${migrated.toFixed(1)} s`,
    );
  installModules();
  await ensureFiguresCurrent(database.db, (line) => console.log(line));
  phase("figures");

  // The demo accounts are printed last, in a box, so that the request log does not hide them.
  let demoAccounts: string[] = [];
  if (demoTemplate && database.startedFrom === "template") {
    const accounts = await reissueDemoPasswords(database.db, demoTemplate.accounts);
    demoAccounts = publishDemoAccounts(config.dataDir, accounts);
    phase("demo data");
  } else if (config.DEMO && (await isEmpty(database.db))) {
    const { accounts } = await seedDemo(database.db);
    demoAccounts = publishDemoAccounts(config.dataDir, accounts);
    phase("demo data");
  } else if (config.DEMO && fs.existsSync(path.join(config.dataDir, "demo-accounts.json"))) {
    demoAccounts = [`Tài khoản dùng thử (demo accounts): ${path.join(config.dataDir, "demo-accounts.json")}`];
  }

  const app = await buildApp({ config, database });
  // On SIGTERM (a deploy, the load balancer draining this instance): stop listening, answer the
  // requests in flight (new ones on open connections get 503 and go elsewhere), end the event
  // streams with a retry hint, let running jobs finish within SHUTDOWN_GRACE_MS — a job still
  // running then goes back to the queue (its lease lapses) and another instance runs it.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    const deadline = setTimeout(() => {
      app.log.error("shutdown took too long: exiting");
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + 10_000);
    deadline.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.PORT, host: config.HOST });
  const shown = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
  const port = (app.server.address() as { port: number }).port;
  console.log(
    `Theo Gương đang chạy tại (running at) http://${shown}:${port} — CSDL (database): ${database.kind}` +
      (database.kind === "pglite" ? ` in ${config.dataDir}` : ""),
  );
  phase("app");
  const total = performance.now() / 1000;
  console.log(
    `Khởi động trong (started in) ${total.toFixed(1)} s: ${phases.map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(", ")}`,
  );
  if (demoAccounts.length) console.log(demoAccountsBox(demoAccounts));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
