// The phone (`npm run bench -- --phone`, or on its own: `node bench/phone.ts [repository root]`):
// bytes on the wire of a member's visit in Debian's Chromium with a phone's screen — the login
// page, then signing in through the form and landing on the member's home — first with a cold
// cache, then the same visit again in the same browser context (warm cache, signed out between).
// Bytes are Chromium's own count of what it received for each request (CDP
// `Network.loadingFinished` `encodedDataLength`: compressed body and response headers), so the
// figures are deterministic for a given build and data set; no timing is reported.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { ensureWebBuild } from "../scripts/web-build.ts";

/** The member's first visit must stay under this on the wire (issue 13, "The phone"). */
export const FIRST_VISIT_BUDGET_BYTES = 300_000;

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Resource {
  /** Path and query, without the origin. */
  url: string;
  /** CDP resource type: Document, Script, Stylesheet, Fetch, Image, … */
  type: string;
  status: number;
  /** `content-encoding` of the response ("" when none). */
  encoding: string;
  /** Bytes received: headers and (compressed) body. */
  wire: number;
  /** Bytes of the body once decoded. */
  body: number;
  /** Served from the browser's cache (no request on the network). */
  fromCache: boolean;
  /** Why the request did not finish (canceled by the page, a network error). */
  failed?: string;
}

export interface Phase {
  name: string;
  resources: Resource[];
  wire: number;
  body: number;
}

export interface VisitFigures {
  cold: Phase[];
  warm: Phase[];
}

export interface Account {
  username: string;
  password: string;
}

const sum = (list: Resource[], key: "wire" | "body") => list.reduce((total, r) => total + r[key], 0);

/** Records every request of a page through CDP, phase by phase. */
async function recorder(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const byId = new Map<string, Resource>();
  const pending = new Set<string>();
  let current: Resource[] = [];
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.request.url.startsWith("data:")) return;
    const url = new URL(e.request.url);
    const resource: Resource = {
      url: url.pathname + url.search,
      type: e.type ?? "Other",
      status: 0,
      encoding: "",
      wire: 0,
      body: 0,
      fromCache: false,
    };
    byId.set(e.requestId, resource);
    pending.add(e.requestId);
    current.push(resource);
  });
  cdp.on("Network.requestServedFromCache", (e) => {
    const resource = byId.get(e.requestId);
    if (resource) resource.fromCache = true;
  });
  cdp.on("Network.responseReceived", (e) => {
    const resource = byId.get(e.requestId);
    if (!resource) return;
    resource.status = e.response.status;
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    resource.encoding = headers["content-encoding"] ?? "";
    // A live event stream (the bell's) stays open by design: it is not work still loading.
    if (e.type === "EventSource" || e.response.mimeType === "text/event-stream") pending.delete(e.requestId);
    if (e.response.fromDiskCache || e.response.fromPrefetchCache) resource.fromCache = true;
  });
  cdp.on("Network.dataReceived", (e) => {
    const resource = byId.get(e.requestId);
    if (resource) resource.body += e.dataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const resource = byId.get(e.requestId);
    if (resource) resource.wire = e.encodedDataLength;
    pending.delete(e.requestId);
  });
  cdp.on("Network.loadingFailed", (e) => {
    const resource = byId.get(e.requestId);
    if (resource) resource.failed = e.canceled ? "canceled" : e.errorText;
    pending.delete(e.requestId);
  });
  return {
    /** Waits until the page has been quiet for a while with nothing in flight, then closes the phase. */
    async phase(name: string): Promise<Phase> {
      // Not Playwright's "networkidle": an open event stream never lets it come.
      await page.waitForLoadState("load");
      for (let quiet = 0; quiet < 5; ) {
        await page.waitForTimeout(100);
        quiet = pending.size === 0 ? quiet + 1 : 0;
      }
      const resources = current;
      current = [];
      return { name, resources, wire: sum(resources, "wire"), body: sum(resources, "body") };
    },
  };
}

/**
 * One visit: the login page, then the form, then the member's home (`data-testid="member-home"`).
 * The page must be new in its context.
 */
async function visit(
  page: Page,
  record: Awaited<ReturnType<typeof recorder>>,
  account: Account,
  label: string,
) {
  await page.goto("/login");
  // Vietnamese on a first visit; the second keeps the language the member's account chose.
  await page.getByRole("heading", { name: /^(Đăng nhập|Sign in)$/ }).waitFor();
  const login = await record.phase(`${label}: login page`);
  await page.getByLabel(/^(Tên đăng nhập|Username)/).fill(account.username);
  await page.getByLabel(/^(Mật khẩu|Password)/).fill(account.password);
  await page.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).click();
  await page.getByTestId("member-home").waitFor();
  const home = await record.phase(`${label}: member home after sign-in`);
  return [login, home];
}

