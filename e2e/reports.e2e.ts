import JSZip from "jszip";
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
import type { DemoAccount } from "./support/env.ts";

/**
 * Periodic review reports, as the done-when asks: the Bắc Ninh province (canbo.tinh1)
 * requests an annual report from its three communes through the form; commune C (canbo.xa) writes
 * and submits it in the UI (on time), a second commune submits through the API (on time); the
 * province returns C's report with a comment, C resubmits, the province accepts. A second request,
 * made through the API with its due date passed (the API keeps due dates fixed), gets late
 * submissions (one through the UI) and one overdue unit; the completeness views show the counts,
 * the consolidated figures match the API, the reminder runs, and the Word file carries the
 * official header and the report's number.
 */

const PHONE = { width: 360, height: 740 };
const NEW_PASSWORD = "E2e-Bao-cao-2026!";
const token = Date.now().toString(36);
const year = Number(
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(),
);
const TITLE = `Báo cáo tổng kết năm ${year} thực hiện Chỉ thị 05 (${token})`;
const LATE_TITLE = `Báo cáo năm ${year - 1} gửi chậm (${token})`;

type Json = Record<string, unknown>;

interface ApiSession {
  page: Page;
  csrf: string;
}

async function apiLogin(browser: Browser, account: DemoAccount, password?: string): Promise<ApiSession> {
  const { page } = await openPage(browser);
  const login = await loginViaApi(page, account, password);
  return { page, csrf: login.csrfToken };
}

async function call(s: ApiSession, method: "GET" | "POST" | "PUT", path: string, data?: unknown) {
  const response = await s.page.request.fetch(`${baseUrl}/api${path}`, {
    method,
    data: data === undefined ? undefined : data,
    headers: method === "GET" ? {} : { "x-csrf-token": s.csrf },
  });
  const text = await response.text();
  if (response.status() >= 300) throw new Error(`${method} ${path}: ${response.status()} ${text}`);
  return text ? (JSON.parse(text) as Json) : {};
}

/** An officer of a commune (created by the administrator, first password changed). */
async function communeOfficer(browser: Browser, admin: ApiSession, unitId: string, n: number) {
  const created = (await call(admin, "POST", "/users", {
    username: `canbo.bc${n}.${token}`,
    displayName: `Cán bộ xã ${n}`,
    role: "officer",
    unitId,
  })) as { user: { username: string }; oneTimePassword: string };
  const account: DemoAccount = { ...accountNamed("canbo.xa"), username: created.user.username, unitId };
  const first = await apiLogin(browser, account, created.oneTimePassword);
  await call(first, "POST", "/auth/password", {
    currentPassword: created.oneTimePassword,
    newPassword: NEW_PASSWORD,
  });
  await first.page.context().close();
  return apiLogin(browser, account, NEW_PASSWORD);
}

/** The target report of the caller's unit for a request. */
async function myReportOf(
  s: ApiSession,
  requestId: string,
): Promise<{ id: string; version: number; sections: { key: string }[] }> {
  const { request } = (await call(s, "GET", `/report-requests/${requestId}`)) as {
    request: { myReport: { id: string } | null };
  };
  if (!request.myReport) throw new Error("no report for the unit");
  const { report } = (await call(s, "GET", `/reports/${request.myReport.id}`)) as {
    report: { id: string; version: number; sections: { key: string }[] };
  };
  return report;
}

async function writeAndSubmit(s: ApiSession, requestId: string, sessions: number) {
  const report = await myReportOf(s, requestId);
  await call(s, "PUT", `/reports/${report.id}`, {
    version: report.version,
    sections: { [report.sections[0]?.key ?? "s1"]: "Các chi bộ tổ chức học tập chuyên đề đầy đủ." },
    manualValues: { buoi_sinh_hoat_chuyen_de: sessions },
  });
  return call(s, "POST", `/reports/${report.id}/submit`);
}

/** Writes the narrative and the figure on the report page, then submits after confirming. */
async function submitInUi(page: Page, sessions: string) {
  await page
    .getByRole("textbox", { name: /^1\. / })
    .fill("Đảng ủy xã tổ chức quán triệt Chỉ thị 05 đến 100% chi bộ.");
  await page.getByRole("textbox", { name: "Buổi sinh hoạt chuyên đề (buổi)" }).fill(sessions);
  await page.getByRole("button", { name: "Gửi báo cáo" }).click();
  const dialog = await shown(page.getByRole("dialog", { name: "Gửi báo cáo lên cấp trên" }));
  await dialog.getByRole("button", { name: "Gửi báo cáo" }).click();
  await dialog.waitFor({ state: "hidden" });
  await shown(page.getByText("Đã gửi, chờ duyệt").first());
}

