import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { ensureWebBuild } from "../../scripts/web-build.ts";
import { CHROMIUM_PATH, type DemoAccount } from "./env.ts";

/**
 * Starts one real server for the end-to-end run: built web app, fresh data directory (or a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set), demo data, no rate limits. Tests get its
 * address and the demo accounts through `inject`. With E2E_BASE_URL set, no server is started: the
 * tests run against that address (e.g. haproxy in front of `npm run cluster`) with the demo
 * accounts of E2E_ACCOUNTS_FILE (the cluster's DATA_DIR/demo-accounts.json).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const HEALTH_TIMEOUT_MS = 180_000;
const SERVER_LOG_LIMIT = 64_000;

export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    const message = `E2E: Chromium not installed (${CHROMIUM_PATH}): end-to-end tests did NOT run`;
    if (process.env.E2E_REQUIRED === "1") throw new Error(`${message} (E2E_REQUIRED=1)`);
    console.warn(`\n${message}\n`);
    project.provide("e2eBaseUrl", "");
    project.provide("e2eAccounts", []);
    return;
  }

  const externalUrl = process.env.E2E_BASE_URL;
  if (externalUrl) {
    const accountsFile = process.env.E2E_ACCOUNTS_FILE;
    if (!accountsFile || !fs.existsSync(accountsFile))
      throw new Error(
        `E2E: E2E_BASE_URL is set, but E2E_ACCOUNTS_FILE (${accountsFile}) names no demo accounts file`,
      );
    project.provide("e2eBaseUrl", externalUrl.replace(/\/$/, ""));
    project.provide("e2eAccounts", JSON.parse(fs.readFileSync(accountsFile, "utf8")) as DemoAccount[]);
    return;
  }

  if (!ensureWebBuild()) throw new Error("E2E: the web build failed");

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    RATE_LIMIT: "off",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
    HOST: "127.0.0.1",
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV; // the e2e server speaks plain HTTP: no Secure cookies.

  let dropDatabase: (() => Promise<void>) | null = null;
  const testDatabaseUrl = process.env.TEST_DATABASE_URL;
  if (testDatabaseUrl) {
    const name = `e2e_${randomBytes(6).toString("hex")}`;
    await withPg(testDatabaseUrl, (client) => client.query(`create database ${name}`));
    env.DATABASE_URL = databaseUrlFor(testDatabaseUrl, name);
    const drop = async () => {
      await withPg(testDatabaseUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    };
    dropDatabase = drop;
    const seeded = spawnSync(process.execPath, ["server/src/cli.ts", "seed-demo"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    if (seeded.status !== 0) {
      await drop();
      throw new Error(`E2E: seed-demo failed (exit ${seeded.status}):\n${seeded.stdout}\n${seeded.stderr}`);
    }
  }

  const port = await freePort();
  env.PORT = String(port);
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["server/src/main.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-SERVER_LOG_LIMIT);
  };
  server.stdout?.on("data", collect);
  server.stderr?.on("data", collect);

  const cleanup = async () => {
    await stop(server);
    if (dropDatabase)
      await dropDatabase().catch((error) => console.warn("E2E: could not drop database", error));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, server, () => output);
  } catch (error) {
    await cleanup();
    throw error;
  }

  const accountsFile = path.join(dataDir, "demo-accounts.json");
  if (!fs.existsSync(accountsFile)) {
    await cleanup();
    throw new Error(`E2E: the server wrote no ${accountsFile}. Server output:\n${output}`);
  }
  const accounts = JSON.parse(fs.readFileSync(accountsFile, "utf8")) as DemoAccount[];

  project.provide("e2eBaseUrl", baseUrl);
  project.provide("e2eAccounts", accounts);
  return cleanup;
}

function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(
        `E2E: the server exited with code ${server.exitCode} before it was ready:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `E2E: GET /api/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s:\n${output()}`,
  );
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

declare module "vitest" {
  export interface ProvidedContext {
    /** "" when the end-to-end tests cannot run (no Chromium). */
    e2eBaseUrl: string;
    e2eAccounts: DemoAccount[];
  }
}
