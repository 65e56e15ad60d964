import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountNamed,
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

/**
 * The organisation journey: the officer of a grassroots organisation (G) imports a members sheet and
 * finds a new member by typing the name without diacritics; the officer of the commune above (C)
 * moves a cell of G to the other grassroots organisation of C through the move wizard, and the
 * two organisations' figures change by the cell's members.
 */

const PHONE = { width: 360, height: 740 };

interface UnitRow {
  id: string;
  code: string | null;
  name: string;
  kindCode: string | null;
}

/** The members of the sheet; their given names are not in the demo data, so each is found alone. */
const SHEET = [
  { fullName: "Lường Thị Ngọc Diệp", gender: "Nữ", birthDate: "12/05/1990", joinedOn: "19/05/2015" },
  { fullName: "Đặng Quốc Khởi", gender: "Nam", birthDate: "02/09/1978", joinedOn: "03/02/2005" },
  { fullName: "Hà Văn Thưởng", gender: "Nam", birthDate: "30/04/1985", joinedOn: "" },
];

async function membersSheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Đảng viên");
  sheet.addRow(["DANH SÁCH ĐẢNG VIÊN"]);
  sheet.addRow(["Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng", "Mã chi bộ"]);
  // An empty "Mã chi bộ": every row goes to the default cell chosen on the page.
  for (const person of SHEET)
    sheet.addRow([person.fullName, person.gender, person.birthDate, person.joinedOn, ""]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV with a date that does not exist, to see the row-by-row report. */
const BAD_CSV = Buffer.from(
  "Họ và tên,Giới tính,Ngày sinh\nNguyễn Văn Kiểm,Nam,01/02/1980\nTrần Thị Sai,Nữ,31/02/1990\n",
  "utf8",
);

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${baseUrl}/api${path}`);
  if (!response.ok()) throw new Error(`E2E: GET ${path} answered ${response.status()}`);
  return (await response.json()) as T;
}

/** The "active members" figure on a unit page (this year, up to today). */
async function activeMembersOnPage(page: Page, unitId: string): Promise<number> {
  await page.goto(`/units/${unitId}`);
  const card = await shown(page.getByTestId("stat-people-active"));
  const text = (await card.getByTestId("stat-value").textContent()) ?? "";
  return Number(text.replace(/\D/g, ""));
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Picks an option of a searchable unit picker by typing (without diacritics) and choosing. */
async function pickUnit(page: Page, label: RegExp | string, typed: string, option: string): Promise<void> {
  const input = page.getByRole("textbox", { name: label }).or(page.getByRole("combobox", { name: label }));
  await input.first().click();
  await input.first().fill(typed);
  await page.getByRole("option").filter({ hasText: option }).first().click();
}

describe.runIf(e2eEnabled)("organisation: import members, find them, move a cell, see the figures", () => {
  let browser: Browser;
  let grassrootsOfficer: DemoAccount;
  let communeOfficer: DemoAccount;
  /** G's third cell (its code ends in -3): no demo account sits in it. */
  let cell: UnitRow;
  let grassroots: UnitRow;
  let otherGrassroots: UnitRow;

  beforeAll(async () => {
    grassrootsOfficer = accountNamed("canbo.coso");
    communeOfficer = accountNamed("canbo.xa");
    browser = await launchBrowser();

    const { context, page } = await openPage(browser);
    try {
      await loginViaApi(page, communeOfficer);
      const children = await getJson<{ items: UnitRow[] }>(page, `/units/${communeOfficer.unitId}/children`);
      const g = children.items.find((unit) => unit.id === grassrootsOfficer.unitId);
      const g2 = children.items.find(
        (unit) => unit.id !== grassrootsOfficer.unitId && unit.kindCode === "grassroots",
      );
      if (!g || !g2) throw new Error("E2E: the commune of canbo.xa lacks its two grassroots organisations");
      const cells = await getJson<{ items: UnitRow[] }>(page, `/units/${g.id}/children`);
      const k3 = cells.items.find((unit) => unit.code?.endsWith("-3"));
      if (!k3) throw new Error("E2E: the grassroots organisation of canbo.coso lacks a third cell");
      grassroots = g;
      otherGrassroots = g2;
      cell = k3;
    } finally {
      await context.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the grassroots officer checks a sheet, sees the row errors, imports a good one and follows the job", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, grassrootsOfficer);
      await page.goto("/");
      await mainNav(page).getByRole("link", { name: "Đảng viên" }).click();
      await shown(page.getByRole("heading", { name: "Đảng viên", level: 1 }));
      await page.getByRole("link", { name: "Nhập từ tệp" }).click();
      await shown(page.getByRole("heading", { name: "Nhập đảng viên từ tệp", level: 1 }));
      // The page says that nothing is imported unless every row is valid.
      await shown(page.getByText("Tất cả hoặc không dòng nào"));

      // The default cell, found by typing without diacritics.
      await pickUnit(page, /^Chi bộ nhận mặc định/, "khu dan cu", cell.name);
      const fileInput = page.locator('input[type="file"]');

      // A file with an impossible date: the row-by-row report, and no Import button.
      await fileInput.setInputFiles({ name: "sai.csv", mimeType: "text/csv", buffer: BAD_CSV });
      await page.getByRole("button", { name: "Kiểm tra" }).click();
      await shown(page.getByText("Tệp có lỗi, chưa nhập dòng nào"));
      const errors = await shown(page.getByRole("table", { name: /^Các lỗi cần sửa/ }));
      const errorRow = errors.getByRole("row").filter({ hasText: "31/02/1990" });
      await shown(errorRow);
      expect(await errorRow.getByRole("cell").first().textContent()).toBe("3");
      await shown(errorRow.getByText("Ngày sinh", { exact: true }));
      expect(await page.getByRole("button", { name: "Nhập", exact: true }).isDisabled()).toBe(true);

      // The good sheet: checked, then imported as a job whose progress ends at 100 %.
      await fileInput.setInputFiles({
        name: "dang-vien.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: await membersSheet(),
      });
      await gone(page.getByRole("table", { name: /^Các lỗi cần sửa/ }));
      await page.getByRole("button", { name: "Kiểm tra" }).click();
      await shown(page.getByText(`${SHEET.length} dòng hợp lệ`));
      const polled = page.waitForResponse(
        (r) => r.url().includes("/api/jobs/") && r.request().method() === "GET",
      );
      await page.getByRole("button", { name: "Nhập", exact: true }).click();
      expect((await polled).status()).toBe(200);
      await shown(page.getByText(`Đã nhập ${SHEET.length} đảng viên`));
      const progress = page.getByRole("progressbar", { name: "Tiến độ nhập" });
      expect(await progress.getAttribute("aria-valuenow")).toBe("100");
      await screenshot(page, "desktop-import-done");

      // Found by typing the name without diacritics, in Vietnamese order.
      await page.getByRole("link", { name: "Xem danh sách đảng viên" }).click();
      await shown(page.getByRole("heading", { name: "Đảng viên", level: 1 }));
      await page.getByRole("searchbox", { name: "Tìm đảng viên" }).fill("luong thi ngoc diep");
      await page.waitForURL((url) => url.searchParams.get("q") === "luong thi ngoc diep");
      const table = page.getByRole("table", { name: "Danh sách đảng viên" });
      // The previous page stays on screen (dimmed) until the search answers: wait for the one match.
      await expect.poll(() => table.getByRole("row").count()).toBe(2); // the header and the match
      const row = await shown(table.getByRole("row").filter({ hasText: "Lường Thị Ngọc Diệp" }));
      await shown(row.getByText(cell.name));

      // Her details open beside the list.
      await row.getByRole("link", { name: "Lường Thị Ngọc Diệp" }).click();
      const drawer = await shown(page.getByRole("dialog", { name: "Lường Thị Ngọc Diệp" }));
      await shown(drawer.getByText("12/05/1990"));
      await shown(drawer.getByRole("button", { name: "Chuyển sinh hoạt" }));
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the commune officer moves the cell to the other grassroots organisation and the figures follow", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, communeOfficer);
      const before = {
        grassroots: await activeMembersOnPage(page, grassroots.id),
        other: await activeMembersOnPage(page, otherGrassroots.id),
        cell: await activeMembersOnPage(page, cell.id),
      };
      // The cell has its demo members and the three imported ones.
      expect(before.cell).toBeGreaterThanOrEqual(SHEET.length + 1);

      // To the cell through the tree: open G, then the cell's page.
      await page.goto("/");
      await mainNav(page).getByRole("link", { name: "Tổ chức" }).click();
      await shown(page.getByRole("heading", { name: "Tổ chức", level: 1 }));
      const tree = await shown(page.getByRole("tree", { name: "Cây tổ chức" }));
      const node = tree.getByRole("treeitem", { name: grassroots.name, exact: true });
      expect(await node.getAttribute("aria-expanded")).toBe("false");
      await node.getByTestId("unit-tree-toggle").first().click();
      expect(await node.getAttribute("aria-expanded")).toBe("true");
      await tree.getByRole("link", { name: cell.name }).click();
      await shown(page.getByRole("heading", { name: cell.name, level: 1 }));
      await shown(
        page.getByRole("navigation", { name: "Vị trí trong cây tổ chức" }).getByText(grassroots.name),
      );

      // The wizard: new parent (typed without diacritics), today, preview, confirm.
      await page.getByRole("button", { name: "Sắp xếp lại" }).click();
      await page.getByRole("menuitem", { name: "Chuyển đơn vị" }).click();
      const wizard = await shown(
        page.getByRole("dialog", { name: `Chuyển “${cell.name}” sang đơn vị cấp trên khác` }),
      );
      await pickUnit(page, /^Đơn vị cấp trên mới/, "truong trung hoc", otherGrassroots.name);
      await wizard.getByRole("button", { name: "Xem trước" }).click();
      await shown(
        wizard.getByText(`Thao tác này sẽ chuyển 1 đơn vị và ${before.cell} đảng viên đang sinh hoạt.`),
      );
      await screenshot(page, "desktop-move-preview");
      await wizard.getByRole("button", { name: "Xác nhận chuyển" }).click();
      await gone(page.getByRole("dialog"));
      // The page now sits under its new parent.
      await shown(
        page.getByRole("navigation", { name: "Vị trí trong cây tổ chức" }).getByText(otherGrassroots.name),
      );

      expect(await activeMembersOnPage(page, grassroots.id)).toBe(before.grassroots - before.cell);
      expect(await activeMembersOnPage(page, otherGrassroots.id)).toBe(before.other + before.cell);
      await shown(page.getByRole("tab", { name: /^Đơn vị trực thuộc/ }));
      await shown(page.getByRole("link", { name: cell.name }));

      // Dissolving an organisation that still has cells is refused with the server's reason.
      await page.getByRole("button", { name: "Sắp xếp lại" }).click();
      await page.getByRole("menuitem", { name: "Giải thể" }).click();
      const dissolve = await shown(page.getByRole("dialog", { name: "Giải thể đơn vị?" }));
      await dissolve.getByRole("button", { name: "Giải thể" }).click();
      await shown(dissolve.getByText(/còn 3 đơn vị trực thuộc/));
      await dissolve.getByRole("button", { name: "Hủy" }).click();
      await gone(page.getByRole("dialog"));
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("on a 360 px phone the unit page and the people list do not scroll sideways", async () => {
    const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
    try {
      await loginViaApi(page, communeOfficer);
      await page.goto(`/units/${otherGrassroots.id}`);
      await shown(page.getByRole("heading", { name: otherGrassroots.name, level: 1 }));
      await shown(page.getByTestId("stat-people-active"));
      await shown(page.getByRole("list", { name: "Các đơn vị trực thuộc" }));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "mobile-unit");

      await page.getByRole("tab", { name: "Đảng viên" }).click();
      await shown(page.getByRole("list", { name: "Danh sách đảng viên" }));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

      await page.goto("/people");
      await shown(page.getByRole("heading", { name: "Đảng viên", level: 1 }));
      await shown(page.getByRole("list", { name: "Danh sách đảng viên" }));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "mobile-people");

      await page.goto("/units");
      await shown(page.getByRole("tree", { name: "Cây tổ chức" }));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "mobile-tree");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
