import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { pdfTools } from "../../../test/tools.ts";
import { type BookletDocument, type BookletModel, bookletDocx, bookletPdf } from "./render.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tg-render-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const title = (n: number) =>
  `Mô hình “Dân vận khéo” số ${n} trong giải quyết thủ tục hành chính ở cơ sở, gần dân, sát dân`;
const photo = sharp({
  create: { width: 1200, height: 800, channels: 3, background: { r: 20, g: 120, b: 60 } },
})
  .jpeg()
  .toBuffer();

function booklet(count: number): BookletDocument {
  const model = (n: number): BookletModel => ({
    title: title(n),
    kind: n % 2 ? "collective" : "individual",
    unitName: "Chi bộ Khu dân cư số 1",
    personName: n % 2 ? null : "Trần Thị Ánh Nguyệt",
    fieldName: "Cải cách hành chính",
    recognisedByName: "Đảng ủy phường Kinh Bắc",
    level: "commune",
    levelName: "Đảng ủy xã, phường, đặc khu",
    recognisedOn: "2025-04-30",
    summary: "Cán bộ một cửa niềm nở, hướng dẫn tận tình, hẹn giờ trả kết quả đúng hẹn.",
    description: "Mỗi tháng bình chọn cán bộ được người dân khen nhiều nhất.\n".repeat(n % 4 === 0 ? 30 : 2),
    results: "Không có hồ sơ trễ hẹn trong 12 tháng.",
    images: async () => (n % 5 === 0 ? [{ data: await photo, width: 1200, height: 800 }] : []),
  });
  return {
    title: "Tập mô hình “Dân vận khéo”",
    subtitle: "",
    unitName: "Đảng ủy phường Kinh Bắc",
    parentName: "Tỉnh ủy Bắc Ninh",
    place: "Kinh Bắc",
    year: "2026",
    models: Array.from({ length: count }, (_, i) => model(i + 1)),
  };
}

/** The text of a PDF (or of one page) as laid out on the page, every run of spaces as one. */
const pdfText = (file: string, page?: number) =>
  execFileSync(
    "pdftotext",
    ["-layout", ...(page ? ["-f", String(page), "-l", String(page)] : []), file, "-"],
    { encoding: "utf8" },
  ).replace(/\s+/g, " ");

describe("booklet documents", () => {
  it.runIf(pdfTools)(
    "PDF: progress per model; a table of contents over several pages whose page numbers are right",
    async () => {
      const seen: [number, number][] = [];
      const data = await bookletPdf(booklet(45), async (done, total) => {
        seen.push([done, total]);
      });
      expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => [i + 1, 45]));
      const file = path.join(tmp, "long.pdf");
      fs.writeFileSync(file, data);
      const text = pdfText(file);
      expect(text).toContain("TỈNH ỦY BẮC NINH");
      expect(text).toContain("Kinh Bắc, năm 2026");
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);
      // The entries give each model's page: that page starts with the model's heading, and its footer number.
      for (const n of [1, 2, 20, 44, 45]) {
        const entry = new RegExp(
          `${n}\\. ${title(n).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?: \\.)+ (\\d+)`,
        ).exec(text);
        expect(entry, `entry ${n}`).not.toBeNull();
        const page = Number(entry?.[1]);
        expect(page).toBeGreaterThan(2);
        expect(page).toBeLessThanOrEqual(pages);
        const onPage = pdfText(file, page).trim();
        expect(onPage.startsWith(`${n}. ${title(n)}`), `page ${page}: ${onPage.slice(0, 80)}`).toBe(true);
        expect(onPage.endsWith(` ${page}`)).toBe(true);
      }
      // The table of contents took more than one page: model 1 starts after it.
      const first = Number(/1\. Mô hình[^.]*?(?: \.)+ (\d+)/.exec(text)?.[1]);
      expect(first).toBeGreaterThan(3);
    },
  );

  it("Word: progress per model, the same order, images as media", async () => {
    const seen: number[] = [];
    const data = await bookletDocx(booklet(6), async (done) => {
      seen.push(done);
    });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    const zip = await JSZip.loadAsync(data);
    expect(Object.keys(zip.files).filter((name) => name.startsWith("word/media/"))).toHaveLength(1); // model 5's photo
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const at = [1, 2, 3, 4, 5, 6].map((n) => xml.indexOf(`>${n}. ${title(n)}<`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