/**
 * A member's visit with a cold cache, then again in the same context (cache kept, cookies cleared
 * so that the login page shows again), on a phone's screen.
 */
export async function measureMemberVisit(
  browser: Browser,
  baseUrl: string,
  account: Account,
): Promise<VisitFigures> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    timezoneId: "Asia/Ho_Chi_Minh",
    locale: "vi-VN",
  });
  context.setDefaultTimeout(30_000);
  try {
    const first = await context.newPage();
    const cold = await visit(first, await recorder(context, first), account, "cold");
    await first.close();
    await context.clearCookies();
    const second = await context.newPage();
    const warm = await visit(second, await recorder(context, second), account, "warm");
    return { cold, warm };
  } finally {
    await context.close();
  }
}

export const visitTotal = (phases: Phase[]) => phases.reduce((total, p) => total + p.wire, 0);

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

/** Markdown: the totals per phase, then every resource of each phase. */
export function phoneTable(figures: VisitFigures): string {
  const phases = [...figures.cold, ...figures.warm];
  const lines = [
    "| visit | requests | from cache | on the wire (kB) | decoded (kB) |",
    "|---|---|---|---|---|",
    ...phases.map(
      (p) =>
        `| ${p.name} | ${p.resources.length} | ${p.resources.filter((r) => r.fromCache).length} | ${kB(p.wire)} | ${kB(p.body)} |`,
    ),
    `| **first visit (cold), total** | ${figures.cold.reduce((n, p) => n + p.resources.length, 0)} | | **${kB(visitTotal(figures.cold))}** (budget ${kB(FIRST_VISIT_BUDGET_BYTES)}) | ${kB(figures.cold.reduce((n, p) => n + p.body, 0))} |`,
    `| **second visit (warm), total** | ${figures.warm.reduce((n, p) => n + p.resources.length, 0)} | | **${kB(visitTotal(figures.warm))}** | ${kB(figures.warm.reduce((n, p) => n + p.body, 0))} |`,
  ];
  for (const phase of phases) {
    lines.push(
      "",
      `${phase.name}:`,
      "",
      "| resource | type | status | encoding | cache | wire (kB) | decoded (kB) |",
      "|---|---|---|---|---|---|---|",
      ...[...phase.resources]
        .sort((a, b) => b.wire - a.wire)
        .map(
          (r) =>
            `| \`${r.url.length > 70 ? `${r.url.slice(0, 67)}…` : r.url}\` | ${r.type} | ${r.failed ?? r.status} | ${r.encoding || "–"} | ${r.fromCache ? "yes" : ""} | ${kB(r.wire)} | ${kB(r.body)} |`,
        ),
    );
  }
  return lines.join("\n");
}

function startServer(root: string, env: Record<string, string>) {
  return new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ["server/src/main.ts"], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/http:\/\/[^\s:]+:(\d+)/);
      if (m) resolve({ child, port: Number(m[1]) });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
}

/**
 * Builds the web app when stale, starts the server of `root` on a fresh embedded database with
 * the demo data, and measures a demo member's visit (`dangvien1`).
 */
export async function phoneBench(root: string, log = console.log): Promise<VisitFigures> {
  if (!ensureWebBuild(log)) throw new Error("the web build failed");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-bench-phone-"));
  const server = await startServer(root, {
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    RATE_LIMIT: "off",
    DEMO: "on",
    REMINDERS: "off",
    NODE_ENV: "",
  });
  let browser: Browser | undefined;
  try {
    const accounts = JSON.parse(
      fs.readFileSync(path.join(dataDir, "demo-accounts.json"), "utf8"),
    ) as (Account & {
      role: string;
    })[];
    const member =
      accounts.find((a) => a.username === "dangvien1") ?? accounts.find((a) => a.role === "member");
    if (!member) throw new Error("no demo member account");
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
    const figures = await measureMemberVisit(browser, `http://127.0.0.1:${server.port}`, member);
    log(
      `phone: first visit ${kB(visitTotal(figures.cold))} kB on the wire, second visit ${kB(visitTotal(figures.warm))} kB`,
    );
    return figures;
  } finally {
    await browser?.close();
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
  console.log(phoneTable(await phoneBench(root)));
}
