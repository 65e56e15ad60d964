import type { Browser, Locator, Page } from "playwright-core";
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
 * A year of commitments and ratings, on a 360 px phone: the officer of grassroots G has set the
 * year's template (prompts, two suggested targets, a deadline that has passed); a member of cell K1
 * writes her commitment with the keyboard alone (the draft saves itself; a save from another
 * window in between offers to reload) and submits it; the officer of G sends the reminders, which
 * the secretary of K1 finds under the bell; the secretary reviews the member's commitment and
 * rates the whole cell on one screen — first with "Không hoàn thành nhiệm vụ" without a reason:
 * refused, the row marked, the focus on it, nothing saved; then fixed and saved (and a save by
 * someone else in between offers to reload); the officer of G confirms, changing one grade with
 * its reason; the commune's unit page counts the grades.
 */

const PHONE = { width: 360, height: 740 };
const TODAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
const YEAR = Number(TODAY.slice(0, 4));
const YESTERDAY = new Date(Date.parse(`${TODAY}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const STUDY_PROMPT = "Học chuyên đề năm: xây dựng Đảng trong sạch, vững mạnh theo tư tưởng Hồ Chí Minh.";
const SUGGESTED = [
  { text: "Tham gia đủ các buổi sinh hoạt chi bộ", measure: "12/12 buổi" },
  { text: "Giúp đỡ một hộ khó khăn trong khu dân cư", measure: "1 hộ" },
];
const GRADES = {
  excellent: "Hoàn thành xuất sắc nhiệm vụ",
  good: "Hoàn thành tốt nhiệm vụ",
  complete: "Hoàn thành nhiệm vụ",
  incomplete: "Không hoàn thành nhiệm vụ",
} as const;
type Grade = keyof typeof GRADES;

interface Sheet {
  version: number;
  status: string;
  rows: {
    personId: string;
    fullName: string;
    proposed: { grade: Grade; points: number | null; reason: string | null } | null;
    final: { grade: Grade } | null;
  }[];
}

async function api<T>(
  page: Page,
  method: "GET" | "POST" | "PUT",
  path: string,
  csrf: string,
  data?: unknown,
) {
  const response = await page.request.fetch(`${baseUrl}/api${path}`, {
    method,
    headers: { "x-csrf-token": csrf },
    ...(data !== undefined ? { data } : {}),
  });
  if (!response.ok())
    throw new Error(`E2E: ${method} ${path} answered ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** Presses Tab until the element has the focus (at most `max` times): it is reachable by keyboard. */
async function tabTo(page: Page, locator: Locator, max = 40): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (await isFocused(locator)) return presses;
    await page.keyboard.press("Tab");
  }
  throw new Error(`E2E: ${locator} not reached with ${max} presses of Tab`);
}

/** The next Tab lands on this element (the focus order of the form). */
async function nextTab(page: Page, locator: Locator) {
  await page.keyboard.press("Tab");
  expect(await isFocused(locator), `${locator} should follow in the focus order`).toBe(true);
}

