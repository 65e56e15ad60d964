import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { localFilesDir } from "../../lib/storage.ts";
import { storedFiles } from "./schema.ts";

let t: TestContext;
let k1: Client;
let practiceId: string;
beforeAll(async () => {
  t = await createTestContext();
  k1 = await t.as("bithu.chibo1");
  const created = await k1.post("/api/practices", {
    kind: "collective",
    unitId: t.demo.tree.cell1.id,
    title: "Mô hình “Tủ sách pháp luật” ở thôn",
    summary: "Mỗi tháng một buổi đọc sách.",
    description: "Chi bộ giao mỗi đảng viên giới thiệu một cuốn sách.",
    results: "40 hộ mượn sách.",
    fieldCode: "culture_society",
    startedOn: "2025-03-01",
  });
  expect(created.status).toBe(201);
  practiceId = created.body.practice.id;
});
afterAll(() => t.close());

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const filesUrl = () => `/api/practices/${practiceId}/files`;
const storedRow = async (id: string) =>
  (await t.database.db.select().from(storedFiles).where(eq(storedFiles.id, id)))[0];
/** Every file under DATA_DIR/files, by the hash of its bytes. */
const storedHashes = () => {
  const dir = localFilesDir(t.app.deps.config.dataDir);
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => sha256(fs.readFileSync(path.join(e.parentPath, e.name))));
};

/** A PDF that runs JavaScript when opened: served from our origin it could act as the user. */
const pdfWithScript = Buffer.from(
  "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R /OpenAction <</S /JavaScript /JS (app.alert(document.cookie))>>>> endobj\n" +
    "2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n",
);

/** A valid PNG of width × height one-bit pixels, all black: a few kilobytes that decode to width × height. */
function blackPng(width: number, height: number) {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const rows = Buffer.alloc(height * (1 + Math.ceil(width / 8))); // filter byte 0, then black pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("files: what is kept and how it is served", () => {
  it("serves a PDF (with JavaScript) as a sandboxed attachment under its Vietnamese name", async () => {
    const up = await k1.upload(filesUrl(), "Báo cáo kết quả mô hình.pdf", pdfWithScript);
    expect(up.status).toBe(201);
    expect(up.body.file).toMatchObject({ kind: "pdf", contentType: "application/pdf" });
    const res = await k1.download(`${filesUrl()}/${up.body.file.id}`);
    expect(res.status).toBe(200);
    expect(res.data.equals(pdfWithScript)).toBe(true);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="Bao-cao-ket-qua-mo-hinh.pdf"; filename*=UTF-8''${encodeURIComponent("Báo cáo kết quả mô hình.pdf")}`,
    );
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(res.headers["content-security-policy"]).split(/;\s*/)).toEqual(
      expect.arrayContaining(["sandbox", "default-src 'none'"]),
    );
  });

  it("keeps and serves only re-encoded copies of an image, never the uploaded bytes", async () => {
    const upload = await sharp({
      create: { width: 3000, height: 2000, channels: 3, background: { r: 20, g: 120, b: 60 } },
    })
      .jpeg({ quality: 95 })
      .withExif({ IFD0: { Artist: "Nguyễn Văn A", ImageDescription: "GPS 21.0285 105.8542" } })
      .toBuffer();
    expect((await sharp(upload).metadata()).exif).toBeDefined();
    const up = await k1.upload(filesUrl(), "ảnh hoạt động.jpg", upload);
    expect(up.status).toBe(201);
    expect(up.body.file).toMatchObject({ kind: "image", width: 1600, height: 1067 });
    expect(storedHashes()).not.toContain(sha256(upload));

    for (const variant of ["original", "display", "thumb"]) {
      const res = await k1.download(`${filesUrl()}/${up.body.file.id}?variant=${variant}`);
      expect(res.status).toBe(200);
      expect(res.data.equals(upload)).toBe(false);
      const served = await sharp(res.data).metadata();
      expect(served).toMatchObject({ format: "jpeg", width: variant === "thumb" ? 400 : 1600 });
      expect(served.exif).toBeUndefined();
      expect(res.headers["content-type"]).toBe("image/jpeg");
      expect(String(res.headers["content-disposition"])).toMatch(/^inline; /);
      expect(String(res.headers["content-security-policy"])).toContain("sandbox");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("refuses a decompression bomb (a 16,000² image of a few kilobytes) with 422, before decoding it", async () => {
    const bomb = blackPng(16_000, 16_000);
    expect(bomb.length).toBeLessThan(100_000);
    const before = storedHashes().length;
    const started = performance.now();
    const res = await k1.upload(filesUrl(), "bom.png", bomb);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: "body.file", message: "too_many_pixels" }]);
    expect(res.body.error.message).toContain("16000 × 16000");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(storedHashes()).toHaveLength(before);
    // Below the limit, the same kind of image is taken.
    expect((await k1.upload(filesUrl(), "nho.png", blackPng(2_000, 2_000))).status).toBe(201);
  });

  it("answers 404 with a clear message, and logs a warning, when a file's bytes are missing", async () => {
    const pdf = await k1.upload(filesUrl(), "Biên bản họp.pdf", pdfWithScript);
    const photo = await k1.upload(
      filesUrl(),
      "ảnh.png",
      await sharp({ create: { width: 600, height: 400, channels: 3, background: "#c33" } })
        .png()
        .toBuffer(),
    );
    const pdfRow = await storedRow(pdf.body.file.id);
    const photoRow = await storedRow(photo.body.file.id);
    if (!pdfRow?.storageKey || !photoRow?.displayKey) throw new Error("no rows");
    await t.app.deps.files.delete(pdfRow.storageKey);
    await t.app.deps.files.delete(photoRow.displayKey);

    const warn = vi.spyOn(t.app.log, "warn");
    try {
      const missing = await k1.get(`${filesUrl()}/${pdfRow.id}`);
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: "NOT_FOUND" });
      expect(missing.body.error.message).toContain("Không tìm thấy nội dung tệp “Biên bản họp.pdf”");
      const english = await k1.get(`${filesUrl()}/${photoRow.id}?variant=display`, {
        headers: { "accept-language": "en" },
      });
      expect(english.status).toBe(404);
      expect(english.body.error.message).toContain("missing from the file store");
      expect(warn).toHaveBeenCalledTimes(2);
      expect(warn.mock.calls.map((call) => call[0])).toEqual([
        expect.objectContaining({ fileId: pdfRow.id, key: pdfRow.storageKey }),
        expect.objectContaining({ fileId: photoRow.id, key: photoRow.displayKey }),
      ]);
      // The thumbnail is still there and still served.
      expect((await k1.download(`${filesUrl()}/${photoRow.id}?variant=thumb`)).status).toBe(200);
    } finally {
      warn.mockRestore();
    }
  });
});
