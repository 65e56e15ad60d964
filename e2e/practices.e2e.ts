import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfTools } from "../server/test/tools.ts";
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
 * A good-practice model goes up the chain and spreads: the secretary of cell K1 registers it with a
 * photo and submits it; the officer of grassroots G forwards it from the review queue; the officer
 * of commune C recognises it and puts it on the public showcase; the secretary of cell K2 adopts
 * it and records results. The commune's and the province's figures count it, a visitor without an
 * account finds it by typing its title without diacritics, and on a 360 px phone neither the list
 * nor the model's page scrolls sideways.
 */

const PHONE = { width: 360, height: 740 };
const token = `e2e${randomBytes(3).toString("hex")}`;
const TITLE = `Mô hình “Góc đọc sách cho thiếu nhi ở khu dân cư” ${token}`;
const SUMMARY = "Mỗi tối thứ Bảy, đảng viên đọc sách cùng các cháu thiếu nhi tại nhà văn hóa.";
/** Today in Vietnam (YYYY-MM-DD), as the app and the figures count days. */
const TODAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
const YEAR = TODAY.slice(0, 4);

let crcTable: number[] | null = null;
function crc32(data: Buffer): number {
  crcTable ??= Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A small solid-colour PNG with a lighter stripe, made here (no fixture file). */
function makePng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width; x++) {
      const stripe = y > height / 3 && y < (2 * height) / 3;
      raw.set(stripe ? [250, 220, 80] : [200, 30, 40], row + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** What a visitor types: no diacritics, đ → d, no punctuation. */
function withoutDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${baseUrl}/api${path}`);
  if (!response.ok()) throw new Error(`E2E: GET ${path} answered ${response.status()}`);
  return (await response.json()) as T;
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** A Mantine select or a searchable picker, by its label. */
function picker(page: Page, label: RegExp) {
  return page
    .getByRole("textbox", { name: label })
    .or(page.getByRole("combobox", { name: label }))
    .first();
}

/** The figure shown on a stat card of a unit page. */
async function statOnPage(page: Page, unitId: string, testId: string): Promise<number> {
  await page.goto(`/units/${unitId}`);
  const card = await shown(page.getByTestId(testId));
  const text = (await card.getByTestId("stat-value").textContent()) ?? "";
  return Number(text.replace(/\D/g, ""));
}

describe.runIf(e2eEnabled)("a good-practice model: register, review up the chain, publish, adopt", () => {
  let browser: Browser;
  let secretary1: DemoAccount;
  let officerG: DemoAccount;
  let officerC: DemoAccount;
  let officerP: DemoAccount;
  let secretary2: DemoAccount;
  let practiceId = "";
  /** "Recognised in the period" of the commune and the province before the journey. */
  const before = { commune: 0, province: 0 };

  beforeAll(async () => {
    secretary1 = accountNamed("bithu.chibo1");
    officerG = accountNamed("canbo.coso");
    officerC = accountNamed("canbo.xa");
    officerP = accountNamed("canbo.tinh1");
    secretary2 = accountNamed("bithu.chibo2");
    browser = await launchBrowser();
    for (const [key, account] of [
      ["commune", officerC],
      ["province", officerP],
    ] as const) {
      const { context, page } = await openPage(browser);
      try {
        await loginViaApi(page, account);
        // The unit page's default period: this year up to today.
        const stats = await getJson<{ metrics: Record<string, number> }>(
          page,
          `/units/${account.unitId}/stats?from=${YEAR}-01-01&to=${TODAY}`,
        );
        before[key] = stats.metrics["practices.recognised"] ?? 0;
      } finally {
        await context.close();
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the secretary of K1 registers a model with a photo (after a refused empty form) and submits it", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, secretary1);
      await page.goto("/");
      await mainNav(page).getByRole("link", { name: "Mô hình hay" }).click();
      await shown(page.getByRole("heading", { name: "Mô hình hay, cách làm sáng tạo", level: 1 }));
      await page.getByRole("link", { name: "Đăng ký mô hình" }).click();
      await shown(page.getByRole("heading", { name: "Đăng ký mô hình mới", level: 1 }));

      // An empty form is refused in Vietnamese, and the focus goes to the first field to fix.
      await page.getByRole("button", { name: "Lưu mô hình" }).click();
      await shown(page.getByText("Vui lòng nhập tên mô hình"));
      await shown(page.getByText("Vui lòng chọn lĩnh vực"));
      const titleBox = page.getByRole("textbox", { name: /^Tên mô hình/ });
      await page.waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true");
      expect(await titleBox.evaluate((el) => el === document.activeElement)).toBe(true);

      await titleBox.fill(TITLE);
      await picker(page, /^Lĩnh vực/).click();
      await page.getByRole("option", { name: "Văn hóa – xã hội" }).click();
      await page.getByRole("textbox", { name: /^Ngày bắt đầu thực hiện/ }).fill(`01/01/${YEAR}`);
      await page.getByRole("textbox", { name: /^Tóm tắt/ }).fill(SUMMARY);
      await page
        .getByRole("textbox", { name: /^Nội dung, cách làm/ })
        .fill("Chi bộ phân công đảng viên phụ trách từng tối.\nSách do các hộ gia đình quyên góp.");
      await page.getByRole("textbox", { name: /^Kết quả đạt được/ }).fill("30 cháu tham gia đều đặn.");
      await page.locator('input[type="file"]').setInputFiles({
        name: "anh-goc-doc-sach.png",
        mimeType: "image/png",
        buffer: makePng(96, 64),
      });
      await shown(page.getByText("anh-goc-doc-sach.png"));
      await screenshot(page, "desktop-practice-form");
      await page.getByRole("button", { name: "Lưu mô hình" }).click();

      // The model's page: a draft, with its photo uploaded and shown as a thumbnail.
      await shown(page.getByRole("heading", { name: TITLE, level: 1 }));
      practiceId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      expect(practiceId).toMatch(/^[0-9a-f-]{36}$/);
      await shown(page.getByTestId("practice-standing").filter({ hasText: "Bản nháp" }));
      const photo = page.locator(`img[alt="Ảnh 1: ${TITLE}"]`).first();
      await photo.waitFor({ state: "visible" });
      await page.waitForFunction((alt) => {
        const img = [...document.querySelectorAll("img")].find((i) => i.alt === alt);
        return !!img && img.complete && img.naturalWidth > 0;
      }, `Ảnh 1: ${TITLE}`);

      // Submit, with a note.
      await page.getByRole("button", { name: "Gửi xét duyệt" }).click();
      const dialog = await shown(page.getByRole("dialog", { name: "Gửi xét duyệt" }));
      // The title's own quotes alternate inside the message's (no “… “…” …”).
      await shown(
        dialog.getByText(
          `Gửi mô hình “${TITLE.replace("“", "‘").replace("”", "’")}” lên cấp trên xét duyệt?`,
          {
            exact: false,
          },
        ),
      );
      await dialog
        .getByRole("textbox", { name: /^Ý kiến kèm theo/ })
        .fill("Đề nghị Đảng bộ xem xét, công nhận.");
      await dialog.getByRole("button", { name: "Gửi", exact: true }).click();
      await gone(page.getByRole("dialog"));
      await shown(page.getByTestId("practice-standing").filter({ hasText: "Đang chờ xét duyệt" }));
      // It can no longer be edited while it waits.
      expect(await page.getByRole("link", { name: "Sửa" }).count()).toBe(0);
      await shown(page.getByRole("listitem").filter({ hasText: "Đề nghị Đảng bộ xem xét, công nhận." }));
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the officer of G sees it counted in the navigation and forwards it from the review queue", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, officerG);
      await page.goto("/");
      const badge = await shown(mainNav(page).getByTestId("review-queue-badge"));
      const waiting = Number((await badge.textContent()) ?? "0");
      expect(waiting).toBeGreaterThanOrEqual(1);
      await mainNav(page)
        .getByRole("link", { name: /^Chờ xét duyệt/ })
        .click();
      await shown(page.getByRole("heading", { name: "Chờ xét duyệt", level: 1 }));
      const card = await shown(page.getByRole("listitem").filter({ hasText: TITLE }));
      await card.getByRole("button", { name: new RegExp(`^Chuyển cấp trên\\W+.*${token}`) }).click();
      const dialog = await shown(page.getByRole("dialog", { name: "Xét duyệt mô hình" }));
      expect(await dialog.getByRole("radio", { name: "Chuyển cấp trên" }).isChecked()).toBe(true);
      await dialog.getByRole("textbox", { name: /^Ý kiến/ }).fill("Đề nghị Đảng ủy phường công nhận.");
      await dialog.getByRole("button", { name: "Chuyển cấp trên", exact: true }).click();
      await gone(page.getByRole("dialog"));
      await gone(page.getByRole("listitem").filter({ hasText: TITLE }));
      // The badge follows at once (one fewer, or gone when nothing is left).
      if (waiting > 1)
        await shown(
          mainNav(page)
            .getByTestId("review-queue-badge")
            .filter({ hasText: String(waiting - 1) }),
        );
      else await gone(mainNav(page).getByTestId("review-queue-badge"));
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a return needs a comment; the officer of C recognises it and puts it on the public showcase", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, officerC);
      await page.goto(`/practices/${practiceId}`);
      await shown(page.getByRole("heading", { name: TITLE, level: 1 }));
      await shown(page.getByTestId("practice-standing").filter({ hasText: "Đang chờ đơn vị bạn xét duyệt" }));
      await page.getByRole("button", { name: "Xét duyệt" }).click();
      const dialog = await shown(page.getByRole("dialog", { name: "Xét duyệt mô hình" }));

      // Returning without a comment is refused.
      await dialog.getByRole("radio", { name: "Trả lại" }).check();
      await dialog.getByRole("button", { name: "Trả lại", exact: true }).click();
      await shown(dialog.getByText("Vui lòng ghi ý kiến khi trả lại"));

      await dialog.getByRole("radio", { name: "Công nhận" }).check();
      await dialog.getByRole("checkbox", { name: /Đưa lên trang giới thiệu công khai/ }).check();
      await dialog.getByRole("textbox", { name: /^Ý kiến/ }).fill("Công nhận mô hình hay cấp phường.");
      await dialog.getByRole("button", { name: "Công nhận", exact: true }).click();
      await gone(page.getByRole("dialog"));

      await shown(page.getByTestId("practice-standing").filter({ hasText: "Đã được công nhận" }));
      await shown(page.getByText("Công khai", { exact: true }).first());
      expect(
        await page.getByRole("switch", { name: /Hiển thị trên trang giới thiệu công khai/ }).isChecked(),
      ).toBe(true);
      // The review history: submitted by K1, forwarded by G, recognised by C, with the comments.
      const history = page
        .getByRole("region", { name: "Quá trình xét duyệt" })
        .or(page.locator("section", { has: page.getByRole("heading", { name: "Quá trình xét duyệt" }) }));
      for (const text of [
        "Gửi xét duyệt",
        "Chuyển cấp trên",
        "Công nhận",
        "Đề nghị Đảng ủy phường công nhận.",
        "Công nhận mô hình hay cấp phường.",
      ])
        await shown(history.first().getByText(text, { exact: true }).first());
      await screenshot(page, "desktop-practice-recognised");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the secretary of K2 adopts it, records the results, and sees the spread", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, secretary2);
      const me = await getJson<{ user: { unitName: string } }>(page, "/auth/me");
      await page.goto(`/practices/${practiceId}`);
      await shown(page.getByRole("heading", { name: TITLE, level: 1 }));
      await page.getByRole("button", { name: "Nhân rộng" }).click();
      const dialog = await shown(page.getByRole("dialog", { name: "Nhân rộng mô hình" }));
      await dialog
        .getByRole("textbox", { name: /^Ghi chú/ })
        .fill("Áp dụng tại nhà văn hóa tổ dân phố số 3.");
      await dialog.getByRole("button", { name: "Ghi nhận nhân rộng" }).click();
      await gone(page.getByRole("dialog"));
      await shown(page.getByText("Đơn vị bạn đã nhân rộng"));
      expect(await page.getByRole("button", { name: "Nhân rộng" }).count()).toBe(0);

      // The adopting units: K2, whose results its secretary records.
      await shown(page.getByRole("heading", { name: "Các đơn vị nhân rộng (1)" }));
      const row = await shown(page.getByRole("row").filter({ hasText: me.user.unitName }));
      await row.getByRole("button", { name: `Ghi kết quả của ${me.user.unitName}` }).click();
      const results = await shown(
        page.getByRole("dialog", { name: `Kết quả nhân rộng: ${me.user.unitName}` }),
      );
      await results.getByRole("textbox", { name: /^Kết quả/ }).fill("Sau 2 tháng: 18 cháu tham gia.");
      await results.getByRole("button", { name: "Lưu", exact: true }).click();
      await gone(page.getByRole("dialog"));
      await shown(page.getByRole("row").filter({ hasText: "Sau 2 tháng: 18 cháu tham gia." }));

      // The spread, drawn by the lazily loaded chart.
      await shown(page.getByText("1 lượt nhân rộng"));
      const chart = await shown(page.getByTestId("spread-by-year"));
      await chart.locator("svg").first().waitFor({ state: "attached" });
      expect(await chart.getAttribute("aria-label")).toContain(`${YEAR}: 1`);
      // By area: the adopting units below the viewer's unit (none below a cell).
      await shown(page.getByText("Không có đơn vị nào dưới đơn vị bạn nhân rộng mô hình này."));
      await screenshot(page, "desktop-practice-spread");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the commune's and the province's figures count it as recognised; the commune's Models tab lists it", async () => {
    for (const [key, account] of [
      ["commune", officerC],
      ["province", officerP],
    ] as const) {
      const { context, page, pageErrors } = await openPage(browser);
      try {
        await loginViaApi(page, account);
        expect(await statOnPage(page, account.unitId, "stat-practices-recognised")).toBe(before[key] + 1);
        if (key === "commune") {
          await page.getByRole("tab", { name: "Mô hình" }).click();
          // Built in its subtree (K1), and adopted in its subtree (K2).
          const built = page.getByRole("region", { name: "Mô hình do đơn vị xây dựng" });
          await shown(built.getByRole("link", { name: TITLE }));
          const adopted = page.getByRole("region", { name: "Mô hình đơn vị đã nhân rộng" });
          await shown(adopted.getByRole("link", { name: TITLE }));
          await screenshot(page, "desktop-unit-practices");
          // Its spread by area, seen from the commune: the grassroots organisation of K2.
          await built.getByRole("link", { name: TITLE }).click();
          const areas = await shown(page.getByRole("table", { name: "Theo địa bàn" }));
          await shown(areas.getByRole("row").filter({ hasText: "Đảng bộ cơ quan" }));
        }
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it("a visitor without an account finds it on the showcase by typing its title without diacritics", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      // No share sheet on this desktop browser: the button copies the link.
      await context.addInitScript(() => {
        Object.defineProperty(navigator, "share", { value: undefined, configurable: true });
      });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
      await page.goto("/login");
      await page.getByRole("link", { name: /Xem các mô hình hay/ }).click();
      await shown(page.getByRole("heading", { name: "Mô hình hay, cách làm sáng tạo", level: 1 }));
      expect(new URL(page.url()).pathname).toBe("/cong-khai/mo-hinh");

      await page.getByRole("searchbox", { name: "Tìm kiếm" }).fill(withoutDiacritics(TITLE));
      await page.waitForURL(/[?&]q=/);
      const list = page.getByRole("list", { name: "Các mô hình hay" });
      await shown(list.getByRole("link", { name: TITLE }));
      await expect.poll(() => list.getByRole("listitem").count()).toBe(1);
      await list.getByRole("link", { name: TITLE }).click();

      await shown(page.getByRole("heading", { name: TITLE, level: 1 }));
      expect(new URL(page.url()).pathname).toBe(`/cong-khai/mo-hinh/${practiceId}`);
      await shown(page.getByTestId("public-recognised-by"));
      await shown(page.getByText(SUMMARY));
      await shown(page.locator(`img[alt="Ảnh 1: ${TITLE}"]`).first());
      await page.getByRole("button", { name: "Sao chép liên kết" }).click();
      await shown(page.getByText("Đã sao chép liên kết"));
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());

      // Link previews: the server's HTML for this address names the model.
      const html = await (await page.request.get(`${baseUrl}/cong-khai/mo-hinh/${practiceId}`)).text();
      expect(html).toContain('<meta property="og:title"');
      expect(html).toContain("Góc đọc sách cho thiếu nhi");
      await screenshot(page, "desktop-public-practice");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.runIf(pdfTools)(
    "the officer of C compiles it into a booklet; the PDF holds its title intact",
    async () => {
      const { context, page, pageErrors } = await openPage(browser);
      try {
        await loginViaApi(page, officerC);
        await page.goto("/booklets");
        await page.getByRole("link", { name: "Tạo tập mới" }).click();
        await page.getByRole("textbox", { name: "Tên tập" }).fill(`Tập mô hình ${token}`);
        await page.getByRole("searchbox", { name: "Tìm kiếm" }).fill(withoutDiacritics(TITLE));
        const box = page
          .getByRole("list", { name: "Mô hình đã được công nhận" })
          .getByRole("checkbox", { name: TITLE });
        await shown(box);
        await box.check();
        await page.getByRole("button", { name: "Lưu tập" }).click();
        await shown(page.getByRole("heading", { name: `Tập mô hình ${token}`, level: 1 }));
        await page.getByRole("button", { name: "Xuất PDF" }).click();
        const download = await shown(page.getByRole("link", { name: /^Tải về .*\.pdf/ }));
        const file = await page.request.get(`${baseUrl}${(await download.getAttribute("href")) ?? ""}`);
        expect(file.status()).toBe(200);
        const dir = mkdtempSync(path.join(tmpdir(), "tg-e2e-pdf-"));
        const pdf = path.join(dir, "tap.pdf");
        writeFileSync(pdf, await file.body());
        const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
        // The title with its diacritics and typographic quotes, in the table of contents and its section.
        expect(text.split("Góc đọc sách cho thiếu nhi ở khu dân cư").length - 1).toBeGreaterThanOrEqual(2);
        expect(text).toContain(token);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it("on a 360 px phone the list (cards with covers) and the model's page do not scroll sideways", async () => {
    const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
    try {
      await loginViaApi(page, secretary1);
      await page.goto(`/practices?q=${encodeURIComponent(token)}`);
      const cards = await shown(page.getByRole("list", { name: "Danh sách mô hình" }));
      const card = await shown(cards.getByRole("listitem").filter({ hasText: TITLE }));
      await card.locator("img").first().waitFor({ state: "visible" });
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "mobile-practices");
      await page.goto("/practices");
      await shown(page.getByRole("list", { name: "Danh sách mô hình" }));
      // The pickers fold under one button on a phone.
      expect(await picker(page, /^Lĩnh vực/).isVisible()).toBe(false);
      const more = page.getByRole("button", { name: "Bộ lọc khác" });
      await more.click();
      expect(await more.getAttribute("aria-expanded")).toBe("true");
      await shown(picker(page, /^Lĩnh vực/));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

      await page.goto(`/practices/${practiceId}`);
      await shown(page.getByRole("heading", { name: TITLE, level: 1 }));
      await shown(page.getByTestId("spread-by-year"));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, "mobile-practice");

      await page.goto(`/cong-khai/mo-hinh/${practiceId}`);
      await shown(page.getByRole("heading", { name: TITLE, level: 1 }));
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a damaged photo on the create page: the model is saved, and the message names the file and why", async () => {
    const { context, page, pageErrors } = await openPage(browser);
    try {
      await loginViaApi(page, secretary1);
      await page.goto("/practices/new");
      await shown(page.getByRole("heading", { name: "Đăng ký mô hình mới", level: 1 }));
      await page.getByRole("textbox", { name: /^Tên mô hình/ }).fill(`Mô hình có ảnh hỏng ${token}`);
      await picker(page, /^Lĩnh vực/).click();
      await page.getByRole("option", { name: "Văn hóa – xã hội" }).click();
      await page.getByRole("textbox", { name: /^Ngày bắt đầu thực hiện/ }).fill(`01/01/${YEAR}`);
      await page.getByRole("textbox", { name: /^Tóm tắt/ }).fill(SUMMARY);
      await page.locator('input[type="file"]').setInputFiles({
        name: "anh-hong.jpg",
        mimeType: "image/jpeg",
        buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]),
      });
      await page.getByRole("button", { name: "Lưu mô hình" }).click();
      const alert = await shown(page.getByRole("alert").filter({ hasText: "chưa tải lên được" }));
      await shown(alert.getByText("anh-hong.jpg: Ảnh bị hỏng, không đọc được.", { exact: false }));
      // Saved as a draft; the edit page shows the file with the same reason, to try again.
      await page.waitForURL(/\/practices\/[0-9a-f-]{36}\/edit$/);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
