import { describe, expect, it } from "vitest";
import { contentDisposition, downloadNames } from "./http.ts";

describe("download names", () => {
  it("keeps the Vietnamese name without '/', and folds an ASCII fallback with dashes (Đ → D)", () => {
    expect(downloadNames("Kế hoạch số 03-KH/ĐU.docx")).toEqual({
      utf8: "Kế hoạch số 03-KH-ĐU.docx",
      ascii: "Ke-hoach-so-03-KH-DU.docx",
    });
    expect(downloadNames("Báo cáo / Tỉnh ủy Bắc Ninh: 2026?.pdf")).toEqual({
      utf8: "Báo cáo - Tỉnh ủy Bắc Ninh - 2026.pdf",
      ascii: "Bao-cao-Tinh-uy-Bac-Ninh-2026.pdf",
    });
    expect(downloadNames('  "\u0007" .xlsx')).toEqual({ utf8: "Tệp.xlsx", ascii: "Tep.xlsx" });
  });

  it("cuts a long name between words, never inside one, and keeps the extension", () => {
    const title =
      "Dự thảo báo cáo - Đảng bộ cơ quan Ủy ban nhân dân tỉnh Bắc Ninh - Báo cáo sơ kết năm năm thực hiện Kết luận số 01-KL/TW của Bộ Chính trị";
    const { utf8, ascii } = downloadNames(`${title}.docx`);
    expect([...utf8].length).toBeLessThanOrEqual(120);
    expect(utf8.endsWith(".docx")).toBe(true);
    const stem = utf8.slice(0, -".docx".length);
    expect(title.startsWith(stem)).toBe(true);
    expect(title[stem.length]).toMatch(/[\s-]/);
    expect(ascii.length).toBeLessThanOrEqual(120);
    expect(ascii).toMatch(
      /^Du-thao-bao-cao-Dang-bo-co-quan-Uy-ban-nhan-dan-tinh-Bac-Ninh-[A-Za-z0-9-]+\.docx$/,
    );
  });

  it("writes both names in the header, the UTF-8 one encoded", () => {
    expect(contentDisposition("Giấy khen - Quyết định số 01-QĐ/ĐU.pdf")).toBe(
      `attachment; filename="Giay-khen-Quyet-dinh-so-01-QD-DU.pdf"; filename*=UTF-8''${encodeURIComponent("Giấy khen - Quyết định số 01-QĐ-ĐU.pdf")}`,
    );
    expect(contentDisposition("ảnh.jpg", true)).toMatch(/^inline; filename="anh\.jpg"/);
  });
});
