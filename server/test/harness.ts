import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { type Database, openPglite, openPgliteWorker, openPostgres, poolLimitsOf } from "../src/db/client.ts";
import type { DemoAccount, DemoTree } from "../src/features/demo/seed.ts";
import type { App } from "../src/lib/http.ts";
import type { JobDefinition } from "../src/lib/jobs.ts";
import { databaseUrlFor } from "./pg-url.ts";

export interface Demo {
  accounts: DemoAccount[];
  tree: DemoTree;
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A caller of the in-process app: anonymous, or signed in with a cookie session or a bearer token. */
export class Client {
  cookie: string | null = null;
  csrfToken: string | null = null;
  bearer: string | null = null;
  private readonly app: App;
  constructor(app: App) {
    this.app = app;
  }

  async request<T = any>(
    method: string,
    url: string,
    options: { body?: unknown; headers?: Record<string, string>; csrf?: boolean; rawBody?: string } = {},
  ): Promise<Response<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const write = !["GET", "HEAD"].includes(method);
    if (write && this.csrfToken && options.csrf !== false) headers["x-csrf-token"] = this.csrfToken;
    let payload: string | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
      headers["content-type"] ??= "application/json";
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    const res = await this.app.inject({ method: method as never, url, headers, payload });
    const text = res.body;
    let body: unknown = text;
    if (text && String(res.headers["content-type"] ?? "").includes("json")) body = JSON.parse(text);
    return { status: res.statusCode, body: body as T, headers: res.headers };
  }

  get<T = any>(url: string, options?: Parameters<Client["request"]>[2]) {
    return this.request<T>("GET", url, options);
  }
  post<T = any>(url: string, body?: unknown, options?: Parameters<Client["request"]>[2]) {
    return this.request<T>("POST", url, { ...options, body });
  }
  patch<T = any>(url: string, body?: unknown, options?: Parameters<Client["request"]>[2]) {
    return this.request<T>("PATCH", url, { ...options, body });
  }
  put<T = any>(url: string, body?: unknown, options?: Parameters<Client["request"]>[2]) {
    return this.request<T>("PUT", url, { ...options, body });
  }
  delete<T = any>(url: string, options?: Parameters<Client["request"]>[2]) {
    return this.request<T>("DELETE", url, options);
  }

  /** A multipart/form-data upload of one file in the field `file`. */
  upload<T = any>(url: string, filename: string, data: Buffer): Promise<Response<T>> {
    const boundary = `----tg${Math.random().toString(16).slice(2)}`;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return this.requestRaw<T>("POST", url, body, `multipart/form-data; boundary=${boundary}`);
  }

  private async requestRaw<T>(
    method: string,
    url: string,
    payload: Buffer,
    contentType: string,
  ): Promise<Response<T>> {
    const headers: Record<string, string> = { "content-type": contentType };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken) headers["x-csrf-token"] = this.csrfToken;
    const res = await this.app.inject({ method: method as never, url, headers, payload });
    const isJson = String(res.headers["content-type"] ?? "").includes("json");
    return {
      status: res.statusCode,
      body: (isJson ? JSON.parse(res.body) : res.rawPayload) as T,
      headers: res.headers,
    };
  }

  /** A GET whose body is a file: the raw bytes. */
  async download(url: string): Promise<{ status: number; data: Buffer; headers: Response["headers"] }> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.inject({ method: "GET", url, headers });
    return { status: res.statusCode, data: res.rawPayload, headers: res.headers };
  }

  /** Polls a job until it finishes; returns its last state and the progress values seen. */
  async waitForJob(jobId: string, timeoutMs = 120_000) {
    const seen: number[] = [];
    const started = Date.now();
    for (;;) {
      const res = await this.get(`/api/jobs/${jobId}`);
      if (res.status !== 200) throw new Error(`job ${jobId}: ${res.status} ${JSON.stringify(res.body)}`);
      seen.push(res.body.progress);
      if (res.body.status === "succeeded" || res.body.status === "failed")
        return { job: res.body, progress: seen };
      if (Date.now() - started > timeoutMs) throw new Error(`job ${jobId} did not finish`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async login(username: string, password: string): Promise<Response> {
    const res = await this.post("/api/auth/login", { username, password });
    if (res.status === 200) {
      const setCookie = [res.headers["set-cookie"]]
        .flat()
        .map(String)
        .find((c) => c.startsWith("tg_session="));
      this.cookie = setCookie ? (setCookie.split(";")[0] ?? null) : null;
      this.csrfToken = res.body.csrfToken;
    }
    return res;
  }
}

export interface TestContext {
  app: App;
  database: Database;
  demo: Demo;
  /** The demo account by username. */
  account(username: string): DemoAccount;
  anonymous(): Client;
  /** A client signed in as a demo account (or any username/password). */
  as(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

/** A fresh database cloned from the run's template, and the app built in-process on it. */
export async function createTestContext(
  options: {
    env?: Record<string, string>;
    /** PGlite in its worker thread, as the server runs it. */
    worker?: boolean;
    /** PostgreSQL: the pool's size (default 5). */
    poolSize?: number;
    /** Adds test-only routes (or hooks) before the app is ready. */
    beforeReady?: (app: App) => void;
    /** Test-only job handlers, beside the modules'. */
    jobs?: JobDefinition[];
  } = {},
): Promise<TestContext> {
  const testDb = inject("testDb");
  const demo = JSON.parse(testDb.demo) as Demo;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-data-"));
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    RATE_LIMIT: "off",
    DATA_DIR: dataDir,
    ...options.env,
  });
  let database: Database;
  let dropDatabase = async () => {};
  if (testDb.kind === "postgres") {
    const baseUrl = process.env.TEST_DATABASE_URL as string;
    const name = `tg_t_${process.ppid}_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${testDb.template}`);
    await admin.end();
    database = await openPostgres(databaseUrlFor(baseUrl, name), options.poolSize ?? 5, poolLimitsOf(config));
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const loadDataDir = new Blob([fs.readFileSync(testDb.template)]);
    database = await (options.worker ? openPgliteWorker : openPglite)({ loadDataDir });
  }
  const app = await buildApp({ config, database, serveWeb: false, jobs: options.jobs ?? [] });
  options.beforeReady?.(app);
  await app.ready();
  const account = (username: string) => {
    const found = demo.accounts.find((a) => a.username === username);
    if (!found) throw new Error(`no demo account ${username}`);
    return found;
  };
  return {
    app,
    database,
    demo,
    account,
    anonymous: () => new Client(app),
    async as(username, password) {
      const client = new Client(app);
      const res = await client.login(username, password ?? account(username).password);
      if (res.status !== 200)
        throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return client;
    },
    async close() {
      await app.close();
      await database.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
