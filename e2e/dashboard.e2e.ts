import { randomBytes } from "node:crypto";
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
 * The dashboard at the root: an officer of the central board (created by the administrator)
 * opens it from the navigation and sees the year's key figures, the trend, the breakdown by the
 * 34 provincial committees (table and bars) and the map of the 34 provinces; the figures shown
 * equal the API's; a province's link opens its own dashboard (a province on the map); on a 360 px
 * phone nothing scrolls sideways.
 */

const PHONE = { width: 360, height: 740 };
const token = randomBytes(3).toString("hex");
const NEW_PASSWORD = `Bang-dieu-khien-${token}-2026`;
/** A loaded machine renders slowly: polls wait up to 15 s (the default is 1 s). */
const POLL = { timeout: 15_000 };
const vi = (n: number) => new Intl.NumberFormat("vi-VN").format(n);

interface DashboardBody {
  unit: { id: string; name: string; level: string };
  metrics: Record<string, number>;
  children: { items: { id: string; name: string; values: Record<string, number> }[] };
  map: { level: string; items: { code: string }[] } | null;
}

/** The root's officer: created by the administrator, first password changed through the API. */
async function rootOfficer(browser: Browser): Promise<{ username: string }> {
  const { context, page } = await openPage(browser);
  const admin = accountNamed("admin");
  const login = await loginViaApi(page, admin);
  const created = await page.request.post(`${baseUrl}/api/users`, {
    data: {
      username: `canbo.tw.${token}`,
      displayName: "Trịnh Văn Tuấn",
      role: "officer",
      unitId: admin.unitId,
    },
    headers: { "x-csrf-token": login.csrfToken },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { user, oneTimePassword } = (await created.json()) as {
    user: { username: string };
    oneTimePassword: string;
  };
  await context.close();

  const officer = await openPage(browser);
  const session = await loginViaApi(officer.page, { ...admin, username: user.username }, oneTimePassword);
  const changed = await officer.page.request.post(`${baseUrl}/api/auth/password`, {
    data: { currentPassword: oneTimePassword, newPassword: NEW_PASSWORD },
    headers: { "x-csrf-token": session.csrfToken },
  });
  expect(changed.status(), await changed.text()).toBeLessThan(300);
  await officer.context.close();
  return { username: user.username };
}

async function dashboardOf(page: Page, query = ""): Promise<DashboardBody> {
  const response = await page.request.get(`${baseUrl}/api/dashboard${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as DashboardBody;
}

describe.runIf(e2eEnabled)("the dashboard", () => {
  let browser: Browser;
  let username: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ username } = await rootOfficer(browser));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("an officer at the root sees the figures, the breakdown by province and the map; a figure equals the API's", async () => {
    const { page, pageErrors, context } = await openPage(browser);
    const admin = accountNamed("admin");
    await loginViaApi(page, { ...admin, username }, NEW_PASSWORD);
    await page.goto("/");
    await (await shown(mainNav(page).getByRole("link", { name: "Bảng điều khiển" }))).click();
    await shown(page.getByRole("heading", { level: 1, name: "Bảng điều khiển" }));
    expect(new URL(page.url()).pathname).toBe("/dashboard");

    const api = await dashboardOf(page);
    expect(api.unit.level).toBe("national");
    expect(api.metrics["people.active"]).toBeGreaterThan(0);

    // Key figures: the card shows the API's value, in the Vietnamese format.
    const members = page.getByTestId("dashboard-metric-people.active");
    await shown(members);
    await expect
      .poll(() => members.getByTestId("stat-value").textContent(), POLL)
      .toBe(vi(api.metrics["people.active"] ?? 0));
    await shown(page.getByRole("heading", { level: 3, name: "Mô hình hay, cách làm sáng tạo" }));

    // The trend: a chart with its numbers in a table.
    await shown(page.getByTestId("dashboard-trend-chart").locator("svg"));
    expect(await page.getByTestId("dashboard-trend-table").locator("tbody tr").count()).toBe(5);

    // The breakdown by child unit: the 34 provincial committees, Bắc Ninh's members as the API counts them.
    const rows = page.getByTestId("dashboard-child-row");
    await expect.poll(() => rows.count(), POLL).toBe(api.children.items.length);
    expect(api.children.items.length).toBe(34);
    const bacNinh = api.children.items.find((c) => c.name.includes("Bắc Ninh"));
    if (!bacNinh) throw new Error("no Bắc Ninh among the root's children");
    const bacNinhRow = page.locator(`[data-testid="dashboard-child-row"][data-unit-id="${bacNinh.id}"]`);
    await expect
      .poll(() => bacNinhRow.locator("td").first().textContent(), POLL)
      .toBe(vi(bacNinh.values["people.active"] ?? 0));
    await shown(page.getByTestId("dashboard-breakdown-chart").locator("svg"));

    // The map of the 34 provinces: one shape per province at least (islands add more).
    expect(api.map?.items).toHaveLength(34);
    const map = page.getByTestId("dashboard-map");
    await shown(map.locator("svg"));
    await expect.poll(() => map.locator("svg path").count(), POLL).toBeGreaterThanOrEqual(34);
    expect(await map.getAttribute("aria-label")).toContain("Bắc Ninh");
    await screenshot(page, "dashboard-root");

    // Another figure for the bars and the map, kept in the address.
    await page.getByTestId("dashboard-by").selectOption("practices.total");
    await expect.poll(() => new URL(page.url()).searchParams.get("by"), POLL).toBe("practices.total");

    // A province's link opens its own dashboard: a province on the map, its communes below.
    await bacNinhRow.getByRole("link").click();
    await shown(page.getByText(`Số liệu của ${bacNinh.name}`, { exact: false }));
    const province = await dashboardOf(page, `?unitId=${bacNinh.id}`);
    expect(province.map?.level).toBe("province");
    await expect
      .poll(
        () => page.getByTestId("dashboard-metric-people.active").getByTestId("stat-value").textContent(),
        POLL,
      )
      .toBe(vi(province.metrics["people.active"] ?? 0));
    await expect
      .poll(() => page.getByTestId("dashboard-child-row").count(), POLL)
      .toBe(province.children.items.length);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("on a 360 px phone the dashboard does not scroll sideways; a member is not offered it", async () => {
    const { page, pageErrors, context } = await openPage(browser, { viewport: PHONE, mobile: true });
    const admin = accountNamed("admin");
    await loginViaApi(page, { ...admin, username }, NEW_PASSWORD);
    await page.goto("/dashboard");
    await shown(page.getByTestId("dashboard-metric-people.active"));
    await shown(page.getByTestId("dashboard-map").locator("svg"));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "dashboard-phone");
    expect(pageErrors).toEqual([]);
    await context.close();

    const member = await openPage(browser);
    await loginViaApi(member.page, accountNamed("dangvien1"));
    const refused = await member.page.request.get(`${baseUrl}/api/dashboard`);
    expect(refused.status()).toBe(403);
    await member.page.goto("/");
    await shown(mainNav(member.page));
    expect(await mainNav(member.page).getByRole("link", { name: "Bảng điều khiển" }).count()).toBe(0);
    await member.context.close();
  });
});
