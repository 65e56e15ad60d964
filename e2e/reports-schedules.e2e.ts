import type { Browser, Page } from "playwright-core";
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
import type { DemoAccount } from "./support/env.ts";

/**
 * Recurring report schedules and cancelled requests, on a 360 px phone: the Bắc Ninh province
 * (canbo.tinh1) starts with no schedule, is refused a schedule without a title (nothing created),
 * creates a quarterly one through the form mostly by keyboard, sees it listed with its next
 * period, and stops it after confirming (the server keeps stopped schedules: it has no delete).
 * Then it cancels a report request from the request's page after confirming, and a second one
 * that someone else cancelled meanwhile shows the "changed by someone else" message (409).
 * Every result is checked against the API too.
 */

const PHONE = { width: 360, height: 740 };
const token = Date.now().toString(36);
const year = Number(
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(),
);
const SCHEDULE_TITLE = `Báo cáo quý học tập và làm theo Bác (${token})`;
const CANCEL_TITLE = `Báo cáo đột xuất sẽ hủy (${token})`;
const RACE_TITLE = `Báo cáo đột xuất hủy nơi khác (${token})`;

type Json = Record<string, unknown>;

interface ApiSession {
  page: Page;
  csrf: string;
}

interface Schedule {
  id: string;
  title: string;
  active: boolean;
  next: { periodStart: string; periodEnd: string; createdOn: string; dueOn: string } | null;
}

async function apiLogin(browser: Browser, account: DemoAccount): Promise<ApiSession> {
  const { page } = await openPage(browser);
  const login = await loginViaApi(page, account);
  return { page, csrf: login.csrfToken };
}

async function call(s: ApiSession, method: "GET" | "POST", path: string, data?: unknown) {
  const response = await s.page.request.fetch(`${baseUrl}/api${path}`, {
    method,
    data: data === undefined ? undefined : data,
    headers: method === "GET" ? {} : { "x-csrf-token": s.csrf },
  });
  const text = await response.text();
  if (response.status() >= 300) throw new Error(`${method} ${path}: ${response.status()} ${text}`);
  return text ? (JSON.parse(text) as Json) : {};
}

async function schedules(s: ApiSession) {
  return (await call(s, "GET", "/report-schedules?pageSize=200")) as { items: Schedule[]; total: number };
}

async function requestOf(s: ApiSession, id: string) {
  const { request } = (await call(s, "GET", `/report-requests/${id}`)) as {
    request: { status: string; cancelledAt: string | null; allowedActions: string[]; dueOn: string };
  };
  return request;
}

/** An ad hoc request from the province to its communes, through the API. */
async function adHocRequest(s: ApiSession, title: string) {
  const { request } = (await call(s, "POST", "/report-requests", {
    title,
    kind: "ad_hoc",
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    dueOn: `${year + 1}-01-15`,
    targets: { levels: [1] },
  })) as { request: { id: string; allowedActions: string[] } };
  expect(request.allowedActions).toContain("cancel");
  return request.id;
}

/** Nothing on the page may be wider than the phone's screen (no sideways scrolling). */
async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** The focus is inside an open dialog (where a keyboard or screen-reader user must land). */
async function focusInDialog(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.closest('[role="dialog"]') != null);
}

const dateOf = (iso: string) => iso.split("-").reverse().join("/");

