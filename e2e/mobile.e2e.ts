import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountFor,
  e2eEnabled,
  launchBrowser,
  loginViaApi,
  mainNav,
  openPage,
  screenshot,
  shown,
} from "./support/browser.ts";

const PHONE = { width: 360, height: 740 };

/** Whether the navigation is out of view and out of reach (folded on a phone). */
async function navFolded(page: Page): Promise<boolean> {
  return page.locator("#main-navigation").evaluate((nav) => {
    const box = nav.getBoundingClientRect();
    return (nav as HTMLElement).inert && box.right <= 0;
  });
}

/** Nothing on the page may be wider than the phone's screen (no sideways scrolling of the page). */
async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe.runIf(e2eEnabled)("on a 360 px phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("opens the navigation with the burger and reaches the Account page", async () => {
    const account = accountFor("officer");
    const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
    try {
      const { user } = await loginViaApi(page, account);
      await page.goto("/");
      await shown(page.getByTestId("app-shell"));
      await shown(page.getByTestId("welcome").filter({ hasText: user.displayName }));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      // The app's name fits the phone's header whole (not "Theo G…").
      const brand = page.locator("header").getByText("Theo Gương", { exact: true });
      expect(await brand.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

      // The navigation is folded away on a phone until the burger opens it.
      const nav = mainNav(page);
      const accountLink = nav.getByRole("link", { name: "Tài khoản" });
      expect(await navFolded(page)).toBe(true);
      const burger = page.getByRole("button", { name: "Mở menu điều hướng" });
      expect(await burger.getAttribute("aria-expanded")).toBe("false");
      await burger.click();
      await shown(accountLink);
      expect(
        await page.getByRole("button", { name: "Đóng menu điều hướng" }).getAttribute("aria-expanded"),
      ).toBe("true");
      await accountLink.click();

      await shown(page.getByRole("heading", { name: "Tài khoản", level: 1 }));
      expect(new URL(page.url()).pathname).toBe("/account");
      await shown(page.getByLabel(/^Mật khẩu hiện tại/));
      // Choosing a page folds the navigation again.
      await shown(page.getByRole("button", { name: "Mở menu điều hướng" }));
      await page.waitForFunction(() => {
        const nav = document.getElementById("main-navigation");
        return nav?.inert === true && nav.getBoundingClientRect().right <= 0;
      });
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "mobile-account");

      // The users list becomes cards on a phone, still without sideways scrolling.
      await page.goto("/users");
      await shown(page.getByRole("list", { name: "Người dùng" }));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "mobile-users");

      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows the not-found page, not an error with a retry, for a plan, booklet or report that is gone", async () => {
    const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
    try {
      await loginViaApi(page, accountFor("officer"));
      const gone = "00000000-0000-4000-8000-000000000000";
      for (const path of [
        `/plans/${gone}`,
        `/plans/${gone}/edit`,
        `/booklets/${gone}`,
        `/reports/${gone}`,
        `/reports/requests/${gone}`,
      ]) {
        await page.goto(path);
        await shown(page.getByRole("heading", { name: "Không tìm thấy trang", level: 1 }));
        expect(await page.getByRole("button", { name: "Thử lại" }).count(), path).toBe(0);
      }
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
