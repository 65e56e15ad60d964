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

// Two instances sharing Redis count one client once: 3 a minute over both → the 4th answers 429.
// Redis is CI's (and every machine of ours); a machine without one says so instead of passing.
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisAnswers = await (async () => {
  const { Redis } = await import("ioredis");
  const probe = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0 });
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
})();
if (!redisAnswers) console.warn(`NOT RUN: the shared rate-limit test needs Redis at ${redisUrl}`);

it.runIf(redisAnswers || process.env.CI === "true")(
  "with REDIS_URL, a limit of N a minute holds across two instances: the N+1st request answers 429",
  async () => {
    const env = {
      RATE_LIMIT: "on",
      RATE_LIMIT_PER_MINUTE: "3",
      REDIS_URL: redisUrl,
    };
    // A client address of its own per run: the counters live in Redis for a minute.
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
    const one = await createTestContext({ env: { ...env, TRUST_PROXY: "on" } });
    const two = await createTestContext({ env: { ...env, TRUST_PROXY: "on" } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const app = i % 2 ? two.app : one.app;
        const res = await app.inject({
          method: "GET",
          url: "/api/auth/me",
          headers: { "x-forwarded-for": ip },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await one.close();
      await two.close();
    }
  },
);
