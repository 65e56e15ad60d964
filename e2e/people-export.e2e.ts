import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountNamed,
  baseUrl,
  e2eEnabled,
  launchBrowser,
  loginViaApi,
  openPage,
  screenshot,
  shown,
} from "./support/browser.ts";

/**
 * The people page's "Xuất Excel": a small list downloads at once; a big one (here the list's answer
 * is made to say "about 250,000", as the country's would, while the server exports the real list)
 * is exported as a job whose progress shows in a dialog until its file can be downloaded.
 */
describe.runIf(e2eEnabled)("the people export", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("downloads a small list directly", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, accountNamed("canbo.coso"));
      await page.goto("/people");
      await shown(page.getByRole("heading", { name: "Đảng viên", level: 1 }));
      await shown(page.getByRole("table"));
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Xuất Excel" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("Danh sách đảng viên.xlsx");
      expect(await page.getByRole("dialog").count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("exports a big list as a job: progress in a dialog, then the file", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, accountNamed("canbo.tinh1"));
      await page.route(
        (url) => url.pathname === "/api/people",
        async (route) => {
          const response = await route.fetch();
          const body = await response.json();
          await route.fulfill({ response, json: { ...body, total: 250_000, totalIsEstimate: true } });
        },
      );
      // The demo province's export ends within a second: its first progress answer is held for a
      // moment, so that the dialog is seen as it is while a big export runs.
      let held = false;
      await page.route(
        (url) => url.pathname.startsWith("/api/jobs/"),
        async (route) => {
          if (!held) {
            held = true;
            await new Promise((resolve) => setTimeout(resolve, 3_000));
          }
          await route.continue();
        },
      );
      await page.goto("/people");
      await shown(page.getByRole("heading", { name: "Đảng viên", level: 1 }));
      await shown(page.getByText(/khoảng 250\.000/));
      await page.getByRole("button", { name: "Xuất Excel" }).click();
      const dialog = await shown(page.getByRole("dialog", { name: "Xuất danh sách đảng viên" }));
      await shown(dialog.getByText(/khoảng 250\.000 đảng viên/).first());
      await shown(dialog.getByText("Đã tạo xong tệp Excel"));
      const bar = dialog.getByRole("progressbar", { name: "Tiến độ tạo tệp Excel" });
      expect(await bar.getAttribute("aria-valuenow")).toBe("100");
      const link = await shown(dialog.getByRole("link", { name: "Tải tệp Excel" }));
      const href = (await link.getAttribute("href")) ?? "";
      expect(href).toMatch(/^\/api\/people\/export-jobs\/[^/]+\/file$/);
      await screenshot(page, "desktop-people-export-job");
      const file = await page.request.get(`${baseUrl}${href}`);
      expect(file.status()).toBe(200);
      expect(file.headers()["content-type"]).toMatch(/spreadsheetml/);
      expect(file.headers()["content-disposition"]).toContain(
        encodeURIComponent("Danh sách đảng viên - Tỉnh ủy Bắc Ninh"),
      );
      expect((await file.body()).subarray(0, 2).toString()).toBe("PK");
      await dialog.getByRole("button", { name: "Đóng" }).first().click();
      await shown(page.getByRole("button", { name: "Xuất Excel" }));
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
