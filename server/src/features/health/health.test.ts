import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

it("reports the database and the migration version, without a session", async () => {
  const res = await t.anonymous().get("/api/health");
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    status: "ok",
    database: t.database.kind,
    migrations: { upToDate: true, latest: expect.stringMatching(/^\d{4}_/) },
  });
  expect(res.headers["x-request-id"]).toEqual(expect.any(String));
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
});

it("answers unknown API paths with the error body", async () => {
  const res = await t.anonymous().get("/api/khong-co", { headers: { "accept-language": "en" } });
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ error: { code: "NOT_FOUND", message: "Not found.", details: null } });
});
