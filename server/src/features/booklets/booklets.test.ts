import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { libreOffice, pdfTools, toPdf } from "../../../test/tools.ts";
import { auditLog } from "../../lib/audit-log.ts";
import { partyBodyOf } from "../documents/index.ts";

let t: TestContext;
let tmp: string;
beforeAll(async () => {
  t = await createTestContext();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tg-booklet-"));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const NEIGHBOURHOOD = "Mô hình “Tổ dân phố tự quản xanh – sạch – đẹp”";
const INDIVIDUAL = "Cách làm “Tiết kiệm giờ hành chính, gần dân hơn”";
const TEA = "Mô hình “Vườn chè kiểu mẫu, nói không với thuốc trừ sâu”";
const DRAFT = "Cách làm “Sổ tay điện tử của chi bộ”";
const LIBRARY = "Mô hình “Tủ sách pháp luật – góc đọc cộng đồng” ở khu dân cư số 1";

/** Titles → ids of the models the caller can list. */
async function modelIds(client: Client, query = "") {
  const res = await client.get(`/api/practices?pageSize=200${query}`);
  expect(res.status).toBe(200);
  return new Map<string, string>(res.body.items.map((p: { id: string; title: string }) => [p.title, p.id]));
}

/** A model of cell K1 with a photo, recognised by its grassroots organisation. */
async function recognisedModelWithPhoto() {
  const k1 = await t.as("bithu.chibo1");
  const g = await t.as("canbo.coso");
  const created = await k1.post("/api/practices", {
    kind: "collective",
    unitId: t.demo.tree.cell1.id,
    title: LIBRARY,
    summary: "Một tủ sách pháp luật đặt tại nhà văn hóa, mở cửa tối thứ Bảy và Chủ nhật.",
    description:
      "Chi bộ vận động mỗi đảng viên góp ít nhất hai cuốn sách.\nĐoàn Thanh niên cử tình nguyện viên quản lý, ghi sổ mượn trả.",
    results: "Hơn 600 đầu sách; 1.200 lượt mượn trong năm; người cao tuổi và thiếu nhi đọc nhiều nhất.",
    fieldCode: "culture_society",
    startedOn: "2024-09-01",
  });
  expect(created.status).toBe(201);
  const id = created.body.practice.id as string;
  const photo = await sharp({
    create: { width: 1400, height: 900, channels: 3, background: { r: 30, g: 110, b: 200 } },
  })
    .png()
    .toBuffer();
  expect((await k1.upload(`/api/practices/${id}/files`, "tu-sach.png", photo)).status).toBe(201);
  expect((await k1.post(`/api/practices/${id}/submit`, {})).status).toBe(200);
  expect((await g.post(`/api/practices/${id}/review`, { decision: "recognise" })).status).toBe(200);
  return id;
}

/** The text of each paragraph of word/document.xml; throws unless the XML is well-formed. */
function wordParagraphs(xml: string): string[] {
  const parser = new SaxesParser();
  const out: string[] = [];
  let paragraph: string | null = null;
  let inRun = false;
  let inText = false;
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    if (tag.name === "w:p") paragraph = "";
    else if (tag.name === "w:r") inRun = true;
    else if (tag.name === "w:t") inText = true;
    else if (tag.name === "w:tab" && inRun && paragraph !== null) paragraph += "\t";
  });
  parser.on("closetag", (tag) => {
    if (tag.name === "w:t") inText = false;
    else if (tag.name === "w:r") inRun = false;
    else if (tag.name === "w:p") {
      out.push(paragraph ?? "");
      paragraph = null;
    }
  });
  parser.on("text", (text) => {
    if (inText && paragraph !== null) paragraph += text;
  });
  parser.write(xml).close();
  return out;
}

/** Positions of each needle found in order from `from`; -1 where one is missing or out of order. */
function inOrder(haystack: string, needles: string[], from = 0) {
  let cursor = from;
  return needles.map((needle) => {
    const at = haystack.indexOf(needle, cursor);
    if (at >= 0) cursor = at + needle.length;
    return at;
  });
}

async function runExport(client: Client, id: string, format: "docx" | "pdf") {
  const started = await client.post(`/api/booklets/${id}/exports`, { format });
  expect(started.status).toBe(202);
  const { job } = await client.waitForJob(started.body.jobId);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  expect(job.progress).toBe(1);
  expect(job.result).toMatchObject({ format, url: expect.stringMatching(`^/api/booklets/${id}/files/`) });
  const file = await client.download(job.result.url);
  expect(file.status).toBe(200);
  return { ...file, url: job.result.url as string };
}