describe.runIf(e2eEnabled)("report schedules and cancelled requests, on a 360 px phone", () => {
  let browser: Browser;
  let province: ApiSession;
  beforeAll(async () => {
    browser = await launchBrowser();
    province = await apiLogin(browser, accountNamed("canbo.tinh1"));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("creates a quarterly schedule through the form, lists it, refuses a bad one, stops it after confirming", async () => {
    const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
    try {
      expect((await schedules(province)).total).toBe(0);
      const { items: registry } = (await call(province, "GET", "/report-metrics")) as {
        items: { key: string; label: string }[];
      };
      expect(registry.length).toBeGreaterThan(0);

      // No schedule yet: the empty state.
      await loginViaApi(page, accountNamed("canbo.tinh1"));
      await page.goto("/reports");
      await shown(page.getByRole("heading", { name: "Báo cáo định kỳ", level: 1 }));
      await page.getByRole("tab", { name: "Lịch định kỳ" }).click();
      await shown(page.getByText("Đơn vị chưa có lịch báo cáo định kỳ nào."));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await page.getByRole("link", { name: "Lập lịch báo cáo định kỳ" }).click();
      await shown(page.getByRole("heading", { name: "Lập lịch báo cáo định kỳ", level: 1 }));

      // Sent without a title: the Vietnamese message, the focus on the title, nothing created.
      const title = page.getByRole("textbox", { name: "Tên báo cáo" });
      await page.getByRole("button", { name: "Lập lịch", exact: true }).click();
      await shown(page.getByText("Vui lòng sửa các ô được đánh dấu."));
      await shown(page.getByText("Vui lòng nhập thông tin này").first());
      expect(await title.getAttribute("aria-invalid")).toBe("true");
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-invalid")))
        .toBe("true");
      expect((await schedules(province)).total).toBe(0);

      // By keyboard: the title (focused), the defaults of recurrence and start, a lead of 20 days.
      await page.keyboard.type(SCHEDULE_TITLE);
      await page.keyboard.press("Tab");
      const recurrence = page
        .getByRole("textbox", { name: "Chu kỳ" })
        .or(page.getByRole("combobox", { name: "Chu kỳ" }));
      await expect.poll(() => recurrence.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await recurrence.inputValue()).toBe("Hằng quý");
      expect(await page.getByRole("textbox", { name: "Áp dụng từ ngày" }).inputValue()).toBe(`01/01/${year}`);
      expect(await page.getByRole("textbox", { name: "Hạn gửi (số ngày sau khi hết kỳ)" }).inputValue()).toBe(
        "10",
      );
      const lead = page.getByRole("textbox", { name: "Gửi yêu cầu trước hạn (số ngày)" });
      await lead.focus();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.type("20");
      // A figure of the registry (space bar) and one entered by hand.
      const metrics = page.getByRole("region", { name: "Chỉ tiêu tính từ hệ thống" }).getByRole("checkbox");
      await metrics.first().waitFor();
      await metrics.first().focus();
      await page.keyboard.press("Space");
      expect(await metrics.first().isChecked()).toBe(true);
      await page.getByRole("button", { name: "Thêm chỉ tiêu tự nhập" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("textbox", { name: "Tên chỉ tiêu 1" }).focus();
      await page.keyboard.type("Buổi sinh hoạt chuyên đề");
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "phone-report-schedule-form");
      // Enter in a field sends the form.
      await page.keyboard.press("Enter");

      // Back on the list: the schedule, its recurrence, targets and next period.
      await page.waitForURL(/\/reports\?tab=schedules$/);
      const list = page.getByRole("list", { name: "Lịch định kỳ" });
      const card = list.getByRole("listitem").filter({ hasText: SCHEDULE_TITLE });
      await shown(card);
      await shown(card.getByText("Hằng quý"));
      await shown(card.getByText("Các đơn vị trực thuộc (cấp dưới liền kề)"));
      await shown(card.getByText(`${registry[0]?.label}; Buổi sinh hoạt chuyên đề`));
      const created = await schedules(province);
      expect(created.total).toBe(1);
      expect(created.items[0]).toMatchObject({
        title: SCHEDULE_TITLE,
        recurrence: "quarterly",
        startsOn: `${year}-01-01`,
        dueDays: 10,
        leadDays: 20,
        targets: { levels: [1], picked: false },
        metrics: [registry[0]?.key],
        manualMetrics: [{ label: "Buổi sinh hoạt chuyên đề", unit: null }],
        active: true,
        allowedActions: ["update"],
      });
      const next = created.items[0]?.next;
      expect(next).not.toBeNull();
      await shown(card.getByText(`${dateOf(next?.periodStart ?? "")} – ${dateOf(next?.periodEnd ?? "")}`));
      await shown(
        card.getByText(
          `Gửi yêu cầu ngày ${dateOf(next?.createdOn ?? "")}, hạn gửi ${dateOf(next?.dueOn ?? "")}`,
        ),
      );
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "phone-report-schedules");

      // Stopping asks first; the dialog takes the focus and Escape leaves everything as it was.
      const stop = page.getByRole("button", { name: `Dừng lịch “${SCHEDULE_TITLE}”` });
      await stop.click();
      const dialog = await shown(page.getByRole("dialog", { name: "Dừng lịch báo cáo định kỳ" }));
      await shown(
        dialog.getByText(`Lịch “${SCHEDULE_TITLE}” sẽ không tạo yêu cầu báo cáo mới.`, { exact: false }),
      );
      await expect.poll(() => focusInDialog(page)).toBe(true);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      expect((await schedules(province)).items[0]?.active).toBe(true);

      await stop.click();
      await shown(dialog);
      await dialog.getByRole("button", { name: "Dừng lịch" }).click();
      await dialog.waitFor({ state: "hidden" });
      await shown(card.getByText("Đã dừng", { exact: true }));
      await shown(page.getByRole("button", { name: `Chạy lại lịch “${SCHEDULE_TITLE}”` }));
      expect(await stop.count()).toBe(0);
      await screenshot(page, "phone-report-schedule-stopped");
      const stopped = await schedules(province);
      expect(stopped.total).toBe(1);
      // Stopping changes nothing else: the figures, the days and the instructions stay.
      expect(stopped.items[0]).toMatchObject({
        id: created.items[0]?.id,
        active: false,
        next: null,
        dueDays: 10,
        leadDays: 20,
        metrics: [registry[0]?.key],
        manualMetrics: [{ label: "Buổi sinh hoạt chuyên đề", unit: null }],
      });
      // A stopped schedule starts again as it was (one action, nothing lost).
      await page.getByRole("button", { name: `Chạy lại lịch “${SCHEDULE_TITLE}”` }).click();
      await shown(stop);
      const resumed = await schedules(province);
      expect(resumed.items[0]).toMatchObject({ active: true, leadDays: 20, metrics: [registry[0]?.key] });
      expect(resumed.items[0]?.next).toEqual(next);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("moves a request's due date, then cancels it from its page after confirming; a request cancelled elsewhere shows the conflict", async () => {
    const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
    try {
      const id = await adHocRequest(province, CANCEL_TITLE);
      await loginViaApi(page, accountNamed("canbo.tinh1"));
      await page.goto(`/reports/requests/${id}`);
      await shown(page.getByRole("heading", { name: CANCEL_TITLE, level: 1 }));
      // An extension: the new date typed the Vietnamese way; a date before the period is refused.
      await page.getByRole("button", { name: "Đổi hạn nộp" }).click();
      const due = await shown(page.getByRole("dialog", { name: "Đổi hạn nộp báo cáo" }));
      const dueField = due.getByRole("textbox", { name: "Hạn gửi" });
      expect(await dueField.inputValue()).toBe(`15/01/${year + 1}`);
      await dueField.fill("01012000");
      await due.getByRole("button", { name: "Lưu hạn mới" }).click();
      await shown(due.getByText("Hạn gửi không được trước ngày bắt đầu kỳ báo cáo."));
      expect((await requestOf(province, id)).dueOn).toBe(`${year + 1}-01-15`);
      await dueField.fill("20012027".replace("2027", String(year + 1)));
      await due.getByRole("button", { name: "Lưu hạn mới" }).click();
      await due.waitFor({ state: "hidden" });
      await shown(page.getByText(`Đã đổi hạn nộp thành 20/01/${year + 1}.`));
      expect((await requestOf(province, id)).dueOn).toBe(`${year + 1}-01-20`);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

      await page.getByRole("button", { name: "Hủy yêu cầu" }).click();
      const dialog = await shown(page.getByRole("dialog", { name: "Hủy yêu cầu báo cáo" }));
      await expect.poll(() => focusInDialog(page)).toBe(true);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await dialog.getByRole("button", { name: "Hủy yêu cầu" }).click();
      await dialog.waitFor({ state: "hidden" });
      await shown(page.getByText(/^Yêu cầu đã hủy lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/));
      expect(await page.getByRole("button", { name: "Hủy yêu cầu" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Nhắc các đơn vị chậm" }).count()).toBe(0);
      await screenshot(page, "phone-report-request-cancelled");
      const cancelled = await requestOf(province, id);
      expect(cancelled).toMatchObject({ status: "cancelled", allowedActions: [] });
      expect(cancelled.cancelledAt).toBeTruthy();

      // Read before someone else cancels it: the confirmation answers 409 with the usual message.
      const raced = await adHocRequest(province, RACE_TITLE);
      await page.goto(`/reports/requests/${raced}`);
      await shown(page.getByRole("heading", { name: RACE_TITLE, level: 1 }));
      await page.getByRole("button", { name: "Hủy yêu cầu" }).click();
      const again = await shown(page.getByRole("dialog", { name: "Hủy yêu cầu báo cáo" }));
      await call(province, "POST", `/report-requests/${raced}/cancel`);
      await again.getByRole("button", { name: "Hủy yêu cầu" }).click();
      await shown(
        again.getByText("Yêu cầu vừa được người khác thay đổi (có thể đã bị hủy). Hãy tải lại trang."),
      );
      await again.getByRole("button", { name: "Tải lại" }).click();
      await again.waitFor({ state: "hidden" });
      await shown(page.getByText(/^Yêu cầu đã hủy lúc /));
      expect((await requestOf(province, raced)).status).toBe("cancelled");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
