import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountNamed,
  baseUrl,
  e2eEnabled,
  launchBrowser,
  loginViaApi,
  mainNav,
  openPage,
  screenshot,
  shown,
} from "./support/browser.ts";

/**
 * The booklet journey: the officer of a grassroots organisation compiles a booklet of two demo
 * recognised models (found by typing without diacritics), puts the second first with the keyboard,
 * saves, exports the PDF, follows the job's progress and downloads the file; on a 360 px phone the
 * pages fit the screen.
 */

const PHONE = { width: 360, height: 740 };
const NEIGHBOURHOOD = "Mô hình “Tổ dân phố tự quản xanh – sạch – đẹp”";
const HOUSEHOLDS = "Cách làm “Mỗi đảng viên gắn với 5 hộ gia đình”";
/** The title quoted inside a message: its own quotes alternate (‘ ’), as in print. */
const HOUSEHOLDS_QUOTED = "Cách làm ‘Mỗi đảng viên gắn với 5 hộ gia đình’";

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Searches the picker (without diacritics) and ticks the model. */
async function choose(page: Page, typed: string, title: string) {
  await page.getByRole("searchbox", { name: "Tìm kiếm" }).fill(typed);
  const models = page.getByRole("list", { name: "Mô hình đã được công nhận" });
  const box = models.getByRole("checkbox", { name: title });
  await shown(box);
  await box.check();
}

describe.runIf(e2eEnabled)("booklets: compile two models, reorder, export the PDF", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the grassroots officer compiles, reorders, exports and downloads the PDF", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, accountNamed("canbo.coso"));
      await page.goto("/");
      await mainNav(page).getByRole("link", { name: "Tập mô hình" }).click();
      await shown(page.getByRole("heading", { name: "Tập mô hình", level: 1 }));
      await page.getByRole("link", { name: "Tạo tập mới" }).click();
      await shown(page.getByRole("heading", { name: "Tạo tập mô hình", level: 1 }));

      await page.getByRole("textbox", { name: "Tên tập" }).fill("Tập mô hình hay năm 2026");
      await choose(page, "to dan pho", NEIGHBOURHOOD);
      await choose(page, "5 ho gia dinh", HOUSEHOLDS);
      const chosen = page.getByRole("list", { name: /^Các mô hình trong tập/ });
      await expect.poll(() => chosen.getByRole("listitem").count()).toBe(2);

      // The second goes first, with the keyboard; focus stays on its buttons, and it is announced.
      const up = page.getByRole("button", { name: `Đưa “${HOUSEHOLDS_QUOTED}” lên` });
      await up.focus();
      await page.keyboard.press("Enter");
      await shown(
        page.getByRole("status").filter({ hasText: `Đã chuyển “${HOUSEHOLDS_QUOTED}” tới vị trí 1.` }),
      );
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "")).toBe(
        `Đưa “${HOUSEHOLDS_QUOTED}” xuống`,
      );
      const order = await chosen.getByRole("listitem").allTextContents();
      expect(order[0]).toContain(HOUSEHOLDS);
      expect(order[1]).toContain(NEIGHBOURHOOD);
      await screenshot(page, "desktop-booklet-form");

      await page.getByRole("button", { name: "Lưu tập" }).click();
      await shown(page.getByRole("heading", { name: "Tập mô hình hay năm 2026", level: 1 }));
      const models = page.getByRole("region", { name: /^Các mô hình trong tập/ });
      const links = await models.getByRole("link").allTextContents();
      expect(links).toEqual([HOUSEHOLDS, NEIGHBOURHOOD]);

      // The PDF: a job with a progress bar, then a download link.
      await page.getByRole("button", { name: "Xuất PDF" }).click();
      const download = await shown(page.getByRole("link", { name: /^Tải về .*\.pdf/ }));
      await shown(page.getByText("Đã tạo xong tệp PDF."));
      const href = (await download.getAttribute("href")) ?? "";
      expect(href).toMatch(/^\/api\/booklets\/[^/]+\/files\/[^/]+$/);
      const file = await page.request.get(`${baseUrl}${href}`);
      expect(file.status()).toBe(200);
      expect(file.headers()["content-type"]).toBe("application/pdf");
      expect((await file.body()).subarray(0, 5).toString()).toBe("%PDF-");
      // The file is listed for every reader of the booklet.
      await shown(page.getByRole("region", { name: "Tệp đã xuất" }).getByRole("link", { name: /\.pdf$/ }));
      await screenshot(page, "desktop-booklet-exported");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("fits a 360 px phone: the list, the form and the booklet", async () => {
    const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
    try {
      await loginViaApi(page, accountNamed("canbo.coso"));
      await page.goto("/booklets");
      const card = await shown(page.getByRole("link", { name: "Tập mô hình hay năm 2026" }).first());
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await card.click();
      await shown(page.getByRole("button", { name: "Xuất Word (.docx)" }));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "phone-booklet");
      await page.getByRole("link", { name: "Sửa tập" }).click();
      await shown(page.getByRole("button", { name: `Đưa “${HOUSEHOLDS_QUOTED}” xuống` }));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "phone-booklet-form");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
