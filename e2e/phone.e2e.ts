import http from "node:http";
import zlib from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIRST_VISIT_BUDGET_BYTES, measureMemberVisit, phoneTable, visitTotal } from "../bench/phone.ts";
import { accountFor, baseUrl, e2eEnabled, launchBrowser } from "./support/browser.ts";

/** The phone (issue 13): what the server sends a phone, byte for byte — no timing here. */

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A plain HTTP GET that keeps the body as sent (fetch would decode it). */
function get(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, baseUrl), { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

function decode(raw: Raw): Buffer {
  const encoding = raw.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(raw.body);
  if (encoding === "gzip") return zlib.gunzipSync(raw.body);
  return raw.body;
}

const varies = (raw: Raw) =>
  String(raw.headers.vary ?? "")
    .toLowerCase()
    .includes("accept-encoding");

async function adminCookie(): Promise<string> {
  const admin = accountFor("admin");
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: admin.username, password: admin.password }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

describe.runIf(e2eEnabled)("the phone: compression and caching", () => {
  it("hashed assets: brotli or gzip as accepted, with Vary, cached for a year as immutable", async () => {
    const html = (await get("/")).body.toString("utf8");
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? "");
    expect(assets.some((a) => a.endsWith(".js"))).toBe(true);
    expect(assets.some((a) => a.endsWith(".css"))).toBe(true);
    for (const asset of assets) {
      const plain = await get(asset);
      expect(plain.status, asset).toBe(200);
      expect(plain.headers["content-encoding"], asset).toBeUndefined();
      expect(plain.headers["cache-control"], asset).toBe("public, max-age=31536000, immutable");
      for (const encoding of ["br", "gzip"] as const) {
        const sent = await get(asset, { "accept-encoding": encoding });
        expect(sent.status, asset).toBe(200);
        expect(sent.headers["content-encoding"], `${asset} ${encoding}`).toBe(encoding);
        expect(varies(sent), `${asset} ${encoding}: vary ${sent.headers.vary}`).toBe(true);
        expect(sent.headers["cache-control"], asset).toBe("public, max-age=31536000, immutable");
        expect(decode(sent).equals(plain.body), `${asset} ${encoding} decodes to the file`).toBe(true);
        // Made at build time (a file with its length), not compressed on the fly (chunked).
        expect(Number(sent.headers["content-length"]), `${asset} ${encoding}`).toBe(sent.body.length);
        if (plain.body.length > 10_000) expect(sent.body.length).toBeLessThan(plain.body.length / 2);
      }
      // A browser offers both: brotli wins.
      const browser = await get(asset, { "accept-encoding": "gzip, deflate, br, zstd" });
      expect(browser.headers["content-encoding"]).toBe("br");
    }
    // A name from an older release is not found, and the answer is not cached as an asset.
    const gone = await get("/assets/index-0ldRe1ease.js", { "accept-encoding": "br" });
    expect(gone.status).toBe(404);
    expect(gone.headers["cache-control"] ?? "").not.toContain("immutable");
  });

  it("index.html and the app's pages are revalidated every time (no-cache); other public files briefly", async () => {
    for (const page of ["/", "/login", "/practices/some-page", "/index.html"]) {
      const sent = await get(page, { "accept-encoding": "br" });
      expect(sent.status, page).toBe(200);
      expect(sent.headers["cache-control"], page).toBe("no-cache");
      expect(decode(sent).toString("utf8"), page).toContain('<div id="root">');
      expect(sent.headers.etag, page).toBeTruthy();
    }
    const index = await get("/", { "accept-encoding": "br" });
    expect(index.headers["content-encoding"]).toBe("br");
    const again = await get("/", { "accept-encoding": "br", "if-none-match": String(index.headers.etag) });
    expect(again.status).toBe(304);

    const favicon = await get("/favicon.svg", { "accept-encoding": "br" });
    expect(favicon.status).toBe(200);
    expect(favicon.headers["cache-control"]).toBe("public, max-age=3600");
  });

  it("API answers over 1 kB are compressed, smaller ones and .xlsx downloads are not", async () => {
    const cookie = await adminCookie();
    const big = await get("/api/units?pageSize=100", { cookie, "accept-encoding": "gzip, deflate, br" });
    expect(big.status).toBe(200);
    const json = decode(big);
    expect(json.length).toBeGreaterThan(1024);
    expect(big.headers["content-encoding"]).toBe("br");
    expect(varies(big)).toBe(true);
    expect(big.body.length).toBeLessThan(json.length);
    expect((JSON.parse(json.toString("utf8")) as { items: unknown[] }).items.length).toBeGreaterThan(0);

    const gzipped = await get("/api/units?pageSize=100", { cookie, "accept-encoding": "gzip" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(decode(gzipped).toString("utf8"))).toEqual(JSON.parse(json.toString("utf8")));

    const plain = await get("/api/units?pageSize=100", { cookie });
    expect(plain.headers["content-encoding"]).toBeUndefined();

    const small = await get("/api/health", { "accept-encoding": "gzip, deflate, br" });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers["content-encoding"]).toBeUndefined();

    // A streamed .xlsx (a zip already): sent as it is, and still a workbook.
    const sheet = await get("/api/people/export", { cookie, "accept-encoding": "gzip, deflate, br" });
    expect(sheet.status).toBe(200);
    expect(sheet.headers["content-type"]).toContain("spreadsheetml");
    expect(sheet.headers["content-encoding"]).toBeUndefined();
    expect(sheet.body.subarray(0, 2).toString("latin1")).toBe("PK");
  });
});

describe.runIf(e2eEnabled)("the phone: a member's first visit in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(`login page, then the member's home: ≤ ${FIRST_VISIT_BUDGET_BYTES / 1000} kB on the wire; again from the cache`, async () => {
    const member = accountFor("member");
    // A Vietnamese member (another journey may have left this account in English, whose
    // catalogue would then load after signing in).
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: member.username, password: member.password }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const saved = await fetch(`${baseUrl}/api/auth/preferences`, {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        cookie: (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
        "x-csrf-token": csrfToken,
      },
      body: JSON.stringify({ locale: "vi" }),
    });
    expect(saved.status).toBe(200);

    const figures = await measureMemberVisit(browser, baseUrl, member);
    const table = phoneTable(figures);
    const cold = figures.cold.flatMap((p) => p.resources);
    // Every script and stylesheet came compressed; the page chunks of other pages did not come.
    const assets = cold.filter((r) => r.url.startsWith("/assets/"));
    expect(assets.length, table).toBeGreaterThan(0);
    for (const r of assets) expect(r.encoding, `${r.url}\n${table}`).toBe("br");
    expect(visitTotal(figures.cold), table).toBeLessThanOrEqual(FIRST_VISIT_BUDGET_BYTES);

    // The second visit takes every asset from the browser's cache (immutable), only index.html
    // and the API from the server.
    const warmAssets = figures.warm.flatMap((p) => p.resources).filter((r) => r.url.startsWith("/assets/"));
    expect(warmAssets.length, table).toBeGreaterThan(0);
    for (const r of warmAssets) expect(r.fromCache, `${r.url}\n${table}`).toBe(true);
    expect(visitTotal(figures.warm), table).toBeLessThan(visitTotal(figures.cold) / 10);
  });
});
