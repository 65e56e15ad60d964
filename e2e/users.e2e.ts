import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountFor,
  baseUrl,
  e2eEnabled,
  gone,
  launchBrowser,
  loginViaApi,
  mainNav,
  openPage,
  screenshot,
  shown,
} from "./support/browser.ts";
import type { DemoAccount } from "./support/env.ts";

describe.runIf(e2eEnabled)("an officer manages a user; the administrator reads the audit log", () => {
  let browser: Browser;
  let officer: DemoAccount;
  const newUsername = `e2e.${randomBytes(3).toString("hex")}`;
  const newDisplayName = "Nguyễn Thị Kiểm Thử";
  let oneTimePassword = "";

  beforeAll(async () => {
    officer = accountFor("officer");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("officer creates a user, sees the one-time password, then resets it after confirming", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, officer);
      await page.goto("/");
      await shown(page.getByTestId("app-shell"));
      await mainNav(page).getByRole("link", { name: "Người dùng" }).click();
      await shown(page.getByRole("heading", { name: "Người dùng", level: 1 }));
      await shown(page.getByRole("table", { name: "Người dùng" }));

      // Create.
      await page.getByRole("button", { name: "Thêm người dùng" }).click();
      const form = await shown(page.getByRole("dialog", { name: "Thêm người dùng" }));
      await form.getByLabel(/^Tên đăng nhập/).fill(newUsername);
      await form.getByLabel(/^Họ và tên/).fill(newDisplayName);
      await form.getByRole("combobox", { name: /^Vai trò/ }).click();
      await page.getByRole("option", { name: "Đảng viên" }).click();
      await form.getByRole("combobox", { name: /^Đơn vị/ }).click();
      await page.getByRole("option").first().click();
      await form.getByRole("button", { name: "Thêm người dùng" }).click();

      const created = await shown(
        page.getByRole("dialog", { name: `Đã tạo tài khoản cho ${newDisplayName}` }),
      );
      oneTimePassword = ((await created.getByTestId("secret-value").textContent()) ?? "").trim();
      expect(oneTimePassword.length).toBeGreaterThanOrEqual(10);
      await shown(created.getByRole("button", { name: "Sao chép" }));
      await shown(created.getByText("Hãy trao mật khẩu này tận tay", { exact: false }));
      await created.getByRole("button", { name: "Xong" }).click();
      await gone(page.getByRole("dialog"));

      // Find the new row and reset its password, confirming first.
      await page.getByRole("searchbox", { name: "Tìm kiếm" }).fill(newUsername);
      const row = await shown(page.getByRole("row").filter({ hasText: newUsername }));
      await shown(row.getByText("Chờ đổi mật khẩu"));
      await row.getByRole("button", { name: `Thao tác với ${newUsername}` }).click();
      await page.getByRole("menuitem", { name: "Đặt lại mật khẩu" }).click();
      const confirm = await shown(page.getByRole("dialog", { name: "Đặt lại mật khẩu?" }));
      await confirm.getByRole("button", { name: "Đặt lại mật khẩu" }).click();

      const reset = await shown(page.getByRole("dialog", { name: `Mật khẩu mới của ${newDisplayName}` }));
      const newPassword = ((await reset.getByTestId("secret-value").textContent()) ?? "").trim();
      expect(newPassword.length).toBeGreaterThanOrEqual(10);
      expect(newPassword).not.toBe(oneTimePassword);
      oneTimePassword = newPassword;
      await screenshot(page, "desktop-users-reset");
      await reset.getByRole("button", { name: "Xong" }).click();
      await gone(page.getByRole("dialog"));

      // A language switch is saved to the account (audited as a preferences change).
      await page.getByTestId("user-menu").click();
      await page.getByTestId("lang-en").click();
      await shown(mainNav(page).getByRole("link", { name: "Users" }));
      await page.getByTestId("user-menu").click();
      await page.getByTestId("lang-vi").click();
      await shown(mainNav(page).getByRole("link", { name: "Người dùng" }));

      await page.getByTestId("user-menu").click();
      await page.getByTestId("logout").click();
      await shown(page.getByRole("heading", { name: "Đăng nhập" }));
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the new user must choose a password before anything else", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      const { user } = await loginViaApi(
        page,
        { username: newUsername, password: oneTimePassword, role: "member", unitId: "", personId: null },
        oneTimePassword,
      );
      expect(user.mustChangePassword).toBe(true);
      await page.goto("/tokens");
      await shown(page.getByRole("heading", { name: "Đổi mật khẩu lần đầu" }));
      expect(await page.getByTestId("app-shell").count()).toBe(0);

      await page.getByLabel(/^Mật khẩu hiện tại/).fill(oneTimePassword);
      await page.getByLabel(/^Mật khẩu mới/).fill("short");
      await page.getByLabel(/^Nhập lại mật khẩu mới/).fill("short");
      await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
      await shown(page.getByText("Cần ít nhất 10 ký tự"));

      const chosen = "một câu thật dài dễ nhớ 2026";
      await page.getByLabel(/^Mật khẩu mới/).fill(chosen);
      await page.getByLabel(/^Nhập lại mật khẩu mới/).fill(chosen);
      await page.getByRole("button", { name: "Đổi mật khẩu" }).click();

      await shown(page.getByTestId("app-shell"));
      await shown(page.getByRole("heading", { name: "Mã truy cập API", level: 1 }));
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("admin sees the officer's writes, logins and logouts in the audit log", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, accountFor("admin"));
      await page.goto("/");
      await mainNav(page).getByRole("link", { name: "Nhật ký hệ thống" }).click();
      await shown(page.getByRole("heading", { name: "Nhật ký hệ thống", level: 1 }));
      await shown(page.getByRole("table", { name: "Nhật ký hệ thống" }));

      await page.getByLabel("Người thực hiện").fill(officer.username);
      await page.waitForURL((url) => url.searchParams.get("actor") === officer.username);
      const table = page.getByRole("table", { name: "Nhật ký hệ thống" });
      const rows = table.getByRole("row").filter({ hasText: officer.username });
      // Every row now is the officer's.
      await shown(rows.filter({ hasText: "Đặt lại mật khẩu" }).first());

      const rowWith = (action: string, entity: string) =>
        rows.filter({ hasText: action }).filter({ hasText: entity }).first();
      await shown(rowWith("Tạo mới", "Người dùng"));
      await shown(rowWith("Đặt lại mật khẩu", "Người dùng"));
      await shown(rowWith("Đổi tùy chọn", "Người dùng"));
      await shown(rowWith("Đăng nhập", "Phiên đăng nhập"));
      await shown(rowWith("Đăng xuất", "Phiên đăng nhập"));
      // The creation shows the new username as a changed field.
      await shown(rowWith("Tạo mới", "Người dùng").getByText(newUsername));

      // Narrow to sessions only.
      await page.getByRole("combobox", { name: "Đối tượng" }).fill("session");
      await page.waitForURL((url) => url.searchParams.get("entity") === "session");
      await gone(table.getByRole("row").filter({ hasText: "Đặt lại mật khẩu" }));
      await shown(rowWith("Đăng nhập", "Phiên đăng nhập"));
      await screenshot(page, "desktop-audit");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("an edit made on stale data says someone else changed it, and reloading shows their change", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      const { csrfToken } = await loginViaApi(page, officer);
      await page.goto(`/users?q=${encodeURIComponent(newUsername)}`);
      const row = await shown(page.getByRole("row").filter({ hasText: newUsername }));
      await row.getByRole("button", { name: `Thao tác với ${newUsername}` }).click();
      await page.getByRole("menuitem", { name: "Sửa thông tin" }).click();
      const form = await shown(page.getByRole("dialog", { name: `Sửa thông tin: ${newDisplayName}` }));

      // Meanwhile someone else renames the user.
      const list = await page.request.get(`${baseUrl}/api/users?q=${encodeURIComponent(newUsername)}`);
      const [item] = ((await list.json()) as { items: { id: string; version: number }[] }).items;
      if (!item) throw new Error("the new user is not listed");
      const theirName = "Nguyễn Thị Đã Đổi";
      const patched = await page.request.patch(`${baseUrl}/api/users/${item.id}`, {
        headers: { "x-csrf-token": csrfToken },
        data: { displayName: theirName, version: item.version },
      });
      expect(patched.status()).toBe(200);

      await form.getByLabel(/^Họ và tên/).fill("Nguyễn Thị Của Tôi");
      await form.getByRole("button", { name: "Lưu" }).click();
      const alert = await shown(form.getByRole("alert"));
      expect(await alert.textContent()).toContain("Dữ liệu đã được người khác thay đổi");
      await alert.getByRole("button", { name: "Tải lại" }).click();
      await gone(page.getByRole("dialog"));
      await shown(page.getByRole("row").filter({ hasText: theirName }));
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
