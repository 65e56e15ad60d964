import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, createTestContext, type TestContext } from "../../../test/harness.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("API tokens", () => {
  it("are shown once, stored hashed, act as their user without CSRF, and stop when revoked", async () => {
    const officer = await t.as("canbo.tinh1");
    const created = await officer.post("/api/tokens", { name: "Tích hợp báo cáo" });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^tg_/);
    const list = await officer.get("/api/tokens");
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.items[0]).toMatchObject({
      name: "Tích hợp báo cáo",
      prefix: token.slice(0, 10),
      revokedAt: null,
    });

    const integration = new Client(t.app);
    integration.bearer = token;
    const me = await integration.get("/api/auth/me");
    expect(me.body.user.username).toBe("canbo.tinh1");
    // Scoped like the user: the sibling province's accounts stay invisible.
    const users = await integration.get("/api/users?pageSize=200");
    expect(users.body.items.map((u: { username: string }) => u.username)).not.toContain("canbo.tinh2");
    expect((await integration.put("/api/auth/preferences", { locale: "en" })).status).toBe(200);

    expect((await officer.delete(`/api/tokens/${created.body.item.id}`)).status).toBe(204);
    expect((await integration.get("/api/auth/me")).status).toBe(401);
    const bogus = new Client(t.app);
    bogus.bearer = "tg_not-a-token";
    expect((await bogus.get("/api/auth/me")).status).toBe(401);
  });

  it("another user's token cannot be listed or revoked (404)", async () => {
    const owner = await t.as("canbo.xa");
    const created = await owner.post("/api/tokens", { name: "Của xã" });
    const other = await t.as("admin");
    expect((await other.get("/api/tokens")).body.items.map((i: { id: string }) => i.id)).not.toContain(
      created.body.item.id,
    );
    expect((await other.delete(`/api/tokens/${created.body.item.id}`)).status).toBe(404);
    expect((await owner.get("/api/tokens")).body.items[0].revokedAt).toBeNull();
  });
});
