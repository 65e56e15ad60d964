import fs from "node:fs";
import path from "node:path";
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { DataDirBusyError, openDatabase, runMigrations } from "./db/client.ts";
import { isEmpty, publishDemoAccounts, seedDemo } from "./features/demo/seed.ts";
import { ensureFiguresCurrent } from "./features/figures/rebuild.ts";
import { drainJobs, failInterruptedJobs } from "./features/jobs/runner.ts";
import { startReminderSchedule } from "./features/notifications/schedule.ts";

async function main() {
  const config = loadConfig();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config);
  } catch (error) {
    if (error instanceof DataDirBusyError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  await runMigrations(database, config.DATABASE_URL);
  await ensureFiguresCurrent(database.db, (line) => console.log(line));
  await failInterruptedJobs(database.db);

  if (config.DEMO && (await isEmpty(database.db))) {
    const { accounts } = await seedDemo(database.db);
    publishDemoAccounts(config.dataDir, accounts, (line) => console.log(line));
  } else if (config.DEMO && fs.existsSync(path.join(config.dataDir, "demo-accounts.json"))) {
    console.log(`Tài khoản dùng thử (demo accounts): ${path.join(config.dataDir, "demo-accounts.json")}`);
  }

  const app = await buildApp({ config, database });
  // The daily reminders (late commitments and ratings) and the retries of e-mail and webhook deliveries.
  const stopReminders = config.REMINDERS
    ? startReminderSchedule({
        database,
        config,
        log: (message, error) => (error ? app.log.error({ err: error }, message) : app.log.info(message)),
      })
    : async () => {};
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    await app.close();
    await stopReminders();
    await drainJobs();
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
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