describe.runIf(e2eEnabled)(
  "commitments and ratings: a member writes, the cell rates, the committee confirms",
  () => {
    let browser: Browser;
    let member: DemoAccount;
    let secretary: DemoAccount;
    let officerG: DemoAccount;
    let officerC: DemoAccount;
    /** The commune's grade counts before the journey. */
    let before: Record<string, number> = {};
    let rowCount = 0;

    beforeAll(async () => {
      member = accountNamed("dangvien2");
      secretary = accountNamed("bithu.chibo1");
      officerG = accountNamed("canbo.coso");
      officerC = accountNamed("canbo.xa");
      browser = await launchBrowser();
      const { context, page } = await openPage(browser);
      try {
        const { csrfToken } = await loginViaApi(page, officerG);
        await api(page, "PUT", `/units/${officerG.unitId}/commitment-template`, csrfToken, {
          year: YEAR,
          studyPrompt: STUDY_PROMPT,
          actionPrompt: "Nêu việc làm cụ thể, đo được, gắn với nhiệm vụ được giao.",
          targets: SUGGESTED,
          deadline: YESTERDAY,
          campaignWeight: 30,
        });
        const commune = await openPage(browser);
        try {
          await loginViaApi(commune.page, officerC);
          const stats = await api<{ metrics: Record<string, number> }>(
            commune.page,
            "GET",
            `/units/${officerC.unitId}/stats?from=${YEAR}-01-01&to=${TODAY}`,
            "",
          );
          before = stats.metrics;
        } finally {
          await commune.context.close();
        }
      } finally {
        await context.close();
      }
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("the member writes her commitment with the keyboard alone; the draft saves itself; she submits it", async () => {
      const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
      try {
        const { csrfToken } = await loginViaApi(page, member);
        await page.goto("/");
        // The member's home: this year's commitment first, with one big button.
        const card = await shown(page.getByRole("region", { name: `Bản cam kết năm ${YEAR}` }));
        await shown(card.getByText("Chưa viết", { exact: true }));
        await shown(card.getByText(`Hạn nộp: ${YESTERDAY.split("-").reverse().join("/")}`));
        // The year's topic, new bulletins and the standards follow.
        await shown(page.locator("#year-topic-title"));
        await shown(page.locator("#new-bulletins-title"));
        await shown(page.locator("#standards-card-title"));
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await screenshot(page, "mobile-member-home");

        // Keyboard only from here: the skip link, then the big button.
        const cta = card.getByRole("link", { name: "Viết bản cam kết" });
        await tabTo(page, cta);
        await page.keyboard.press("Enter");
        await shown(page.getByRole("heading", { name: `Bản cam kết năm ${YEAR}`, level: 1 }));

        const study = page.getByRole("textbox", { name: /^Nội dung học tập/ });
        const actions = page.getByRole("textbox", { name: /^Việc làm theo Bác/ });
        // The template's prompt is said with the field.
        expect(await study.getAttribute("aria-describedby")).toBeTruthy();
        await shown(page.getByText(STUDY_PROMPT));
        // The suggested targets are there to keep.
        expect(await page.getByRole("textbox", { name: "Chỉ tiêu 1", exact: true }).inputValue()).toBe(
          SUGGESTED[0]?.text,
        );
        expect(await page.getByRole("textbox", { name: "Chỉ tiêu 2", exact: true }).inputValue()).toBe(
          SUGGESTED[1]?.text,
        );

        await tabTo(page, study);
        await page.keyboard.type("Học chuyên đề năm; đọc lại Di chúc của Bác.");
        await nextTab(page, actions);
        await page.keyboard.type("Giữ nếp sống giản dị, gần dân.");
        await nextTab(page, page.getByRole("textbox", { name: "Chỉ tiêu 1", exact: true }));
        await nextTab(page, page.getByRole("textbox", { name: "Cách đo, mức cần đạt của chỉ tiêu 1" }));
        await nextTab(page, page.getByRole("button", { name: "Xóa chỉ tiêu 1" }));
        await nextTab(page, page.getByRole("textbox", { name: "Chỉ tiêu 2", exact: true }));
        await nextTab(page, page.getByRole("textbox", { name: "Cách đo, mức cần đạt của chỉ tiêu 2" }));
        // Remove the second suggestion: the focus goes to "Thêm chỉ tiêu"; add one of her own.
        await nextTab(page, page.getByRole("button", { name: "Xóa chỉ tiêu 2" }));
        await page.keyboard.press("Enter");
        await gone(page.getByRole("textbox", { name: "Cách đo, mức cần đạt của chỉ tiêu 2" }));
        const add = page.getByRole("button", { name: "Thêm chỉ tiêu" });
        await page.waitForFunction(() => document.activeElement?.textContent?.includes("Thêm chỉ tiêu"));
        expect(await isFocused(add)).toBe(true);
        await page.keyboard.press("Enter");
        const own = page.getByRole("textbox", { name: "Chỉ tiêu 2", exact: true });
        await page.waitForFunction(() =>
          (document.activeElement as HTMLInputElement | null)?.id?.startsWith("target-"),
        );
        expect(await isFocused(own)).toBe(true);
        await page.keyboard.type("Đọc 2 cuốn sách về Bác");
        await nextTab(page, page.getByRole("textbox", { name: "Cách đo, mức cần đạt của chỉ tiêu 2" }));
        await page.keyboard.type("2 cuốn");

        // The draft saves itself, and says so.
        const status = page.getByTestId("save-status");
        await shown(status.filter({ hasText: /^Đã lưu bản nháp lúc/ }));
        expect(await status.getAttribute("aria-live")).toBe("polite");
        type Mine = {
          commitment: {
            status: string;
            targets: { text: string; measure?: string | null }[];
            version: number;
          };
        };
        // The status may show an earlier save: wait for the one holding the last keystrokes (it
        // comes AUTOSAVE_DELAY_MS after them, longer than expect.poll's default second).
        let saved = await api<Mine>(page, "GET", `/commitments/mine?year=${YEAR}`, csrfToken);
        await expect
          .poll(
            async () => {
              saved = await api<Mine>(page, "GET", `/commitments/mine?year=${YEAR}`, csrfToken);
              return saved.commitment.targets
                .map((target) => target.text)
                .concat(saved.commitment.targets[1]?.measure ?? "");
            },
            { timeout: 15_000 },
          )
          .toEqual([SUGGESTED[0]?.text, "Đọc 2 cuốn sách về Bác", "2 cuốn"]);
        expect(saved.commitment.status).toBe("draft");
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await screenshot(page, "mobile-commitment-form");

        // Another window saves in between: the next autosave gets 409 and offers to reload.
        await api(page, "PUT", "/commitments/mine", csrfToken, {
          year: YEAR,
          study: "Học chuyên đề năm (sửa từ máy tính ở nhà).",
          actions: "Giữ nếp sống giản dị, gần dân.",
          targets: saved.commitment.targets,
          version: saved.commitment.version,
        });
        await page.keyboard.type(" Mỗi tháng một cuốn.");
        const conflict = await shown(
          page.getByRole("alert").filter({ hasText: "Bản cam kết vừa được sửa ở nơi khác" }),
        );
        await conflict.getByRole("button", { name: "Tải lại" }).click();
        await gone(page.getByRole("alert").filter({ hasText: "Bản cam kết vừa được sửa ở nơi khác" }));
        expect(await study.inputValue()).toBe("Học chuyên đề năm (sửa từ máy tính ở nhà).");

        // Submit, by keyboard, after the confirmation.
        await tabTo(page, study);
        await page.keyboard.press("Control+End"); // the end of the text, not of the wrapped line
        await page.keyboard.type(" Đọc lại Di chúc của Bác.");
        const submit = page.getByRole("button", { name: "Nộp", exact: true });
        await tabTo(page, submit);
        await page.keyboard.press("Enter");
        const dialog = await shown(page.getByRole("dialog", { name: `Nộp bản cam kết năm ${YEAR}?` }));
        // The dialog takes the focus once it has opened (its transition): a keyboard user waits for it.
        await expect
          .poll(() => dialog.evaluate((el) => el.contains(document.activeElement)), { timeout: 5_000 })
          .toBe(true);
        await tabTo(page, dialog.getByRole("button", { name: "Nộp bản cam kết" }), 6);
        await page.keyboard.press("Enter");
        await gone(page.getByRole("dialog"));
        const written = await shown(page.getByRole("heading", { name: `Bản cam kết đã nộp năm ${YEAR}` }));
        await page.waitForFunction(() => document.activeElement?.id === "my-commitment-title");
        expect(await isFocused(written)).toBe(true);
        await shown(page.getByTestId("commitment-view").getByText("Đã nộp"));
        await shown(page.getByText("Học chuyên đề năm (sửa từ máy tính ở nhà). Đọc lại Di chúc của Bác."));
        // What comes next: the self-assessments.
        await shown(page.getByRole("heading", { name: "Tự đánh giá giữa năm" }));
        await shown(page.getByRole("heading", { name: "Tự đánh giá cuối năm" }));
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await screenshot(page, "mobile-commitment-submitted");

        // The home's button now says what comes next.
        await page.goto("/");
        await shown(page.getByRole("link", { name: "Tự đánh giá" }));
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("the officer of G sends the reminders now; the secretary's open bell shows hers at once (live, no reload)", async () => {
      const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
      try {
        await loginViaApi(page, secretary);
        await page.goto("/");
        const bell = await shown(page.getByTestId("notification-bell"));
        await bell.click();
        const panel = await shown(page.getByRole("dialog", { name: "Thông báo" }));

        const officer = await openPage(browser, { viewport: PHONE, mobile: true });
        try {
          await loginViaApi(officer.page, officerG);
          await officer.page.goto("/");
          await officer.page.getByRole("button", { name: "Mở menu điều hướng" }).click();
          await mainNav(officer.page).getByRole("link", { name: "Cam kết & xếp loại" }).click();
          await shown(officer.page.getByRole("heading", { name: "Cam kết & xếp loại", level: 1 }));
          await officer.page.getByRole("button", { name: "Nhắc nhở ngay" }).click();
          const dialog = await shown(officer.page.getByRole("dialog", { name: `Nhắc nhở năm ${YEAR}` }));
          await dialog.getByRole("button", { name: "Gửi lời nhắc" }).click();
          await shown(dialog.getByText(/^Đã nhắc \d+ đảng viên chưa nộp cam kết/));
          expect(officer.pageErrors).toEqual([]);
        } finally {
          await officer.context.close();
        }

        // The notifications stream brings it into the open panel (polling would take a minute),
        // and the new unread count is said politely to screen readers.
        await shown(page.getByRole("button", { name: /^Thông báo: \d+ chưa đọc$/ }));
        await shown(page.getByTestId("notification-announcer").getByText(/\d+ thông báo chưa đọc/));
        const reminder = await shown(panel.getByRole("link", { name: `Nhắc nộp bản cam kết năm ${YEAR}` }));
        await screenshot(page, "mobile-notifications");
        await reminder.click();
        await shown(page.getByRole("heading", { name: `Bản cam kết năm ${YEAR}`, level: 1 }));
        // Followed, the reminder is read.
        await page.goto("/notifications");
        await shown(page.getByRole("heading", { name: "Thông báo", level: 1 }));
        await shown(page.getByRole("link", { name: `Nhắc nộp bản cam kết năm ${YEAR}` }));
        expect(
          await page
            .getByTestId("notification-list")
            .locator("li[data-unread]")
            .filter({ hasText: "Nhắc nộp bản cam kết" })
            .count(),
        ).toBe(0);
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("the secretary reviews the commitment and rates the whole cell on one screen: a bad row is refused, then fixed", async () => {
      const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
      try {
        const { csrfToken } = await loginViaApi(page, secretary);
        const sheetOf = () =>
          api<Sheet>(page, "GET", `/units/${secretary.unitId}/ratings?year=${YEAR}`, csrfToken);
        const initial = await sheetOf();
        rowCount = initial.rows.length;
        expect(rowCount).toBeGreaterThan(3);
        const memberName = "Bùi Thị Ánh"; // dangvien2, who submitted
        const lateName = "Ngô Văn An"; // dangvien1: no commitment

        await page.goto("/commitments");
        await shown(page.getByRole("heading", { name: "Cam kết & xếp loại", level: 1 }));
        // Who has not submitted: the member who did is not among them.
        await page.getByRole("switch", { name: "Chỉ hiện người chưa nộp" }).check();
        await shown(page.getByText(/đảng viên chưa nộp$/));
        await shown(page.getByText(lateName));
        await expect.poll(() => page.getByTestId("unit-commitments").getByText(memberName).count()).toBe(0);
        await page.getByRole("switch", { name: "Chỉ hiện người chưa nộp" }).uncheck();
        await page.getByRole("link", { name: memberName }).click();

        // The review: a comment and the year-end score.
        await shown(
          page.getByRole("heading", { name: `Bản cam kết của ${memberName} năm ${YEAR}`, level: 1 }),
        );
        await page.getByRole("textbox", { name: "Nhận xét" }).fill("Bản cam kết cụ thể, sát nhiệm vụ.");
        await page.getByRole("textbox", { name: /^Điểm kết quả cuối năm/ }).fill("92");
        await page.getByRole("button", { name: "Lưu nhận xét" }).click();
        await shown(page.getByText("Đã lưu nhận xét."));
        await shown(page.getByText("Điểm cam kết: 92/100"));

        // The rating sheet: every member of the cell, each a card on the phone.
        await page.goto(`/commitments?tab=ratings&year=${YEAR}`);
        const sheet = await shown(page.getByTestId("rating-sheet"));
        await shown(sheet.getByText(`Đã chọn xếp loại: 0/${rowCount} đảng viên`));
        expect(await sheet.getByTestId("rating-row").count()).toBe(rowCount);
        const row = (name: string) => sheet.getByTestId("rating-row").filter({ hasText: name });
        // Quick fill, then the exceptions.
        await sheet
          .getByRole("combobox", { name: "Điền nhanh cho người chưa chọn" })
          .selectOption({ label: GRADES.good });
        await sheet.getByRole("button", { name: "Điền", exact: true }).click();
        // Members who wrote no commitment are left out unless the secretary confirms.
        const unwritten = await shown(
          page.getByRole("dialog", { name: "Có đảng viên chưa viết bản cam kết" }),
        );
        await shown(sheet.getByText(/^Đã chọn xếp loại: \d+\/\d+ đảng viên$/));
        expect(await sheet.getByText(`Đã chọn xếp loại: ${rowCount}/${rowCount} đảng viên`).count()).toBe(0);
        await unwritten.getByRole("button", { name: "Vẫn điền cho họ" }).click();
        await gone(page.getByRole("dialog"));
        await shown(sheet.getByText(`Đã chọn xếp loại: ${rowCount}/${rowCount} đảng viên`));
        const star = row(memberName);
        await star.getByRole("textbox", { name: "Điểm" }).fill("95");
        await shown(star.getByText(`Theo điểm: ${GRADES.excellent}`));
        await star.getByRole("button", { name: `Chọn ${GRADES.excellent} cho ${memberName}` }).click();
        expect(await star.getByRole("combobox", { name: "Xếp loại" }).inputValue()).toBe("excellent");
        const late = row(lateName);
        await late.getByRole("combobox", { name: "Xếp loại" }).selectOption({ label: GRADES.incomplete });
        await late.getByRole("textbox", { name: "Điểm" }).fill("40");
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

        // No reason for "Không hoàn thành nhiệm vụ": refused, the row marked in place, the focus on its reason.
        await page.getByRole("button", { name: "Lưu xếp loại cả chi bộ" }).click();
        await shown(page.getByTestId("sheet-errors"));
        await shown(late.getByText("Cần ghi lý do khi xếp loại Không hoàn thành nhiệm vụ"));
        expect(await late.getAttribute("data-invalid")).toBe("true");
        expect(await sheet.locator("[data-testid=rating-row][data-invalid]").count()).toBe(1);
        const reason = late.getByRole("textbox", { name: /^Lý do, ghi chú/ });
        await page.waitForFunction(() => document.activeElement?.id.endsWith("-reason"));
        expect(await isFocused(reason)).toBe(true);
        expect(await reason.getAttribute("aria-invalid")).toBe("true");
        await shown(
          page.getByTestId("sheet-announce").filter({ hasText: "Chưa lưu dòng nào: 1 đảng viên cần sửa" }),
        );
        await screenshot(page, "mobile-rating-refused");
        // Nothing was saved.
        const unchanged = await sheetOf();
        expect(unchanged.version).toBe(initial.version);
        expect(unchanged.rows.every((r) => r.proposed === null)).toBe(true);

        // Fixed where the focus is, and saved.
        await page.keyboard.type("Không nộp bản cam kết, vắng 4 buổi sinh hoạt không lý do.");
        await page.getByRole("button", { name: "Lưu xếp loại cả chi bộ" }).click();
        await shown(
          page
            .getByTestId("sheet-announce")
            .filter({ hasText: `Đã lưu xếp loại của ${rowCount} đảng viên.` }),
        );
        await shown(page.getByTestId("sheet-status").filter({ hasText: "Chi bộ đã đề xuất" }));
        expect(await sheet.locator("[data-testid=rating-row][data-invalid]").count()).toBe(0);
        const proposed = await sheetOf();
        expect(proposed.status).toBe("proposed");
        expect(proposed.rows.find((r) => r.fullName === memberName)?.proposed).toMatchObject({
          grade: "excellent",
          points: 95,
        });
        expect(proposed.rows.find((r) => r.fullName === lateName)?.proposed?.grade).toBe("incomplete");

        // Someone else saves the sheet in between: the next save says so and offers to reload.
        await api(page, "POST", `/units/${secretary.unitId}/ratings`, csrfToken, {
          year: YEAR,
          version: proposed.version,
          ratings: proposed.rows.map((r) => ({ personId: r.personId, ...r.proposed })),
        });
        await row(memberName).getByRole("textbox", { name: "Điểm" }).fill("96");
        await page.getByRole("button", { name: "Lưu xếp loại cả chi bộ" }).click();
        const conflict = await shown(page.getByTestId("sheet-conflict"));
        await shown(conflict.getByText("Người khác vừa lưu phiếu xếp loại này."));
        await conflict.getByRole("button", { name: "Tải lại phiếu" }).click();
        await gone(page.getByTestId("sheet-conflict"));
        expect(await row(memberName).getByRole("textbox", { name: "Điểm" }).inputValue()).toBe("95");
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("the officer of G confirms from the cell's page, a change needing its reason", async () => {
      const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
      try {
        await loginViaApi(page, officerG);
        await page.goto(`/units/${secretary.unitId}`);
        await page.getByRole("main").getByRole("link", { name: "Cam kết & xếp loại" }).click();
        await page.getByRole("tab", { name: "Xếp loại" }).click();
        const sheet = await shown(page.getByTestId("rating-sheet"));
        expect(await sheet.getAttribute("data-mode")).toBe("confirm");
        // One "good" proposal becomes "complete".
        const changed = sheet
          .getByTestId("rating-row")
          .filter({ has: page.locator("[data-testid=grade-badge][data-grade=good]") })
          .first();
        const name = (await changed.locator("[id$=-name]").textContent()) ?? "";
        await changed
          .getByRole("combobox", { name: "Xếp loại xác nhận" })
          .selectOption({ label: GRADES.complete });
        await shown(page.getByText("Thay đổi so với đề xuất: 1"));
        await page.getByRole("button", { name: "Xác nhận xếp loại" }).click();
        let dialog = await shown(page.getByRole("dialog", { name: /^Xác nhận xếp loại của/ }));
        await dialog.getByRole("button", { name: "Xác nhận xếp loại" }).click();
        // Without a reason the change is refused, and marked.
        await shown(changed.getByText("Cần ghi lý do khi thay đổi xếp loại"));
        await page.waitForFunction(() => document.activeElement?.id.endsWith("-reason"));
        await page.keyboard.type("Chưa hoàn thành chỉ tiêu giúp đỡ hộ khó khăn.");
        await page.getByRole("button", { name: "Xác nhận xếp loại" }).click();
        dialog = await shown(page.getByRole("dialog", { name: /^Xác nhận xếp loại của/ }));
        await dialog.getByRole("button", { name: "Xác nhận xếp loại" }).click();
        await gone(page.getByRole("dialog"));
        await shown(page.getByTestId("sheet-status").filter({ hasText: "Đã xác nhận" }));
        await shown(
          sheet
            .getByTestId("rating-row")
            .filter({ hasText: name })
            .locator("[data-testid=grade-badge][data-grade=complete]"),
        );
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await screenshot(page, "mobile-rating-confirmed");
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it("the commune's unit page counts the confirmed grades", async () => {
      const { context, page, pageErrors } = await openPage(browser, { viewport: PHONE, mobile: true });
      try {
        await loginViaApi(page, officerC);
        await page.goto(`/units/${officerC.unitId}`);
        const block = await shown(page.getByTestId("commitment-figures"));
        const count = async (grade: Grade) =>
          Number(
            (
              (await block.getByTestId(`stat-grade-${grade}`).getByTestId("stat-value").textContent()) ?? ""
            ).replace(/\D/g, ""),
          );
        const was = (grade: Grade) => before[`commitments.grade.${grade}`] ?? 0;
        expect(await count("excellent")).toBe(was("excellent") + 1);
        expect(await count("incomplete")).toBe(was("incomplete") + 1);
        expect(await count("complete")).toBe(was("complete") + 1);
        expect(await count("good")).toBe(was("good") + rowCount - 3);
        const submitted = Number(
          (
            (await block.getByTestId("stat-commitments-count").getByTestId("stat-value").textContent()) ?? ""
          ).replace(/\D/g, ""),
        );
        expect(submitted).toBe((before["commitments.count"] ?? 0) + 1);
        await block.scrollIntoViewIfNeeded();
        expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await screenshot(page, "mobile-commune-commitments");
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  },
);
