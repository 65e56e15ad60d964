import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountNamed,
  e2eEnabled,
  launchBrowser,
  loginViaApi,
  mainNav,
  openPage,
  screenshot,
  shown,
} from "./support/browser.ts";

/**
 * The plans journey, "upper level first, lower level after": the provincial officer drafts a plan
 * in the form and issues it after confirming; the commune officer starts the commune's plan from it,
 * adapts it, issues it, reports a task done and downloads the Word file; the province then sees in
 * the cascade that the commune issued and how its inherited task stands. On a 360 px phone the
 * pages fit the screen.
 */

const PHONE = { width: 360, height: 740 };
const TITLE = "Kế hoạch tuyên truyền chuyên đề năm 2026 (thử nghiệm)";
const TASK = "Tổ chức sinh hoạt chuyên đề tại 100% chi bộ.";

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Confirms the issue dialog and waits for the plan to show as issued. */
async function issue(page: Page) {
  await page.getByRole("button", { name: "Ban hành", exact: true }).click();
  const dialog = await shown(page.getByRole("dialog", { name: "Ban hành kế hoạch" }));
  await dialog.getByRole("button", { name: "Ban hành", exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
  // The number it took shows among its facts.
  await shown(page.getByText(/^\d{2}-KH\/(TU|ĐU)$/));
}

describe.runIf(e2eEnabled)("plans: issued above, derived, adapted and issued below, followed above", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("P1 issues a plan; C derives, adapts, issues, reports and downloads; P1 follows the cascade", async () => {
    const province = await openPage(browser);
    const commune = await openPage(browser);
    try {
      // The province drafts the plan in the form and issues it.
      const p = province.page;
      await loginViaApi(p, accountNamed("canbo.tinh1"));
      await p.goto("/");
      await mainNav(p).getByRole("link", { name: "Kế hoạch" }).click();
      await shown(p.getByRole("heading", { name: "Kế hoạch", level: 1 }));
      await p.getByRole("link", { name: "Xây dựng kế hoạch" }).click();
      await shown(p.getByRole("heading", { name: "Xây dựng kế hoạch", level: 1 }));
      // Saving empty marks what is missing and moves the focus there.
      await p.getByRole("button", { name: "Lưu dự thảo" }).click();
      await shown(p.getByText("Vui lòng sửa các ô được đánh dấu."));
      expect(await p.evaluate(() => document.activeElement?.getAttribute("aria-invalid"))).toBe("true");
      await p.getByRole("textbox", { name: "Tên kế hoạch" }).fill(TITLE);
      await p.getByRole("textbox", { name: "Trích yếu" }).fill("tuyên truyền chuyên đề năm 2026");
      await p.getByRole("button", { name: "Thêm mục tiêu" }).click();
      await p.getByRole("textbox", { name: "Mục tiêu 1" }).fill("100% chi bộ sinh hoạt chuyên đề.");
      await p.getByRole("button", { name: "Thêm nhiệm vụ" }).click();
      await p.getByRole("textbox", { name: "Nội dung nhiệm vụ" }).fill(TASK);
      await p.getByRole("textbox", { name: "Thời hạn" }).fill("30062026");
      await p.getByRole("textbox", { name: "Họ và tên người ký" }).fill("Nguyễn Văn Thành");
      await screenshot(p, "desktop-plan-form");
      await p.getByRole("button", { name: "Lưu dự thảo" }).click();
      await shown(p.getByRole("heading", { name: TITLE, level: 1 }));
      await shown(p.getByText("Dự thảo", { exact: true }).first());
      await issue(p);
      const cascade = p.getByRole("region", { name: "Các đơn vị trực thuộc thực hiện" });
      await shown(cascade.getByText("0/3 đơn vị đã ban hành"));
      const planUrl = p.url();

      // The commune finds it among the plans from above and starts its own from it.
      const c = commune.page;
      await loginViaApi(c, accountNamed("canbo.xa"));
      await c.goto("/plans?scope=above");
      await c.getByRole("link", { name: TITLE }).first().click();
      await shown(c.getByRole("heading", { name: TITLE, level: 1 }));
      await c.getByRole("button", { name: "Xây dựng kế hoạch của đơn vị" }).click();
      const derive = await shown(c.getByRole("dialog", { name: "Xây dựng kế hoạch từ kế hoạch cấp trên" }));
      await derive.getByRole("button", { name: "Tạo dự thảo" }).click();
      await shown(c.getByRole("heading", { name: "Sửa dự thảo kế hoạch", level: 1 }));
      await shown(c.getByText("Từ cấp trên").first());
      await c.getByRole("textbox", { name: "Họ và tên người ký" }).fill("Trần Minh Đức");
      await c.getByRole("button", { name: "Thêm nhiệm vụ" }).click();
      await c
        .getByRole("textbox", { name: "Nội dung nhiệm vụ" })
        .nth(1)
        .fill("Thi tìm hiểu chuyên đề ở khu dân cư.");
      // The new task goes first, with the keyboard; the focus stays on its button.
      await c.getByRole("button", { name: "Chuyển Nhiệm vụ 2 lên" }).focus();
      await c.keyboard.press("Enter");
      await expect
        .poll(() => c.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? ""))
        .toBe("Chuyển Nhiệm vụ 1 xuống");
      await c.getByRole("button", { name: "Lưu dự thảo" }).click();
      await shown(c.getByRole("heading", { name: TITLE, level: 1 }));
      await issue(c);

      // The commune reports the inherited task done.
      await c.getByRole("button", { name: `Cập nhật tiến độ nhiệm vụ “${TASK}”` }).click();
      const progress = await shown(c.getByRole("dialog", { name: "Cập nhật tiến độ nhiệm vụ" }));
      await progress.getByText("Hoàn thành", { exact: true }).click();
      await shown(progress.getByText("Tiến độ: 100%"));
      await progress.getByRole("textbox", { name: "Kết quả, khó khăn" }).fill("12/12 chi bộ đã sinh hoạt.");
      await progress.getByRole("button", { name: "Lưu" }).click();
      await shown(c.getByText("Đã cập nhật tiến độ nhiệm vụ."));
      await shown(c.getByText("12/12 chi bộ đã sinh hoạt."));

      // The Word file downloads under its number.
      const [download] = await Promise.all([
        c.waitForEvent("download"),
        c.getByRole("button", { name: "Tải về (.docx)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^Kế hoạch số \d{2}-KH-ĐU\.docx$/);
      await screenshot(c, "desktop-plan-issued");

      // The province sees who issued, and the inherited task's progress.
      await p.goto(planUrl);
      await shown(cascade.getByText("1/3 đơn vị đã ban hành"));
      await shown(cascade.getByText("1/1 hoàn thành"));
      await shown(p.getByText("1 đơn vị · 1 hoàn thành · 100%"));
      await screenshot(p, "desktop-plan-cascade");
      expect([...province.pageErrors, ...commune.pageErrors]).toEqual([]);
    } finally {
      await province.context.close();
      await commune.context.close();
    }
  });

  it("fits a 360 px phone: the list, a plan with its tasks, the form", async () => {
    const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
    try {
      await loginViaApi(page, accountNamed("canbo.xa"));
      await page.goto("/plans?year=2026&kind=annual");
      const plans = await shown(page.getByRole("list", { name: "Danh sách kế hoạch" }));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "phone-plans");
      await plans
        .getByRole("link", { name: /năm 2026/ })
        .first()
        .click();
      await shown(page.getByRole("heading", { level: 1 }));
      await shown(page.getByRole("region", { name: "Nhiệm vụ" }));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "phone-plan");
      await page.goto("/plans/new");
      await shown(page.getByRole("heading", { name: "Xây dựng kế hoạch", level: 1 }));
      await page.getByRole("button", { name: "Thêm nhiệm vụ" }).click();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "phone-plan-form");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
