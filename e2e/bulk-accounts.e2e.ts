import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountNamed,
  e2eEnabled,
  gone,
  launchBrowser,
  loginViaApi,
  openPage,
  SCREENS_DIR,
  screenshot,
  shown,
} from "./support/browser.ts";

const PHONE = { width: 360, height: 740 };

/** A units list as a CSV file (the import reads .csv as well as .xlsx). */
function unitsSheet(rows: string[][]) {
  const lines = [["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên"], ...rows];
  return {
    name: "don-vi.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(lines.map((line) => line.join(",")).join("\r\n"), "utf8"),
  };
}

describe.runIf(e2eEnabled)("an officer gives the members accounts in bulk and imports units", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("confirms the count, then prints slips: on paper only the slips, on a phone full screen", async () => {
    const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
    try {
      await loginViaApi(page, accountNamed("canbo.coso"));
      await page.goto("/people");
      await shown(page.getByRole("heading", { name: "Đảng viên", level: 1 }));
      await page.getByRole("button", { name: "Tạo tài khoản hàng loạt" }).click();
      const confirm = await shown(page.getByRole("dialog", { name: "Tạo tài khoản hàng loạt" }));
      const question = await shown(confirm.getByText(/^Tạo tài khoản cho \d+ đảng viên/));
      const count = Number(/(\d+)/.exec((await question.textContent()) ?? "")?.[1]);
      expect(count).toBeGreaterThan(5);
      await confirm.getByRole("button", { name: `Tạo ${count} tài khoản` }).click();

      const result = await shown(page.getByRole("dialog", { name: `Phiếu tài khoản (${count})` }));
      const slips = result.getByRole("list", { name: "Phiếu tài khoản" }).getByRole("listitem");
      expect(await slips.count()).toBe(count);
      const first = slips.first();
      await shown(first.getByText("Đổi mật khẩu khi đăng nhập lần đầu."));
      await shown(first.getByText(/\/login$/));
      expect(await first.textContent()).toMatch(/[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}/);
      // Full screen on a phone, and nothing wider than the screen.
      const box = await result.boundingBox();
      expect(box?.width).toBeLessThanOrEqual(PHONE.width);
      // The dialog covers the screen; a full-page shot would show the list behind it instead.
      await page.screenshot({ path: `${SCREENS_DIR}/phone-account-slips.png` });

      // Closing before printing asks first: the passwords cannot be seen again.
      await result.getByRole("button", { name: "Đóng" }).first().click();
      const warning = await shown(result.getByRole("alert").filter({ hasText: "Bạn chưa in phiếu" }));
      await shown(warning.getByRole("button", { name: "Vẫn đóng" }));

      // Printed, only the slips show: the app and the dialog are hidden, two slips a row.
      await page.emulateMedia({ media: "print" });
      expect(await page.getByTestId("app-shell").isVisible()).toBe(false);
      expect(await result.isVisible()).toBe(false);
      const printed = page.locator(".account-slips-print > li");
      expect(await printed.count()).toBe(count);
      expect(await printed.first().isVisible()).toBe(true);
      const [a, b] = await Promise.all([printed.nth(0).boundingBox(), printed.nth(1).boundingBox()]);
      expect(b?.y).toBe(a?.y);
      await page.screenshot({ path: `${SCREENS_DIR}/print-account-slips.png` });
      // On A4, eight slips a page (two columns, four rows).
      const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
      const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      expect(pages).toBe(Math.ceil(count / 8));
      await page.emulateMedia({ media: "screen" });

      // Once printed, closing asks nothing more; the copy for paper goes with the dialog.
      await result.getByRole("button", { name: "Đóng" }).first().click();
      await gone(page.getByRole("dialog"));
      expect(await page.locator(".account-slips-print").count()).toBe(0);

      // Everyone has an account now.
      await page.getByRole("button", { name: "Tạo tài khoản hàng loạt" }).click();
      const again = await shown(page.getByRole("dialog", { name: "Tạo tài khoản hàng loạt" }));
      await shown(again.getByText(/đều đã có tài khoản/));
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("imports units: template per kind, the row errors, then the job's progress to the end", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      const officer = accountNamed("canbo.coso");
      await loginViaApi(page, officer);
      const units = await page.request.get("/api/units?pageSize=1");
      const grassrootsCode = (await units.json()).items[0].code as string;
      await page.goto("/people/import");
      await shown(page.getByRole("heading", { name: "Nhập đảng viên từ tệp", level: 1 }));
      // The choice is a segmented control: its radio inputs are hidden behind their labels.
      await page
        .locator("label")
        .filter({ hasText: /^Đơn vị$/ })
        .click();
      await shown(page.getByRole("heading", { name: "Nhập đơn vị từ tệp", level: 1 }));
      expect(page.url()).toMatch(/kind=units/);
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Tải tệp mẫu" }).click();
      expect((await download).suggestedFilename()).toBe("Mẫu nhập đơn vị.xlsx");

      const input = page.locator('input[type="file"]');
      // A file with two problems on one row, and a cycle.
      await input.setInputFiles(
        unitsSheet([
          ["E2E-1", "Chi bộ Thử", "Tổ dân phố", "KHONG-CO"],
          ["E2E-2", "Chi bộ Vòng", "Chi bộ", "E2E-3"],
          ["E2E-3", "Chi bộ Vòng B", "Chi bộ", "E2E-2"],
        ]),
      );
      await page.getByRole("button", { name: "Kiểm tra" }).click();
      const errors = await shown(page.getByRole("table", { name: "Các lỗi cần sửa (4)" }));
      await shown(errors.getByText(/Loại đơn vị không có: Tổ dân phố/));
      await shown(errors.getByText(/Không tìm thấy đơn vị cấp trên có mã "KHONG-CO"/));

      await input.setInputFiles(
        unitsSheet([
          ["E2E-2", "Chi bộ Con", "Chi bộ", "E2E-1"],
          ["E2E-1", "Chi bộ Thử nghiệm", "Chi bộ", grassrootsCode],
        ]),
      );
      await page.getByRole("button", { name: "Kiểm tra" }).click();
      await shown(page.getByText("2 dòng hợp lệ"));
      await page.getByRole("button", { name: "Nhập", exact: true }).click();
      await shown(page.getByText("Đã nhập 2 đơn vị"));
      await screenshot(page, "desktop-units-import");
      await page.getByRole("link", { name: "Xem cây tổ chức" }).click();
      await page.waitForURL(/\/units/);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