/** A completeness figure: its count and percentage, run together ("266,7%" = 2, 66,7%). */
async function stat(page: Page, label: string): Promise<string> {
  const text = (await page.getByRole("group", { name: label, exact: true }).textContent()) ?? "";
  return text.slice(label.length).replace(/\s+/g, "");
}

describe.runIf(e2eEnabled)("reports: requested, written, submitted, returned, consolidated", () => {
  let browser: Browser;
  let province: ApiSession;
  let second: ApiSession;
  let third: ApiSession;
  let secondName: string;
  let thirdName: string;
  /** The request made in the first journey (its page's path). */
  let requestPath = "";
  beforeAll(async () => {
    browser = await launchBrowser();
    province = await apiLogin(browser, accountNamed("canbo.tinh1"));
    const admin = await apiLogin(browser, accountNamed("admin"));
    const commune = accountNamed("canbo.xa");
    const children = (await call(
      province,
      "GET",
      `/units/${accountNamed("canbo.tinh1").unitId}/children`,
    )) as {
      items: { id: string; name: string }[];
    };
    const others = children.items.filter((u) => u.id !== commune.unitId);
    expect(others.length).toBeGreaterThanOrEqual(2);
    secondName = others[0]?.name ?? "";
    thirdName = others[1]?.name ?? "";
    second = await communeOfficer(browser, admin, others[0]?.id ?? "", 2);
    third = await communeOfficer(browser, admin, others[1]?.id ?? "", 3);
    await admin.page.context().close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the province requests, the communes report on time, one returned and resubmitted; late ones counted", async () => {
    const p = (await openPage(browser)).page;
    const c = (await openPage(browser)).page;
    const pErrors: string[] = [];
    const cErrors: string[] = [];
    p.on("pageerror", (e) => pErrors.push(e.message));
    c.on("pageerror", (e) => cErrors.push(e.message));

    // The province requests the annual report in the form.
    await loginViaApi(p, accountNamed("canbo.tinh1"));
    await p.goto("/");
    await mainNav(p).getByRole("link", { name: "Báo cáo" }).click();
    await shown(p.getByRole("heading", { name: "Báo cáo định kỳ", level: 1 }));
    await p.getByRole("link", { name: "Gửi yêu cầu báo cáo" }).click();
    await shown(p.getByRole("heading", { name: "Gửi yêu cầu báo cáo", level: 1 }));
    // Sending empty marks what is missing and moves the focus there.
    await p.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await shown(p.getByText("Vui lòng sửa các ô được đánh dấu."));
    await expect
      .poll(() => p.evaluate(() => document.activeElement?.getAttribute("aria-invalid")))
      .toBe("true");
    await p.getByRole("textbox", { name: "Tên báo cáo" }).fill(TITLE);
    await p.getByRole("textbox", { name: "Từ ngày" }).fill(`0101${year}`);
    await p.getByRole("textbox", { name: "Đến ngày" }).fill(`3112${year}`);
    await p.getByRole("textbox", { name: "Hạn gửi" }).fill(`1501${year + 1}`);
    const metrics = p.getByRole("region", { name: "Chỉ tiêu tính từ hệ thống" }).getByRole("checkbox");
    await metrics.first().waitFor();
    await metrics.first().check();
    await p.getByRole("button", { name: "Thêm chỉ tiêu tự nhập" }).click();
    await p.getByRole("textbox", { name: "Tên chỉ tiêu 1" }).fill("Buổi sinh hoạt chuyên đề");
    await p.getByRole("textbox", { name: "Đơn vị tính 1" }).fill("buổi");
    await screenshot(p, "desktop-report-request-form");
    await p.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await shown(p.getByRole("heading", { name: TITLE, level: 1 }));
    const requestUrl = p.url();
    requestPath = new URL(requestUrl).pathname;
    const requestId = requestUrl.split("/").pop() ?? "";
    await shown(p.getByText("Đã gửi 0/3 đơn vị (0%), đúng hạn 0%"));

    // Commune C writes and submits in the UI, from its "to report" tab.
    await loginViaApi(c, accountNamed("canbo.xa"));
    await c.goto("/reports?tab=received");
    await c.getByRole("link", { name: TITLE }).click();
    await shown(c.getByRole("heading", { name: TITLE, level: 1 }));
    await submitInUi(c, "12");
    await shown(c.getByText("Đúng hạn").first());
    const reportUrl = c.url();

    // The second commune submits through the API, on time.
    const submitted = (await writeAndSubmit(second, requestId, 9)) as { report: { timeliness: string } };
    expect(submitted.report.timeliness).toBe("on_time");

    // The province returns C's report with a comment (required).
    await p.goto(reportUrl);
    await p.getByRole("button", { name: "Trả lại", exact: true }).click();
    const back = await shown(p.getByRole("dialog", { name: "Trả lại báo cáo" }));
    await back.getByRole("button", { name: "Trả lại báo cáo" }).click();
    await shown(back.getByText("Vui lòng nhập thông tin này"));
    await back.getByRole("textbox", { name: /Ý kiến/ }).fill("Bổ sung số liệu sinh hoạt chuyên đề quý IV.");
    await back.getByRole("button", { name: "Trả lại báo cáo" }).click();
    await back.waitFor({ state: "hidden" });

    // C sees the comment, corrects and resubmits; the province accepts.
    await c.reload();
    await shown(c.getByText("Bổ sung số liệu sinh hoạt chuyên đề quý IV.", { exact: true }));
    await submitInUi(c, "14");
    await p.reload();
    await p.getByRole("button", { name: "Tiếp nhận", exact: true }).click();
    const accept = await shown(p.getByRole("dialog", { name: "Tiếp nhận báo cáo" }));
    await accept.getByRole("button", { name: "Tiếp nhận" }).click();
    await accept.waitFor({ state: "hidden" });
    await shown(p.getByText("Đã tiếp nhận").first());

    // The Word file: the official header and the report's number.
    const { report: cReport } = (await call(province, "GET", `/reports/${reportUrl.split("/").pop()}`)) as {
      report: { number: string | null; status: string; timeliness: string };
    };
    expect(cReport).toMatchObject({ status: "accepted", timeliness: "on_time" });
    const [download] = await Promise.all([
      p.waitForEvent("download"),
      p.getByRole("button", { name: "Tải về (.docx)" }).click(),
    ]);
    const file = await download.path();
    const { readFile } = await import("node:fs/promises");
    const zip = await JSZip.loadAsync(await readFile(file));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(cReport.number).toBeTruthy();
    expect(text).toContain(cReport.number ?? "");

    // Completeness: 3 targets, 1 accepted, 1 submitted, 1 not started; 2 on time.
    await p.goto(requestUrl);
    await shown(p.getByText("Đã gửi 2/3 đơn vị (66,7%), đúng hạn 66,7%"));
    expect(await stat(p, "Đã tiếp nhận")).toBe("133,3%");
    expect(await stat(p, "Đã gửi, chờ duyệt")).toBe("133,3%");
    expect(await stat(p, "Chưa bắt đầu")).toBe("133,3%");
    expect(await stat(p, "Đúng hạn")).toBe("266,7%");
    expect(await stat(p, "Trễ hạn")).toBe("00%");
    const api = (await call(province, "GET", `/report-requests/${requestId}/completeness`)) as Json;
    expect(api).toMatchObject({
      total: 3,
      onTime: 2,
      late: 0,
      overdue: 0,
      byStatus: { notStarted: 1, draft: 0, submitted: 1, returned: 0, accepted: 1 },
    });
    // The reports list filters by status.
    const filters = p.getByRole("region", { name: "Báo cáo của các đơn vị" });
    await filters
      .getByRole("textbox", { name: "Trạng thái" })
      .or(filters.getByRole("combobox", { name: "Trạng thái" }))
      .click();
    await p.getByRole("option", { name: "Chưa bắt đầu" }).click();
    const list = p.getByRole("table", { name: "Báo cáo của các đơn vị" });
    await shown(list.getByRole("link", { name: thirdName }));
    await expect.poll(() => list.getByRole("row").count()).toBe(2);
    await screenshot(p, "desktop-report-completeness");

    // The consolidated report: the per-unit table and the summed figures, as the API has them.
    await p.getByRole("link", { name: "Báo cáo tổng hợp" }).click();
    await shown(p.getByRole("table", { name: "Số liệu theo đơn vị" }));
    const { report: consolidated } = (await call(
      province,
      "GET",
      `/reports/${p.url().split("/").pop()}`,
    )) as {
      report: {
        figures: { manual: { key: string; subordinates: number; total: number }[] };
        consolidation: { manualTotals: Record<string, number>; units: { unit: { name: string } }[] };
      };
    };
    expect(consolidated.consolidation.manualTotals.buoi_sinh_hoat_chuyen_de).toBe(14 + 9);
    expect(consolidated.figures.manual[0]?.subordinates).toBe(23);
    const manualTable = p.getByRole("table", { name: "Số liệu đơn vị nhập" });
    await shown(manualTable.getByRole("cell", { name: "23", exact: true }).first());
    const perUnit = p.getByRole("table", { name: "Số liệu theo đơn vị" });
    expect(await perUnit.getByRole("row").count()).toBe(consolidated.consolidation.units.length + 1);
    await shown(
      perUnit
        .getByRole("row", { name: new RegExp(secondName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })
        .getByRole("cell", { name: "9", exact: true })
        .last(),
    );
    await screenshot(p, "desktop-report-consolidated");

    // A second request, due yesterday (through the API): submissions are late, C is overdue.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format();
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const { request: late } = (await call(province, "POST", "/report-requests", {
      title: LATE_TITLE,
      kind: "annual",
      periodStart: `${year - 1}-01-01`,
      periodEnd: `${year - 1}-12-31`,
      dueOn: yesterday,
      targets: { levels: [1] },
      manualMetrics: [{ key: "buoi_sinh_hoat_chuyen_de", label: "Buổi sinh hoạt chuyên đề", unit: "buổi" }],
    })) as { request: { id: string } };
    const lateSubmitted = (await writeAndSubmit(second, late.id, 5)) as { report: { timeliness: string } };
    expect(lateSubmitted.report.timeliness).toBe("late");
    const t = (await openPage(browser)).page;
    await loginViaApi(t, { ...accountNamed("canbo.xa"), username: `canbo.bc3.${token}` }, NEW_PASSWORD);
    await t.goto("/reports?tab=received");
    await t.getByRole("link", { name: LATE_TITLE }).click();
    await submitInUi(t, "7");
    await shown(t.getByText("Trễ hạn").first());
    await t.context().close();

    await p.goto(`/reports/requests/${late.id}`);
    await shown(p.getByText("Đã gửi 2/3 đơn vị (66,7%), đúng hạn 0%"));
    expect(await stat(p, "Trễ hạn")).toBe("266,7%");
    expect(await stat(p, "Quá hạn chưa gửi")).toBe("133,3%");
    expect(await call(province, "GET", `/report-requests/${late.id}/completeness`)).toMatchObject({
      total: 3,
      onTime: 0,
      late: 2,
      overdue: 1,
    });
    // One action reminds the late unit.
    await p.getByRole("button", { name: "Nhắc các đơn vị chậm" }).click();
    const remind = await shown(p.getByRole("dialog", { name: "Nhắc các đơn vị chậm báo cáo" }));
    await remind.getByRole("button", { name: "Gửi nhắc nhở" }).click();
    await remind.waitFor({ state: "hidden" });
    await shown(p.getByText(/^1 đơn vị chậm; đã nhắc [1-9]\d* tài khoản/));
    await screenshot(p, "desktop-report-late");
    expect([...pErrors, ...cErrors]).toEqual([]);
    await p.context().close();
    await c.context().close();
    void third;
  });

  it("fits a 360 px phone: the report list and a report", async () => {
    const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
    try {
      await loginViaApi(page, accountNamed("canbo.xa"));
      await page.goto("/reports?tab=received");
      await page.getByRole("link", { name: TITLE }).click();
      await shown(page.getByRole("heading", { name: TITLE, level: 1 }));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await screenshot(page, "phone-report");

      // The requester's page on the phone: a card per unit, badges whole, no sideways scrolling.
      await loginViaApi(page, accountNamed("canbo.tinh1"));
      await page.goto(requestPath);
      await shown(page.getByRole("heading", { name: TITLE, level: 1 }));
      const cards = await shown(page.getByRole("list", { name: "Báo cáo của các đơn vị" }));
      await shown(cards.getByRole("listitem").first());
      expect(await page.getByRole("table", { name: "Báo cáo của các đơn vị" }).count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      const cut = await cards
        .locator(".mantine-Badge-label")
        .evaluateAll((labels) =>
          labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent),
        );
      expect(cut).toEqual([]);
      await screenshot(page, "phone-report-request");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
