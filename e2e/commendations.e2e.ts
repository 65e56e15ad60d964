import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfTools } from "../server/test/tools.ts";
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
 * Commendations up the chain, as the done-when asks: the officer of grassroots G proposes
 * giấy khen for 20 collectives and 100 individuals in the form — the collectives as "every unit
 * below" a section committee, half the people pasted as a list of names, the other half picked as
 * "everyone of that unit" (those already listed left out) —, saves and sends it up; the officer of
 * commune C finds it in the review queue, leaves one person out with a reason, approves it, names
 * the signer on the draft decision and issues it after confirming; the certificates are made as a
 * job whose progress shows, and the PDF downloaded from the page has 119 A4 landscape pages, page
 * by page naming each recipient with the diacritics intact, and not the one left out. On a 360 px
 * phone the proposal and the decision fit the screen.
 *
 * The demo tree has 3 cells and ~36 members under G: the setup adds, through the API as G's
 * officer, a section committee with 20 cells of 5 members each (names not in the demo's lists).
 */

const PHONE = { width: 360, height: 740 };
const SECTION = "Đảng bộ bộ phận Khối Văn hóa – Xã hội";
const CELLS = [
  "Chi bộ Thôn Đông Xuyên",
  "Chi bộ Thôn Ngọc Trì",
  "Chi bộ Khu phố Đồng Kỵ",
  "Chi bộ Thôn Phù Khê Thượng",
  "Chi bộ Trường Mầm non Hương Mạc",
  "Chi bộ Trạm Y tế Tam Sơn",
  "Chi bộ Thôn Đình Bảng Nội",
  "Chi bộ Khu phố Trịnh Xá",
  "Chi bộ Hợp tác xã Tương Giang",
  "Chi bộ Thôn Dương Lôi",
  "Chi bộ Trường Tiểu học Châu Khê",
  "Chi bộ Thôn Song Tháp",
  "Chi bộ Khu phố Vĩnh Kiều",
  "Chi bộ Thôn Cẩm Giang",
  "Chi bộ Nhà văn hóa Phù Lưu",
  "Chi bộ Thôn Đa Hội",
  "Chi bộ Khu phố Yên Lã",
  "Chi bộ Thôn Xuân Ổ",
  "Chi bộ Công an phường Đông Ngàn",
  "Chi bộ Thôn Hữu Ái",
];
const FAMILIES = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
  "Đào",
  "Đinh",
  "Lương",
  "Trịnh",
];
/** Middle names the demo never uses, so that none of these people shares a name with a demo member. */
const MIDDLES = ["Bá", "Mỹ", "Trọng", "Tuyết", "Khắc"] as const;
const GIVEN = ["Khuê", "Nghĩa", "Nguyệt", "Thưởng", "Lộc", "Hiển", "Quỳnh", "Diễm", "Tường", "Ước", "Kiều"];
const PEOPLE = Array.from(
  { length: 100 },
  (_, i) => `${FAMILIES[i % 20]} ${MIDDLES[Math.floor(i / 20)]} ${GIVEN[(i * 7) % GIVEN.length]}`,
);
const TRIMMED = PEOPLE[57] ?? "";
const TITLE = "Đề nghị tặng Giấy khen giai đoạn 2021–2025 (thử nghiệm)";
const ACHIEVEMENT =
  "Có thành tích tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.";

