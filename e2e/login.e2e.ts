import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountFor,
  baseUrl,
  e2eEnabled,
  launchBrowser,
  loginViaApi,
  mainNav,
  openPage,
  shown,
} from "./support/browser.ts";
import type { Role } from "./support/env.ts";

/** Which modules each role sees in the navigation (English labels). */
const SEES_USERS: Record<Role, boolean> = {
  admin: true,
  officer: true,
  leader: true,
  secretary: false,
  member: false,
};

describe.runIf(e2eEnabled)("login through the form", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const role of ["admin", "officer", "leader", "secretary", "member"] as const) {
    it(`${role}: signs in, switches to English and back, signs out`, async () => {
      const account = accountFor(role);
      const { context, page, pageErrors } = await openPage(browser);
      // A visitor's first page makes no request that fails, so the console stays clean.
      const failed: string[] = [];
      const consoleErrors: string[] = [];
      page.on("response", (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
      });
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(m.text());
      });
      try {
        await page.goto("/");
        // Without a session the app sends the visitor to the login page.
        await shown(page.getByRole("heading", { name: "Đăng nhập" }));
        expect(new URL(page.url()).pathname).toBe("/login");
        await page.waitForLoadState("networkidle");
        expect(failed).toEqual([]);
        expect(consoleErrors).toEqual([]);

        await page.getByLabel("Tên đăng nhập").fill(account.username);
        await page.getByLabel(/^Mật khẩu/).fill(account.password);
        const [loginResponse] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith("/api/auth/login") && r.request().method() === "POST"),
          page.getByRole("button", { name: "Đăng nhập" }).click(),
        ]);
        expect(loginResponse.status()).toBe(200);
        const { user } = (await loginResponse.json()) as { user: { displayName: string } };

        await shown(page.getByTestId("app-shell"));
        await shown(page.getByTestId("welcome").filter({ hasText: user.displayName }));
        await shown(mainNav(page).getByRole("link", { name: "Trang chủ" }));
        expect(await page.locator("html").getAttribute("lang")).toBe("vi");

        // English, from the user menu.
        await page.getByTestId("user-menu").click();
        await shown(page.getByTestId("user-display-name").filter({ hasText: user.displayName }));
        await page.getByTestId("lang-en").click();
        const nav = mainNav(page);
        await shown(nav.getByRole("link", { name: "Home" }));
        await shown(nav.getByRole("link", { name: "API tokens" }));
        await shown(nav.getByRole("link", { name: "Account" }));
        expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(SEES_USERS[role] ? 1 : 0);
        expect(await nav.getByRole("link", { name: "Audit log" }).count()).toBe(role === "admin" ? 1 : 0);
        expect(await page.locator("html").getAttribute("lang")).toBe("en");

        // And back to Vietnamese.
        await page.getByTestId("user-menu").click();
        await page.getByTestId("lang-vi").click();
        await shown(nav.getByRole("link", { name: "Trang chủ" }));
        await shown(nav.getByRole("link", { name: "Tài khoản" }));

        // Sign out: back on the login page, and the app no longer opens without signing in.
        await page.getByTestId("user-menu").click();
        await page.getByTestId("logout").click();
        await shown(page.getByRole("heading", { name: "Đăng nhập" }));
        expect(new URL(page.url()).pathname).toBe("/login");
        await page.goto("/account");
        await shown(page.getByRole("heading", { name: "Đăng nhập" }));

        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("a wrong password shows the server's message and stays on the login page", async () => {
    const account = accountFor("member");
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await page.goto("/login");
      await page.getByLabel("Tên đăng nhập").fill(account.username);
      await page.getByLabel(/^Mật khẩu/).fill(`${account.password}-wrong`);
      await page.getByRole("button", { name: "Đăng nhập" }).click();

      const alert = await shown(page.getByTestId("login-error"));
      expect(await alert.getAttribute("role")).toBe("alert");
      expect((await alert.textContent())?.trim()).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
      expect(new URL(page.url()).pathname).toBe("/login");
      expect(await page.getByTestId("app-shell").count()).toBe(0);

      // The message follows the language chosen on the login page.
      await page.getByTestId("lang-en").click();
      await shown(page.getByRole("heading", { name: "Sign in" }));
      await page.getByRole("button", { name: "Sign in" }).click();
      await shown(page.getByTestId("login-error").filter({ hasText: "Wrong username or password." }));

      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a session lost mid-way returns to the login page, and signing in again resumes the page", async () => {
    const account = accountFor("leader");
    const { context, page, pageErrors } = await openPage(browser);
    try {
      const { csrfToken } = await loginViaApi(page, account);
      await page.goto("/");
      await shown(page.getByTestId("app-shell"));

      // The session ends elsewhere (here: signed out through the API with the same cookie).
      const logout = await page.request.post(`${baseUrl}/api/auth/logout`, {
        headers: { "x-csrf-token": csrfToken },
      });
      expect(logout.status()).toBe(204);

      // The next call answers 401: the app shows the login page instead of an error.
      await mainNav(page).getByRole("link", { name: "Mã truy cập API" }).click();
      await shown(page.getByRole("heading", { name: "Đăng nhập" }));

      await page.getByLabel("Tên đăng nhập").fill(account.username);
      await page.getByLabel(/^Mật khẩu/).fill(account.password);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await shown(page.getByRole("heading", { name: "Mã truy cập API", level: 1 }));
      expect(new URL(page.url()).pathname).toBe("/tokens");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
