import zlib from "node:zlib";
import type { FastifyReply } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/harness.ts";
import { IMMUTABLE, SHORT_CACHE, setWebCacheHeaders } from "./web-serving.ts";

// The web build's own files (precompressed copies, cache headers in a real server) are checked by
// e2e/phone.e2e.ts; here the API's compression, in-process.

let t: TestContext;
let cookie: string;
beforeAll(async () => {
  t = await createTestContext();
  cookie = (await t.as("admin")).cookie ?? "";
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers: { cookie, ...headers } });

describe("API compression", () => {
  it("a JSON answer over 1 kB leaves as brotli or gzip, as the client accepts, with Vary", async () => {
    const plain = await get("/api/units?pageSize=100");
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const br = await get("/api/units?pageSize=100", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(String(br.headers.vary)).toContain("accept-encoding");
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString("utf8"))).toEqual(plain.json());

    const gzip = await get("/api/units?pageSize=100", { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(zlib.gunzipSync(gzip.rawPayload).toString("utf8"))).toEqual(plain.json());
  });

  it("an answer under 1 kB is sent as it is", async () => {
    const res = await get("/api/auth/me", { "accept-encoding": "br" });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeLessThan(1024);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.json().user.username).toBe("admin");
  });

  it("a streamed .xlsx export is not compressed again, and is still a workbook", async () => {
    const res = await get("/api/people/export", { "accept-encoding": "gzip, br" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.rawPayload.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
  });

  it("a request body that says it is gzip is not inflated (the body limit keeps counting bytes)", async () => {
    const client = await t.as("admin");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: {
        cookie: client.cookie ?? "",
        "x-csrf-token": client.csrfToken ?? "",
        "content-type": "application/json",
        "content-encoding": "gzip",
      },
      payload: zlib.gzipSync(Buffer.from("{}")),
    });
    // Without inflating, the gzip bytes are not JSON: refused as a malformed body.
    expect(res.statusCode).toBe(400);
  });
});

describe("cache policy of the web build's files", () => {
  const policyOf = (file: string) => {
    const headers: Record<string, string> = {};
    const reply = {
      header(name: string, value: string) {
        headers[name] = value;
        return reply;
      },
    } as unknown as FastifyReply;
    setWebCacheHeaders("/srv/web/dist", reply, file);
    return headers["cache-control"];
  };

  it("hashed assets for a year, index.html revalidated, other public files an hour", () => {
    expect(policyOf("/srv/web/dist/assets/index-CLrRBmcG.js")).toBe(IMMUTABLE);
    expect(policyOf("/srv/web/dist/assets/index-CLrRBmcG.js.br")).toBe(IMMUTABLE);
    expect(policyOf("/srv/web/dist/assets/index-DbPDFdx9.css.gz")).toBe(IMMUTABLE);
    expect(policyOf("/srv/web/dist/index.html")).toBe("no-cache");
    expect(policyOf("/srv/web/dist/index.html.br")).toBe("no-cache");
    expect(policyOf("/srv/web/dist/favicon.svg")).toBe(SHORT_CACHE);
    expect(policyOf("/srv/web/dist/preload.js.gz")).toBe(SHORT_CACHE);
  });
});