describe("booklets of recognised models", () => {
  let bookletId: string;
  let order: string[];
  let titles: string[];
  let libraryId: string;

  it("refuses anonymous callers, members and cell secretaries, drafts and unreadable models", async () => {
    libraryId = await recognisedModelWithPhoto();
    const g = await t.as("canbo.coso");
    const ids = await modelIds(g);
    const neighbourhood = ids.get(NEIGHBOURHOOD) as string;
    const draft = (await modelIds(await t.as("bithu.chibo2"))).get(DRAFT) as string;
    expect(neighbourhood && draft).toBeTruthy();
    const body = { title: "Tập mô hình hay năm 2026", practiceIds: [neighbourhood] };

    expect((await t.anonymous().post("/api/booklets", body)).status).toBe(401);
    expect((await (await t.as("dangvien1")).post("/api/booklets", body)).status).toBe(403);
    expect((await (await t.as("bithu.chibo1")).post("/api/booklets", body)).status).toBe(403);
    expect((await g.post("/api/booklets", { ...body, title: "" })).status).toBe(400);
    expect((await g.post("/api/booklets", { ...body, practiceIds: [] })).status).toBe(400);
    expect(
      (await g.post("/api/booklets", { ...body, practiceIds: [neighbourhood, neighbourhood] })).status,
    ).toBe(400);

    // A draft of the caller's own subtree is readable but not recognised: 422 naming its place.
    const withDraft = await g.post("/api/booklets", { ...body, practiceIds: [neighbourhood, draft] });
    expect(withDraft.status).toBe(422);
    expect(withDraft.body.error.details).toEqual([{ path: "body.practiceIds.1", message: "not_recognised" }]);
    expect(withDraft.body.error.message).toMatch(/công nhận/);
    // A draft of the sibling province cannot be read: refused alike, and so is an unknown id.
    const p2 = await t.as("canbo.tinh2");
    const p2Cell = (await p2.get("/api/units?pageSize=200")).body.items.find(
      (u: { kindCode: string }) => u.kindCode === "cell",
    );
    const hidden = await p2.post("/api/practices", {
      unitId: p2Cell.id,
      title: "Mô hình chưa gửi của tỉnh bạn",
      fieldCode: "economy",
    });
    expect(hidden.status).toBe(201);
    for (const other of [hidden.body.practice.id, "01900000-0000-7000-8000-000000000000"])
      expect((await g.post("/api/booklets", { ...body, practiceIds: [other] })).status).toBe(422);
  });

  it("an officer compiles recognised models in the order chosen; it is published down, not sideways", async () => {
    const g = await t.as("canbo.coso");
    const ids = await modelIds(g, "&status=recognised");
    titles = [LIBRARY, NEIGHBOURHOOD, TEA, INDIVIDUAL];
    order = titles.map((title) => ids.get(title) as string);
    expect(order.every(Boolean)).toBe(true);
    const created = await g.post("/api/booklets", {
      title: "Tập mô hình hay, cách làm sáng tạo năm 2026",
      subtitle: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
      practiceIds: order,
    });
    expect(created.status).toBe(201);
    bookletId = created.body.id;

    const detail = await g.get(`/api/booklets/${bookletId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.booklet).toMatchObject({
      unit: { id: t.demo.tree.grassroots.id },
      modelCount: 4,
      mine: true,
      allowedActions: ["update", "export"],
      version: 1,
      exports: [],
    });
    expect(detail.body.booklet.items.map((i: { id: string }) => i.id)).toEqual(order);
    expect(detail.body.booklet.items[0].thumbUrl).toMatch(`/api/practices/${libraryId}/files/`);
    expect(detail.body.booklet.items[3]).toMatchObject({
      kind: "individual",
      recognisedBy: { kindCode: "province" },
    });

    // Readable by the commune above and by the cells below (published down); not by P2.
    for (const username of ["canbo.xa", "bithu.chibo1", "dangvien1"]) {
      const client = await t.as(username);
      const list = await client.get("/api/booklets");
      expect(list.status).toBe(200);
      expect(list.body.items.map((b: { id: string }) => b.id)).toContain(bookletId);
      expect((await client.get(`/api/booklets/${bookletId}`)).status).toBe(200);
    }
    const k1 = await t.as("bithu.chibo1");
    const below = (await k1.get(`/api/booklets/${bookletId}`)).body.booklet;
    expect(below).toMatchObject({ mine: false, allowedActions: [] });
    expect((await k1.put(`/api/booklets/${bookletId}`, { version: 1, title: "Sửa từ dưới" })).status).toBe(
      403,
    );
    expect((await k1.post(`/api/booklets/${bookletId}/exports`, { format: "pdf" })).status).toBe(403);
    const p2 = await t.as("canbo.tinh2");
    expect((await p2.get(`/api/booklets/${bookletId}`)).status).toBe(404);
    expect((await p2.get("/api/booklets")).body.items.map((b: { id: string }) => b.id)).not.toContain(
      bookletId,
    );
  });

  it("is reordered and renamed with its version; a stale version gets 409, a draft 422", async () => {
    const g = await t.as("canbo.coso");
    order = [order[1], order[0], order[2], order[3]] as string[];
    titles = [titles[1], titles[0], titles[2], titles[3]] as string[];
    const edited = await g.put(`/api/booklets/${bookletId}`, {
      version: 1,
      title: "Tập mô hình hay, cách làm sáng tạo giai đoạn 2024–2026",
      practiceIds: order,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.booklet.version).toBe(2);
    expect(edited.body.booklet.items.map((i: { id: string }) => i.id)).toEqual(order);
    expect(edited.body.booklet.items.map((i: { position: number }) => i.position)).toEqual([0, 1, 2, 3]);

    expect((await g.put(`/api/booklets/${bookletId}`, { version: 1, subtitle: "Cũ" })).status).toBe(409);
    const draft = (await modelIds(await t.as("bithu.chibo2"))).get(DRAFT) as string;
    const withDraft = await g.put(`/api/booklets/${bookletId}`, {
      version: 2,
      practiceIds: [...order, draft],
    });
    expect(withDraft.status).toBe(422);
    const after = (await g.get(`/api/booklets/${bookletId}`)).body.booklet;
    expect(after.version).toBe(2); // the refused edit changed nothing
    expect(after.items.map((i: { id: string }) => i.id)).toEqual(order);

    const audit = await t.database.db
      .select({ action: auditLog.action, changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "booklet"), eq(auditLog.entityId, bookletId)));
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "update"]);
    expect(audit.find((a) => a.action === "update")?.changes).toMatchObject({
      practiceIds: { after: order },
    });
  });

  it("exports a .docx: well-formed, the table of contents then every model in order, images embedded", async () => {
    const g = await t.as("canbo.coso");
    const file = await runExport(g, bookletId, "docx");
    expect(String(file.headers["content-type"])).toContain("wordprocessingml");
    expect(String(file.headers["content-disposition"])).toMatch(/^attachment; .*\.docx/);
    const zip = await JSZip.loadAsync(file.data);
    const xml = await zip.file("word/document.xml")?.async("string");
    expect(xml).toBeTruthy();
    const paragraphs = wordParagraphs(xml as string);
    const toc = paragraphs.indexOf("MỤC LỤC");
    expect(toc).toBeGreaterThan(0); // after the cover
    // The written table of contents lists every model in order…
    // (each "n.<tab>title<tab>" then its page number, a PAGEREF field to the model's bookmark).
    const entries = titles.map((title, i) =>
      paragraphs.findIndex((p) => p.startsWith(`${i + 1}.\t${title}\t`)),
    );
    expect(xml).toContain("PAGEREF mo_hinh_1");
    expect(entries.every((at) => at > toc)).toBe(true);
    expect([...entries].sort((a, b) => a - b)).toEqual(entries);
    // …then one section per model, headed in Word's Heading 1 style, in the same order.
    const headings = titles.map((title, i) => paragraphs.indexOf(`${i + 1}. ${title}`));
    expect(headings.every((at) => at > (entries.at(-1) ?? 0))).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    expect(xml).toContain('w:pStyle w:val="Heading1"');
    expect(paragraphs).toContain("Kết quả đạt được");
    // The photo of the model created here, embedded.
    const media = Object.keys(zip.files).filter((name) => name.startsWith("word/media/"));
    expect(media.length).toBeGreaterThanOrEqual(1);
    const styles = (await zip.file("word/styles.xml")?.async("string")) ?? "";
    expect(styles).toContain("Times New Roman");
    expect(styles).toContain('w:lang w:val="vi-VN"');
    const section = xml?.match(/<w:pgSz [^>]*>/)?.[0] ?? "";
    expect(section).toMatch(/w:w="11906"/); // A4
    fs.writeFileSync(path.join(tmp, "booklet.docx"), file.data);
  });

  it.runIf(libreOffice)("opens in LibreOffice: the contents give each model's page", () => {
    const pdf = toPdf(path.join(tmp, "booklet.docx"));
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(text.replace(/\s+/g, " ")).toContain(NEIGHBOURHOOD);
    const pages = text.split("\f");
    const contents = (pages.find((p) => p.includes("MỤC LỤC")) ?? "").split("\n");
    titles.forEach((title, i) => {
      // The entry's last line ends with a page number, and that page starts the model.
      const at = contents.findIndex((l) => l.trim().startsWith(`${i + 1}.`));
      const tail =
        contents.slice(at, at + 3).find((l) => /\d+\s*$/.test(l) && !/^\s*\d+\.\s*$/.test(l)) ?? "";
      const page = Number(/(\d+)\s*$/.exec(tail)?.[1]);
      expect(Number.isInteger(page) && page > 1, `${title}: ${tail}`).toBe(true);
      expect(pages[page - 1]?.replace(/\s+/g, " "), title).toContain(`${i + 1}. ${title.slice(0, 15)}`);
    });
  });

  it.runIf(pdfTools)(
    "exports a PDF: Vietnamese intact, table of contents then the models in order, font embedded",
    async () => {
      const g = await t.as("canbo.coso");
      const file = await runExport(g, bookletId, "pdf");
      expect(String(file.headers["content-type"])).toBe("application/pdf");
      expect(file.data.subarray(0, 5).toString()).toBe("%PDF-");
      const target = path.join(tmp, "export.pdf");
      fs.writeFileSync(target, file.data);
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", target, "-"], { encoding: "utf8" }).replace(
        /\s+/g,
        " ",
      );
      expect(text).toContain(NEIGHBOURHOOD); // with its diacritics, curly quotes and en dashes
      expect(text).toContain("TẬP MÔ HÌNH HAY, CÁCH LÀM SÁNG TẠO GIAI ĐOẠN 2024–2026"); // the cover
      // The cover's upper line by the rule of the unit's plans and reports: the parent committee's Đảng bộ.
      const { unitId } = (await g.get("/api/auth/me")).body.user;
      const own = t.demo.tree.all.find((u) => u.id === unitId);
      const parent = t.demo.tree.all.find((u) => u.id === own?.parentId);
      expect(text).toContain(partyBodyOf(parent?.name ?? "?").toLocaleUpperCase("vi"));
      const toc = text.indexOf("MỤC LỤC");
      expect(toc).toBeGreaterThan(0);
      const listed = inOrder(text, titles, toc);
      expect(listed.every((at) => at > toc)).toBe(true);
      const sections = inOrder(
        text,
        titles.map((title, i) => `${i + 1}. ${title}`),
        (listed.at(-1) ?? 0) + 1,
      );
      expect(sections.every((at) => at > 0)).toBe(true);
      expect(text).toContain("Đơn vị công nhận:");

      const fonts = execFileSync("pdffonts", [target], { encoding: "utf8" }).trim().split("\n").slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) {
        expect(line).toMatch(/LiberationSerif/);
        expect(line).toMatch(/ yes yes yes /); // embedded, subset, with a Unicode map
      }
      const images = execFileSync("pdfimages", ["-list", target], { encoding: "utf8" }).trim().split("\n");
      expect(images.length).toBeGreaterThan(2); // header lines + the photo
    },
  );

  it("keeps the latest files, which every reader of the booklet may download", async () => {
    const g = await t.as("canbo.coso");
    if (!pdfTools) await runExport(g, bookletId, "pdf"); // else the PDF check above made it
    const detail = (await g.get(`/api/booklets/${bookletId}`)).body.booklet;
    expect(detail.exports.map((e: { format: string }) => e.format).sort()).toEqual(["docx", "pdf"]);
    const pdfExport = detail.exports.find((e: { format: string }) => e.format === "pdf");
    expect((await (await t.as("dangvien1")).download(pdfExport.url)).status).toBe(200);
    expect((await (await t.as("canbo.tinh2")).download(pdfExport.url)).status).toBe(404);
    expect((await g.download(`/api/booklets/${bookletId}/files/${detail.items[0].id}`)).status).toBe(404);
    // Older exports of a format beyond the last three are removed.
    for (let i = 0; i < 3; i++) await runExport(g, bookletId, "pdf");
    const after = (await g.get(`/api/booklets/${bookletId}`)).body.booklet;
    expect(after.exports.filter((e: { format: string }) => e.format === "pdf")).toHaveLength(3);
    expect((await g.download(pdfExport.url)).status).toBe(404);
    const exported = await t.database.db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(
        and(eq(auditLog.entity, "booklet"), eq(auditLog.action, "export"), eq(auditLog.entityId, bookletId)),
      );
    expect(exported).toHaveLength(5); // one .docx and four PDFs, each with its audit row
  });
});
