import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/harness.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ env: { RATE_LIMIT: "on", RATE_LIMIT_PER_MINUTE: "3" } });
});
afterAll(() => t.close());

it("answers 429 with the error body once a client passes the limit", async () => {
  const client = t.anonymous();
  for (let i = 0; i < 3; i++) expect((await client.get("/api/auth/me")).status).toBe(401);
  const limited = await client.get("/api/auth/me", { headers: { "accept-language": "en" } });
  expect(limited.status).toBe(429);
  expect(limited.body.error).toMatchObject({
    code: "RATE_LIMITED",
    message: expect.stringMatching(/Too many/),
  });
  expect(limited.headers["retry-after"]).toBeDefined();
});
