import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { inject } from "vitest";
import { auditAccessibility } from "./axe.ts";
import { CHROMIUM_PATH, type DemoAccount, type Role } from "./env.ts";

export const baseUrl = inject("e2eBaseUrl");
/** False when Chromium is missing: the suites are then not run (the global setup says so). */
export const e2eEnabled = baseUrl !== "";
const accounts = inject("e2eAccounts");

export const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../.screens");

/** The demo account of a role (for admin, the account named `admin`). */
export function accountFor(role: Role): DemoAccount {
  const account =
    role === "admin"
      ? (accounts.find((a) => a.username === "admin") ?? accounts.find((a) => a.role === "admin"))
      : accounts.find((a) => a.role === role);
  if (!account) throw new Error(`E2E: no demo account with role ${role}`);
  return account;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors thrown in the page; a journey should end with none. */
  pageErrors: string[];
}

export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; mobile?: boolean } = {},
): Promise<Session> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  context.setDefaultTimeout(15_000);
  await auditAccessibility(context);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return { context, page, pageErrors };
}

/** Signs in through the API; the page's context shares the session cookie. */
export async function loginViaApi(page: Page, account: DemoAccount, password = account.password) {
  const response = await page.request.post(`${baseUrl}/api/auth/login`, {
    data: { username: account.username, password },
  });
  if (!response.ok()) {
    throw new Error(
      `E2E: API login of ${account.username} failed: ${response.status()} ${await response.text()}`,
    );
  }
  return (await response.json()) as {
    user: { displayName: string; username: string; role: Role; mustChangePassword: boolean };
    csrfToken: string;
  };
}

/** Waits until the element is visible (fails after the default timeout). */
export async function shown(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: "visible" });
  return locator;
}

/** Waits until no element matches, or all matches are hidden. */
export async function gone(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: "hidden" });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  const file = path.join(SCREENS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function mainNav(page: Page): Locator {
  return page.getByRole("navigation", { name: /^(Điều hướng chính|Main navigation)$/ });
}

/** A demo account by its username (`canbo.coso`, `canbo.xa`, …). */
export function accountNamed(username: string): DemoAccount {
  const account = accounts.find((a) => a.username === username);
  if (!account) throw new Error(`E2E: no demo account named ${username}`);
  return account;
}
