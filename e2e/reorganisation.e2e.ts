import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountNamed,
  baseUrl,
  e2eEnabled,
  gone,
  launchBrowser,
  loginViaApi,
  openPage,
  screenshot,
  shown,
} from "./support/browser.ts";
import type { DemoAccount } from "./support/env.ts";

/**
 * The provincial officer (canbo.tinh1) reorganises the second commune of the province — merges two
 * cells, splits a third one, edits an organisation's terms and area, transfers a member — each
 * through its wizard and preview, and checks the figures on the unit pages; then walks the tree
 * with the keyboard alone. The first commune belongs to organisation.e2e.ts: it is not touched.
 */

const PHONE = { width: 360, height: 740 };

interface UnitRow {
  id: string;
  code: string | null;
  name: string;
  kindCode: string | null;
  childCount: number;
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${baseUrl}/api${path}`);
  if (!response.ok()) throw new Error(`E2E: GET ${path} answered ${response.status()}`);
  return (await response.json()) as T;
}
const childrenOf = async (page: Page, id: string) =>
  (await getJson<{ items: UnitRow[] }>(page, `/units/${id}/children?pageSize=200`)).items;

/** The "active members" figure on a unit page (this year, up to today). */
async function activeMembersOnPage(page: Page, unitId: string): Promise<number> {
  await page.goto(`/units/${unitId}`);
  const card = await shown(page.getByTestId("stat-people-active"));
  const text = (await card.getByTestId("stat-value").textContent()) ?? "";
  return Number(text.replace(/\D/g, ""));
}

/** Picks an option of a searchable unit picker by typing its code (cell names repeat from one organisation to the next). */
async function pickUnitByCode(page: Page, label: RegExp, unit: UnitRow): Promise<void> {
  const input = page.getByRole("textbox", { name: label }).or(page.getByRole("combobox", { name: label }));
  await input.first().click();
  await input.first().fill(unit.code ?? unit.name);
  await page
    .getByRole("option")
    .filter({ hasText: unit.code ?? unit.name })
    .first()
    .click();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

async function openReorganise(page: Page, item: string): Promise<void> {
  await page.getByRole("button", { name: "Sắp xếp lại" }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

/** What has the keyboard focus (a tree item: its name, level, state and place among its siblings). */
async function focusedItem(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      role: el?.getAttribute("role") ?? null,
      name: el?.querySelector("a")?.textContent ?? el?.textContent ?? "",
      level: el?.getAttribute("aria-level") ?? null,
      expanded: el?.getAttribute("aria-expanded") ?? null,
      posinset: el?.getAttribute("aria-posinset") ?? null,
      setsize: el?.getAttribute("aria-setsize") ?? null,
    };
  });
}

describe.runIf(e2eEnabled)(
  "reorganising a commune: merge, split, terms and area, transfer; the tree by keyboard",
  () => {
    let browser: Browser;
    let officer: DemoAccount;
    let province: UnitRow;
    let firstCommune: UnitRow;
    let commune: UnitRow;
    /** The commune's first organisation (three cells) and second one (two cells). */
    let organisation: UnitRow;
    let organisationCells: UnitRow[];
    let secondOrganisation: UnitRow;
    let secondCells: UnitRow[];

    beforeAll(async () => {
      officer = accountNamed("canbo.tinh1");
      browser = await launchBrowser();
      const { context, page } = await openPage(browser);
      try {
        await loginViaApi(page, officer);
        province = (await getJson<{ unit: UnitRow }>(page, `/units/${officer.unitId}`)).unit;
        const communes = await childrenOf(page, officer.unitId);
        const c = communes.find((u) => u.id !== accountNamed("canbo.xa").unitId && u.kindCode === "commune");
        const first = communes[0];
        if (!c || !first) throw new Error("E2E: the province of canbo.tinh1 lacks a second commune");
        commune = c;
        firstCommune = first;
        const organisations = await childrenOf(page, commune.id);
        const [g1, g2] = organisations;
        if (!g1 || !g2) throw new Error("E2E: the second commune lacks its two organisations");
        const cells1 = await childrenOf(page, g1.id);
        const cells2 = await childrenOf(page, g2.id);
        [organisation, secondOrganisation] = cells1.length === 3 ? [g1, g2] : [g2, g1];
        organisationCells = cells1.length === 3 ? cells1 : cells2;
        secondCells = cells1.length === 3 ? cells2 : cells1;
        organisationCells.sort((a, b) => (a.code ?? "").localeCompare(b.code ?? ""));
        secondCells.sort((a, b) => (a.code ?? "").localeCompare(b.code ?? ""));
        expect(organisationCells).toHaveLength(3);
        expect(secondCells).toHaveLength(2);
      } finally {
        await context.close();
      }
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("merges one cell into another: the preview counts its members, the successor's figures add up", async () => {
      const { context, page, pageErrors } = await openPage(browser);
      try {
        await loginViaApi(page, officer);
        const [target, source] = organisationCells;
        if (!target || !source) throw new Error("E2E: cells missing");
        const before = {
          source: await activeMembersOnPage(page, source.id),
          target: await activeMembersOnPage(page, target.id),
        };
        expect(before.source).toBeGreaterThan(0);

        await page.goto(`/units/${source.id}`);
        await shown(page.getByRole("heading", { name: source.name, level: 1 }));
        await openReorganise(page, "Hợp nhất vào đơn vị khác");
        const wizard = await shown(page.getByRole("dialog", { name: `Hợp nhất “${source.name}”` }));
        await pickUnitByCode(page, /^Hợp nhất vào đơn vị/, target);
        await wizard.getByRole("button", { name: "Xem trước" }).click();
        await shown(
          wizard.getByText(
            `Thao tác này sẽ hợp nhất 1 đơn vị vào “${target.name}”, chuyển 1 đơn vị và ${before.source} đảng viên đang sinh hoạt.`,
          ),
        );
        await screenshot(page, "desktop-merge-preview");
        await wizard.getByRole("button", { name: "Xác nhận hợp nhất" }).click();
        await gone(page.getByRole("dialog"));
        await shown(page.getByText("Đơn vị đã hợp nhất"));

        // The successor counts the members of both, and shows the merged cell under it.
        expect(await activeMembersOnPage(page, target.id)).toBe(before.source + before.target);
        expect(await activeMembersOnPage(page, source.id)).toBe(0);
        await page.goto(`/units/${target.id}?tab=children`);
        await shown(page.getByRole("link", { name: source.name }));
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("edits an organisation's terms (an overlap is refused in Vietnamese) and its administrative area", async () => {
      const { context, page, pageErrors } = await openPage(browser);
      try {
        await loginViaApi(page, officer);
        await page.goto(`/units/${organisation.id}`);
        await shown(page.getByRole("heading", { name: organisation.name, level: 1 }));
        await page.getByRole("button", { name: "Sửa thông tin" }).click();
        const form = await shown(page.getByRole("dialog", { name: `Sửa thông tin: ${organisation.name}` }));

        await form.getByRole("button", { name: "Thêm nhiệm kỳ" }).click();
        const first = form.getByRole("group", { name: "Nhiệm kỳ 1", exact: true });
        await first.getByRole("textbox", { name: "Tên nhiệm kỳ" }).fill("2020–2025");
        await first.getByRole("textbox", { name: "Bắt đầu" }).fill("01/08/2020");
        await first.getByRole("textbox", { name: "Kết thúc" }).fill("01/10/2025");
        await form.getByRole("button", { name: "Thêm nhiệm kỳ" }).click();
        const second = form.getByRole("group", { name: "Nhiệm kỳ 2", exact: true });
        await second.getByRole("textbox", { name: "Tên nhiệm kỳ" }).fill("2025–2030");
        await second.getByRole("textbox", { name: "Bắt đầu" }).fill("15/09/2025");
        await form.getByRole("button", { name: "Lưu", exact: true }).click();
        await shown(form.getByText(/Trùng thời gian với nhiệm kỳ “2020–2025”/));
        await second.getByRole("textbox", { name: "Bắt đầu" }).fill("01/10/2025");
        await gone(form.getByText(/Trùng thời gian/));

        // The area: typed without diacritics, any word order, chosen from the whole map.
        const area = form
          .getByRole("textbox", { name: "Địa bàn hành chính" })
          .or(form.getByRole("combobox", { name: "Địa bàn hành chính" }))
          .first();
        await area.click();
        await area.fill("bac ninh bac giang");
        await page.getByRole("option").filter({ hasText: "Phường Bắc Giang" }).first().click();
        await screenshot(page, "desktop-unit-terms");
        await form.getByRole("button", { name: "Lưu", exact: true }).click();
        await gone(page.getByRole("dialog"));

        const details = page.getByRole("region", { name: "Thông tin đơn vị" });
        await shown(details.getByText("2020–2025 (01/08/2020 – 01/10/2025)"));
        await shown(details.getByText("2025–2030 (01/10/2025 – nay)"));
        await shown(details.getByText("Phường Bắc Giang, Bắc Ninh (07210)"));
        // Saved on the server, not only on screen.
        await page.reload();
        await shown(page.getByText("Phường Bắc Giang, Bắc Ninh (07210)"));
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("transfers a member to another cell from the person drawer; both cells' figures follow", async () => {
      const { context, page, pageErrors } = await openPage(browser);
      try {
        await loginViaApi(page, officer);
        const [from, to] = secondCells;
        if (!from || !to) throw new Error("E2E: cells missing");
        const before = {
          from: await activeMembersOnPage(page, from.id),
          to: await activeMembersOnPage(page, to.id),
        };
        await page.goto(`/units/${from.id}?tab=people`);
        const list = await shown(page.getByRole("table", { name: "Danh sách đảng viên" }));
        const link = list.getByRole("link").first();
        const name = (await link.textContent()) ?? "";
        await link.click();
        const drawer = await shown(page.getByRole("dialog", { name }));
        await drawer.getByRole("button", { name: "Chuyển sinh hoạt" }).click();
        await pickUnitByCode(page, /^Chuyển đến chi bộ/, to);
        await drawer.getByRole("button", { name: "Chuyển sinh hoạt" }).click();
        await shown(drawer.getByRole("link", { name: to.name }));

        expect(await activeMembersOnPage(page, from.id)).toBe(before.from - 1);
        expect(await activeMembersOnPage(page, to.id)).toBe(before.to + 1);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("splits a cell into two with the preview, closing it; each new cell counts its members", async () => {
      const { context, page, pageErrors } = await openPage(browser);
      try {
        await loginViaApi(page, officer);
        const cell = organisationCells[2];
        if (!cell) throw new Error("E2E: cell missing");
        const members = await activeMembersOnPage(page, cell.id);
        expect(members).toBeGreaterThan(3);
        const parent = await activeMembersOnPage(page, organisation.id);

        await page.goto(`/units/${cell.id}`);
        await shown(page.getByRole("heading", { name: cell.name, level: 1 }));
        await openReorganise(page, "Chia tách");
        const wizard = await shown(page.getByRole("dialog", { name: `Chia tách “${cell.name}”` }));
        await shown(wizard.getByText("Bước 1/3: Các đơn vị mới"));
        const partA = `${cell.name} A`;
        const partB = `${cell.name} B`;
        const first = wizard.getByRole("group", { name: "Đơn vị mới 1" });
        await first.getByRole("textbox", { name: "Tên đơn vị mới" }).fill(partA);
        await first.getByRole("textbox", { name: "Mã đơn vị" }).fill(`${cell.code}-A`);
        const second = wizard.getByRole("group", { name: "Đơn vị mới 2" });
        await second.getByRole("textbox", { name: "Tên đơn vị mới" }).fill(partB);
        await wizard.getByRole("switch", { name: `Giải thể “${cell.name}” sau khi chia tách` }).check();
        await wizard.getByRole("button", { name: "Tiếp tục" }).click();

        // Three members to A, one by one; everything left to B at once.
        await shown(wizard.getByText("Bước 2/3: Phân đơn vị trực thuộc và đảng viên"));
        const memberList = wizard.getByRole("group", { name: "Đảng viên đang sinh hoạt" });
        const boxes = memberList.getByRole("checkbox");
        await shown(boxes.first());
        for (let i = 0; i < 3; i++) await boxes.nth(i).check();
        await wizard.getByRole("radio", { name: new RegExp(`^${escapeRegExp(partB)}`) }).check();
        await wizard.getByRole("button", { name: "Phân tất cả phần còn lại vào đơn vị này" }).last().click();
        await shown(wizard.getByText(`Đã phân ${members}/${members}`));
        await shown(wizard.getByRole("radio", { name: `${partA} (0 đơn vị, 3 đảng viên)` }));
        await wizard.getByRole("button", { name: "Xem trước" }).click();

        await shown(
          wizard.getByText(
            `Thao tác này sẽ lập 2 đơn vị mới, chuyển 0 đơn vị và ${members} đảng viên đang sinh hoạt.`,
          ),
        );
        await shown(wizard.getByText(`${partB}: 0 đơn vị trực thuộc, ${members - 3} đảng viên`));
        await screenshot(page, "desktop-split-preview");
        await wizard.getByRole("button", { name: "Xác nhận chia tách" }).click();
        await gone(page.getByRole("dialog"));
        await shown(page.getByText("Đơn vị đã giải thể"));

        // The history names the new cells; each counts its members; the organisation's total is unchanged.
        await page.getByRole("tab", { name: "Lịch sử" }).click();
        await shown(page.getByText(/^Chia tách ·/));
        await page.getByRole("link", { name: partA }).click();
        await shown(page.getByRole("heading", { name: partA, level: 1 }));
        const a = page.url().split("/units/")[1]?.split("?")[0] ?? "";
        expect(await activeMembersOnPage(page, a)).toBe(3);
        const parts = await childrenOf(page, organisation.id);
        const b = parts.find((u) => u.name === partB);
        expect(b).toBeDefined();
        expect(await activeMembersOnPage(page, b?.id ?? "")).toBe(members - 3);
        expect(await activeMembersOnPage(page, cell.id)).toBe(0);
        expect(await activeMembersOnPage(page, organisation.id)).toBe(parent);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("on a 360 px phone the split wizard fits the screen", async () => {
      const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
      try {
        await loginViaApi(page, officer);
        const cell = secondCells[1];
        await page.goto(`/units/${cell?.id}`);
        await openReorganise(page, "Chia tách");
        const wizard = await shown(page.getByRole("dialog", { name: /^Chia tách/ }));
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await wizard
          .getByRole("group", { name: "Đơn vị mới 1" })
          .getByRole("textbox", { name: "Tên đơn vị mới" })
          .fill("Chi bộ thử A");
        await wizard
          .getByRole("group", { name: "Đơn vị mới 2" })
          .getByRole("textbox", { name: "Tên đơn vị mới" })
          .fill("Chi bộ thử B");
        await wizard.getByRole("button", { name: "Tiếp tục" }).click();
        await shown(
          wizard.getByRole("group", { name: "Đảng viên đang sinh hoạt" }).getByRole("checkbox").first(),
        );
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await screenshot(page, "mobile-split-assign");
        await wizard.getByRole("button", { name: "Quay lại" }).click();
        await wizard.getByRole("button", { name: "Hủy" }).click();
        await gone(page.getByRole("dialog"));
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("loads a long list of sub-units a batch at a time; the keyboard reaches 'load more' and the new batch", async () => {
      const { context, page, pageErrors } = await openPage(browser);
      try {
        const { csrfToken } = await loginViaApi(page, officer);
        const existing = (await childrenOf(page, secondOrganisation.id)).length;
        for (let i = existing; i < 51; i++) {
          const created = await page.request.post(`${baseUrl}/api/units`, {
            data: { parentId: secondOrganisation.id, name: `Chi bộ Tổ ${String(i).padStart(2, "0")}` },
            headers: { "x-csrf-token": csrfToken },
          });
          expect(created.status()).toBe(201);
        }
        await page.goto(`/units?root=${secondOrganisation.id}`);
        const tree = await shown(page.getByRole("tree", { name: "Cây tổ chức" }));
        const more = await shown(tree.getByRole("treeitem", { name: "Xem thêm (đã hiện 50/51)" }));
        expect(await tree.getByRole("treeitem").count()).toBe(52); // the root, 50 units, "load more"

        for (let i = 0; i < 40 && (await focusedItem(page)).role !== "treeitem"; i++)
          await page.keyboard.press("Tab");
        expect((await focusedItem(page)).level).toBe("1");
        await page.keyboard.press("End");
        expect((await focusedItem(page)).name).toBe("Xem thêm (đã hiện 50/51)");
        await page.keyboard.press("Enter");
        await gone(more);
        await expect.poll(async () => (await focusedItem(page)).posinset).toBe("51");
        expect(await focusedItem(page)).toMatchObject({ role: "treeitem", level: "2", setsize: "51" });
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("walks the tree with the keyboard alone: one tab stop, arrows, Home/End, Enter", async () => {
      const { context, page, pageErrors } = await openPage(browser);
      try {
        await loginViaApi(page, officer);
        await page.goto("/units");
        const tree = await shown(page.getByRole("tree", { name: "Cây tổ chức" }));
        await shown(tree.getByRole("treeitem", { name: firstCommune.name, exact: true }));

        // Tab until the focus enters the tree: it lands on the root, the one tab stop.
        for (let i = 0; i < 40 && (await focusedItem(page)).role !== "treeitem"; i++)
          await page.keyboard.press("Tab");
        expect(await focusedItem(page)).toMatchObject({
          role: "treeitem",
          name: province.name,
          level: "1",
          expanded: "true",
        });

        await page.keyboard.press("ArrowDown");
        expect(await focusedItem(page)).toMatchObject({
          name: firstCommune.name,
          level: "2",
          posinset: "1",
          setsize: "3",
          expanded: "false",
        });
        await page.keyboard.press("ArrowRight"); // opens
        await expect.poll(async () => (await focusedItem(page)).expanded).toBe("true");
        const organisations = await childrenOf(page, firstCommune.id);
        await page.keyboard.press("ArrowRight"); // to the first organisation
        await expect.poll(async () => (await focusedItem(page)).level).toBe("3");
        expect((await focusedItem(page)).name).toBe(organisations[0]?.name);
        await page.keyboard.press("ArrowDown");
        expect((await focusedItem(page)).name).toBe(organisations[1]?.name);
        await page.keyboard.press("ArrowUp");
        await page.keyboard.press("ArrowLeft"); // to the parent
        expect(await focusedItem(page)).toMatchObject({ name: firstCommune.name, expanded: "true" });
        await page.keyboard.press("ArrowLeft"); // closes it
        expect(await focusedItem(page)).toMatchObject({ name: firstCommune.name, expanded: "false" });
        expect(await tree.getByRole("treeitem", { name: organisations[0]?.name, exact: true }).count()).toBe(
          0,
        );
        await page.keyboard.press("End");
        expect(await focusedItem(page)).toMatchObject({ level: "2", posinset: "3" });
        await page.keyboard.press("Home");
        expect((await focusedItem(page)).name).toBe(province.name);

        // Only one tab stop: Tab leaves the tree, Shift+Tab comes back to the item last focused.
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Tab");
        expect((await focusedItem(page)).role).not.toBe("treeitem");
        await page.keyboard.press("Shift+Tab");
        expect(await focusedItem(page)).toMatchObject({ role: "treeitem", name: firstCommune.name });
        await screenshot(page, "desktop-tree-keyboard");

        await page.keyboard.press("Enter");
        await shown(page.getByRole("heading", { name: firstCommune.name, level: 1 }));
        expect(new URL(page.url()).pathname).toBe(`/units/${firstCommune.id}`);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  },
);
