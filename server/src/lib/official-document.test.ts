import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { libreOffice, toPdfs } from "../../test/tools.ts";
import { keepPlaceTogether, officialDocx } from "./official-document.ts";

const SIGNER = "Nguyễn Văn Thành";

/** A plan-like document whose body has `lines` paragraphs: the closing lands lower on the page each time. */
const document = (lines: number, issuingBody = "Đảng ủy phường Kinh Bắc") =>
  officialDocx({
    header: {
      upperBody: "Đảng bộ tỉnh Bắc Ninh",
      issuingBody,
      number: "Số 12-KH/ĐU",
      placeAndDate: "Kinh Bắc, ngày 15 tháng 01 năm 2026",
    },
    type: "Kế hoạch",
    summary: "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026",
    body: Array.from(
      { length: lines },
      (_, i) => new Paragraph({ text: `Nhiệm vụ ${i + 1}: tổ chức sinh hoạt chuyên đề.` }),
    ),
    closing: {
      recipients: [
        "- Tỉnh ủy Bắc Ninh (để báo cáo),",
        "- Các chi bộ trực thuộc,",
        "- Lưu Văn phòng Đảng ủy.",
      ],
      authority: ["T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ"],
      title: "PHÓ BÍ THƯ",
      name: SIGNER,
    },
    properties: { title: "Kế hoạch", creator: "Đảng ủy phường Kinh Bắc", description: "" },
  });

describe("the official document", () => {
  it.runIf(libreOffice)(
    "keeps the signing block whole on one page wherever the body ends (rendered by LibreOffice)",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-closing-"));
      // From a body ending high on page 1 to one ending at its foot and onto page 2.
      const lengths = Array.from({ length: 14 }, (_, i) => 16 + i);
      const files = await Promise.all(
        lengths.map(async (n) => {
          const file = path.join(dir, `plan-${n}.docx`);
          fs.writeFileSync(file, await document(n));
          return file;
        }),
      );
      const pdfs = toPdfs(files);
      const split: number[] = [];
      pdfs.forEach((pdf, i) => {
        const pages = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" })
          .normalize("NFC")
          .split("\f");
        const at = pages.findIndex((p) => p.includes("T/M BAN THƯỜNG VỤ"));
        if (at < 0 || !pages[at]?.includes(SIGNER) || !pages[at]?.includes("Nơi nhận:"))
          split.push(lengths[i] ?? 0);
      });
      expect(split).toEqual([]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  );

  it("holds a place name together in the header: the column breaks before it", () => {
    expect(keepPlaceTogether("Đảng ủy phường Bắc Giang")).toBe("Đảng ủy phường Bắc\u00a0Giang");
    expect(keepPlaceTogether("Tỉnh ủy Bắc Ninh")).toBe("Tỉnh ủy Bắc\u00a0Ninh");
    expect(keepPlaceTogether("Đảng bộ cơ quan Ủy ban nhân dân tỉnh Bắc Ninh")).toBe(
      "Đảng bộ cơ quan Ủy ban nhân dân tỉnh Bắc\u00a0Ninh",
    );
    expect(keepPlaceTogether("Đảng ủy đặc khu Vân Đồn")).toBe("Đảng ủy đặc khu Vân\u00a0Đồn");
    expect(keepPlaceTogether("Chi bộ Văn phòng")).toBe("Chi bộ Văn phòng");
  });

  it.runIf(libreOffice)(
    "renders the header as HD 36 has it: the place whole on its line, the party's name over a rule",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-header-"));
      const file = path.join(dir, "header.docx");
      fs.writeFileSync(file, await document(3, "Đảng ủy phường Bắc Giang"));
      const [pdf] = toPdfs([file]);
      const text = execFileSync("pdftotext", ["-layout", pdf as string, "-"], { encoding: "utf8" }).normalize(
        "NFC",
      );
      const lines = text.split("\n").map((l) => l.replace(/\u00a0/g, " "));
      // "ĐẢNG ỦY PHƯỜNG" may end a line, "BẮC GIANG" never splits.
      expect(lines.some((l) => l.includes("BẮC GIANG"))).toBe(true);
      expect(lines.some((l) => /BẮC\s*$/.test(l.slice(0, 60)) || /^\s*GIANG\b/.test(l))).toBe(false);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  );
});