async function api<T>(page: Page, method: "GET" | "POST", url: string, csrf: string, data?: unknown) {
  const response = await page.request.fetch(`${baseUrl}/api${url}`, {
    method,
    headers: { "x-csrf-token": csrf },
    ...(data !== undefined ? { data } : {}),
  });
  if (!response.ok())
    throw new Error(`E2E: ${method} ${url} answered ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Picks an option of a searchable picker by typing and choosing. */
async function pick(
  scope: Page | ReturnType<Page["getByRole"]>,
  page: Page,
  label: string,
  typed: string,
  option: string,
) {
  const input = scope.getByRole("textbox", { name: label }).or(scope.getByRole("combobox", { name: label }));
  await input.first().click();
  if (typed) await input.first().fill(typed);
  await page.getByRole("option").filter({ hasText: option }).first().click();
}

/** The section committee with its 20 cells and 100 members under G, made by G's officer through the API. */
async function seedSection(page: Page, grassrootsId: string) {
  const { csrfToken } = await loginViaApi(page, accountNamed("canbo.coso"));
  const kinds = await api<{ items: { id: string; code: string }[] }>(page, "GET", "/unit-kinds", csrfToken);
  const cellKind = kinds.items.find((k) => k.code === "cell")?.id;
  const section = await api<{ unit: { id: string } }>(page, "POST", "/units", csrfToken, {
    parentId: grassrootsId,
    name: SECTION,
  });
  for (const [c, name] of CELLS.entries()) {
    const cell = await api<{ unit: { id: string } }>(page, "POST", "/units", csrfToken, {
      parentId: section.unit.id,
      name,
      kindId: cellKind,
    });
    for (const fullName of PEOPLE.slice(c * 5, c * 5 + 5))
      await api(page, "POST", "/people", csrfToken, {
        unitId: cell.unit.id,
        fullName,
        gender: MIDDLES.indexOf(fullName.split(" ")[1] as (typeof MIDDLES)[number]) % 2 ? "female" : "male",
      });
  }
  return section.unit.id;
}

describe.runIf(e2eEnabled)(
  "commendations: proposed below, trimmed, approved and issued above, printed",
  () => {
    let browser: Browser;
    let proposalUrl = "";
    let decisionUrl = "";

    beforeAll(async () => {
      browser = await launchBrowser();
      const { context, page } = await openPage(browser);
      try {
        await seedSection(page, accountNamed("canbo.coso").unitId);
      } finally {
        await context.close();
      }
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
    });

    it("G proposes 20 collectives and 100 individuals in the form and sends the proposal up", {
      timeout: 180_000,
    }, async () => {
      const { context, page, pageErrors } = await openPage(browser);
      try {
        await loginViaApi(page, accountNamed("canbo.coso"));
        await page.goto("/");
        await mainNav(page)
          .getByRole("link", { name: /^Khen thưởng/ })
          .click();
        await shown(page.getByRole("heading", { name: "Khen thưởng", level: 1 }));
        await page.getByRole("link", { name: "Lập đề nghị" }).click();
        await shown(page.getByRole("heading", { name: "Lập đề nghị khen thưởng", level: 1 }));

        // The form picker says who gives each form: giấy khen from the commune above.
        await shown(page.getByText(/^Cấp có thẩm quyền: Đảng ủy .* · đơn vị cũng tự tặng được$/).first());
        await page.getByRole("radio", { name: "Giấy khen", exact: true }).check();
        await pick(page, page, "Từ năm", "", "2021");
        await pick(page, page, "Đến năm", "", "2025");
        await page.getByRole("textbox", { name: "Trích yếu đề nghị" }).fill(TITLE);
        const counts = page.getByTestId("recipient-counts");

        // Collectives: every unit below the section committee, at once.
        await page.getByRole("button", { name: "Thêm tập thể" }).click();
        let dialog = await shown(page.getByRole("dialog", { name: "Thêm tập thể" }));
        await pick(dialog, page, "Đơn vị", "Khoi Van hoa", SECTION);
        await dialog.getByRole("checkbox", { name: `Tất cả 20 đơn vị trực thuộc ${SECTION}` }).check();
        await dialog.getByRole("button", { name: "Thêm 20 tập thể" }).click();
        await dialog.waitFor({ state: "hidden" });
        await shown(counts.filter({ hasText: /^20 tập thể, 0 cá nhân/ }));

        // Half the people pasted as a list of names (one a line, as copied from a sheet)…
        await page.getByRole("button", { name: "Dán danh sách tên" }).click();
        dialog = await shown(page.getByRole("dialog", { name: "Dán danh sách tên" }));
        await dialog.getByRole("textbox", { name: "Mỗi dòng một tên" }).fill(PEOPLE.slice(0, 50).join("\n"));
        await dialog.getByRole("button", { name: "Tìm", exact: true }).click();
        await shown(dialog.getByText("Tìm thấy 50, trùng tên cần chọn 0, không thấy 0."));
        await dialog.getByRole("button", { name: "Thêm 50 mục" }).click();
        await dialog.waitFor({ state: "hidden" });
        await shown(counts.filter({ hasText: /^20 tập thể, 50 cá nhân/ }));

        // …the rest as everyone of the section: those already listed are left out.
        await page.getByRole("button", { name: "Thêm cá nhân" }).click();
        dialog = await shown(page.getByRole("dialog", { name: "Thêm cá nhân" }));
        await pick(dialog, page, "Đơn vị", "Khoi Van hoa", SECTION);
        await dialog.getByRole("button", { name: "Chọn tất cả 100 người" }).click();
        await shown(dialog.getByText("Đã chọn 50 người"));
        await dialog.getByRole("button", { name: "Thêm 50 cá nhân" }).click();
        await dialog.waitFor({ state: "hidden" });
        await shown(counts.filter({ hasText: /^20 tập thể, 100 cá nhân/ }));

        // One achievement for all, written once.
        await page.getByRole("textbox", { name: "Thành tích chung", exact: true }).fill(ACHIEVEMENT);
        await page.getByRole("button", { name: "Ghi cho 120 mục chưa có thành tích" }).click();
        await shown(page.getByRole("button", { name: "Ghi cho 0 mục chưa có thành tích" }));
        await screenshot(page, "desktop-commendation-form");

        await page.getByRole("button", { name: "Lưu dự thảo" }).click();
        await shown(page.getByRole("heading", { name: TITLE, level: 1 }));
        proposalUrl = page.url();
        await shown(page.getByText("20 tập thể, 100 cá nhân").first());
        await page.getByRole("button", { name: "Gửi lên cấp trên" }).click();
        dialog = await shown(page.getByRole("dialog", { name: "Gửi đề nghị lên cấp trên" }));
        await dialog.getByRole("button", { name: "Gửi đề nghị" }).click();
        await dialog.waitFor({ state: "hidden" });
        await shown(page.getByText("Chờ xét", { exact: true }).first());
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("C trims one from the queue, approves, names the signer, issues and prints 119 certificates", {
      timeout: 240_000,
    }, async () => {
      expect(proposalUrl).not.toBe("");
      const { context, page, pageErrors } = await openPage(browser);
      try {
        await loginViaApi(page, accountNamed("canbo.xa"));
        await page.goto("/");
        // The navigation counts what waits for the commune.
        await shown(mainNav(page).getByTestId("commendation-queue-badge"));
        await mainNav(page)
          .getByRole("link", { name: /^Khen thưởng/ })
          .click();
        await page.getByRole("tab", { name: /^Chờ xét/ }).click();
        await page.getByRole("link", { name: TITLE }).click();
        await shown(page.getByRole("heading", { name: TITLE, level: 1 }));
        expect(page.url()).toBe(proposalUrl);
        await shown(page.getByText("Đề nghị đang chờ đơn vị xét"));

        // One person is left out, with the reason.
        await page.getByRole("textbox", { name: "Lọc theo tên" }).fill(TRIMMED);
        await page.getByRole("checkbox", { name: `Chọn ${TRIMMED}` }).check();
        await page.getByRole("button", { name: "Không đề nghị (1)" }).click();
        let dialog = await shown(page.getByRole("dialog", { name: "Không đề nghị các mục đã chọn" }));
        await dialog
          .getByRole("textbox", { name: "Lý do không đề nghị" })
          .fill("Chưa đủ thời gian sinh hoạt đảng tại chi bộ");
        await dialog.getByRole("button", { name: "Không đề nghị 1 mục" }).click();
        await dialog.waitFor({ state: "hidden" });
        await shown(
          page.getByText("Không đề nghị: Chưa đủ thời gian sinh hoạt đảng tại chi bộ", { exact: false }),
        );
        await shown(page.getByText("1 không đề nghị").first());

        await page.getByRole("button", { name: "Duyệt", exact: true }).click();
        dialog = await shown(page.getByRole("dialog", { name: "Duyệt đề nghị" }));
        await shown(dialog.getByText(/cho 20 tập thể, 99 cá nhân/));
        await dialog.getByRole("button", { name: "Duyệt", exact: true }).click();
        await dialog.waitFor({ state: "hidden" });
        await page.getByRole("link", { name: "Đã duyệt: xem dự thảo quyết định" }).click();

        // The draft: its number foreseen, the signer named, then issued after confirming.
        await shown(page.getByRole("heading", { name: "Dự thảo quyết định khen thưởng", level: 1 }));
        await shown(page.getByText(/^\d{2,}-QĐ\/ĐU \(dự kiến, cấp khi ban hành\)$/));
        decisionUrl = page.url();
        await page.getByRole("textbox", { name: "Họ và tên người ký" }).fill("Nguyễn Văn Thành");
        await page.getByRole("button", { name: "Lưu dự thảo" }).click();
        await shown(page.getByText("Đã lưu dự thảo quyết định."));
        await page.getByRole("button", { name: "Ban hành", exact: true }).click();
        dialog = await shown(page.getByRole("dialog", { name: "Ban hành quyết định" }));
        await shown(dialog.getByText(/^Số quyết định sẽ cấp: \d{2,}-QĐ\/ĐU$/));
        await dialog.getByRole("button", { name: "Ban hành", exact: true }).click();
        await dialog.waitFor({ state: "hidden" });
        const heading = await shown(
          page.getByRole("heading", { name: /^Quyết định số \d{2,}-QĐ\/ĐU$/, level: 1 }),
        );
        const symbol = ((await heading.textContent()) ?? "").replace("Quyết định số ", "");
        // Issued, nothing offers to edit or delete it.
        expect(await page.getByRole("button", { name: "Lưu dự thảo" }).count()).toBe(0);
        expect(await page.getByRole("button", { name: "Hủy dự thảo" }).count()).toBe(0);
        await shown(page.getByRole("button", { name: "Đính chính" }));

        // The certificates: a job whose progress shows, then the PDF to download.
        await page.evaluate(() => {
          const seen = { bar: false, values: [] as string[] };
          (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
          new MutationObserver(() => {
            const bar = document.querySelector('[role="progressbar"][aria-label="Tiến độ tạo tệp PDF"]');
            if (bar) {
              seen.bar = true;
              const value = bar.getAttribute("aria-valuenow");
              if (value && !seen.values.includes(value)) seen.values.push(value);
            }
          }).observe(document.body, { subtree: true, childList: true, attributes: true });
        });
        await page.getByRole("button", { name: "Tạo tệp PDF (119 trang)" }).click();
        await shown(page.getByText("Đã tạo 119 trang.").first());
        const seen = await page.evaluate(
          () => (window as unknown as { progressSeen: { bar: boolean; values: string[] } }).progressSeen,
        );
        expect(seen.bar).toBe(true);
        await screenshot(page, "desktop-commendation-decision");
        const link = page.getByRole("link", { name: /^Tải về .*\.pdf/ });
        const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
        const dir = mkdtempSync(path.join(tmpdir(), "tg-e2e-cert-"));
        const file = path.join(dir, "giay-khen.pdf");
        await download.saveAs(file);
        expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");

        // The annex as the server holds it: 119 recipients, the trimmed one left out.
        const decisionId = decisionUrl.split("/").at(-1) ?? "";
        const detail = (
          (await (await page.request.get(`${baseUrl}/api/commendations/decisions/${decisionId}`)).json()) as {
            decision: { symbol: string; recipients: { name: string }[] };
          }
        ).decision;
        expect(detail.symbol).toBe(symbol);
        const names = detail.recipients.map((r) => r.name);
        expect(names).toHaveLength(119);
        expect(new Set(names)).toEqual(new Set([...CELLS, ...PEOPLE.filter((p) => p !== TRIMMED)]));

        if (pdfTools) {
          const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
          expect(info).toMatch(/Pages:\s+119\b/);
          expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
          const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], {
            encoding: "utf8",
          }).normalize("NFC");
          const pages = text.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim() !== "");
          expect(pages).toHaveLength(119);
          names.forEach((name, i) => {
            expect(pages[i], `page ${i + 1}`).toContain(name.normalize("NFC"));
          });
          expect(text).not.toContain(TRIMMED);
          expect(text).toContain(symbol);
          expect(text).toContain("GIẤY KHEN");
        } else {
          console.warn("PDF CHECKS SKIPPED: poppler-utils is not installed.");
        }
        rmSync(dir, { recursive: true, force: true });
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("G reads the issued decision and its certificates; on a 360 px phone nothing scrolls sideways", {
      timeout: 120_000,
    }, async () => {
      expect(decisionUrl).not.toBe("");
      const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
      try {
        await loginViaApi(page, accountNamed("canbo.coso"));
        await page.goto(decisionUrl);
        await shown(page.getByRole("heading", { name: /^Quyết định số \d{2,}-QĐ\/ĐU$/, level: 1 }));
        await shown(page.getByRole("link", { name: `Tải Giấy khen của ${CELLS[0]}` }));
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await screenshot(page, "phone-commendation-decision");
        await page.goto(proposalUrl);
        await shown(page.getByRole("heading", { name: TITLE, level: 1 }));
        await shown(page.getByText("Đã duyệt", { exact: true }).first());
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await screenshot(page, "phone-commendation-proposal");
        await page.goto("/commendations/proposals/new");
        await shown(page.getByRole("heading", { name: "Lập đề nghị khen thưởng", level: 1 }));
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await screenshot(page, "phone-commendation-form");

        // The decisions list, and the histories: a member's (the person drawer), the unit's subtree.
        await page.goto("/commendations/decisions");
        await shown(page.getByRole("link", { name: /^Quyết định số \d{2,}-QĐ\/ĐU$/ }).first());
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        const person = (
          (await (
            await page.request.get(`${baseUrl}/api/people?q=${encodeURIComponent(PEOPLE[0] ?? "")}`)
          ).json()) as {
            items: { id: string }[];
          }
        ).items[0];
        await page.goto(`/people?person=${person?.id}`);
        const history = await shown(page.getByRole("region", { name: "Khen thưởng" }));
        await shown(history.getByText("Giấy khen", { exact: true }));
        await shown(history.getByRole("link", { name: /^Quyết định số \d{2,}-QĐ\/ĐU$/ }));
        await page.goto(`/units/${accountNamed("canbo.coso").unitId}?tab=commendations`);
        await page.getByText("Mọi tập thể, cá nhân trong đơn vị").click();
        await shown(page.getByText(CELLS[3] ?? "", { exact: true }).first());
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await page.goto("/commendations/forms");
        await shown(page.getByRole("list", { name: "Danh mục hình thức khen thưởng" }));
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  },
);
