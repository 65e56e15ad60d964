import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { auditLog } from "../../lib/audit-log.ts";
import { apiTokens } from "./schema.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("API tokens", () => {
  it("are shown once, stored hashed, act as their user without CSRF, and stop when revoked", async () => {
    const officer = await t.as("canbo.tinh1");
    const created = await officer.post("/api/tokens", { name: "Tích hợp báo cáo", scope: "read-write" });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^tg_/);
    const list = await officer.get("/api/tokens");
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.items[0]).toMatchObject({
      name: "Tích hợp báo cáo",
      prefix: token.slice(0, 10),
      scope: "read-write",
      revokedAt: null,
    });
    expect(list.body.allowedActions).toEqual(["create"]);

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

const bearer = (token: string) => {
  const client = new Client(t.app);
  client.bearer = token;
  return client;
};
const tokenAudits = async () =>
  (await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, "token")))[0]?.n ?? 0;

describe("token scope and expiry", () => {
  it("defaults to read-only for 90 days; at most 365 days (400 beyond)", async () => {
    const officer = await t.as("canbo.tinh2");
    const created = await officer.post("/api/tokens", { name: "Đọc số liệu" });
    expect(created.status).toBe(201);
    expect(created.body.item.scope).toBe("read");
    const days = (Date.parse(created.body.item.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const tooLong = await officer.post("/api/tokens", { name: "Mãi mãi", expiresInDays: 366 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].path).toBe("body.expiresInDays");
  });

  it("a read-only token reads (200) but gets 403 on any write, which changes nothing", async () => {
    const officer = await t.as("canbo.tinh2");
    const created = await officer.post("/api/tokens", { name: "Chỉ đọc", scope: "read" });
    const reader = bearer(created.body.token);
    expect((await reader.get("/api/users")).status).toBe(200);
    expect((await reader.request("HEAD", "/api/auth/me")).status).toBe(200);
    const put = await reader.put("/api/auth/preferences", { locale: "en" });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe("FORBIDDEN");
    expect((await reader.post("/api/auth/logout")).status).toBe(403);
    expect((await officer.get("/api/auth/me")).body.user.locale).toBe("vi");
  });

  it("an expired token gets 401", async () => {
    const officer = await t.as("canbo.xa");
    const created = await officer.post("/api/tokens", { name: "Hết hạn", scope: "read-write" });
    const client = bearer(created.body.token);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    await t.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, created.body.item.id));
    const res = await client.get("/api/auth/me");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("a token can neither create nor revoke tokens (403), whatever its scope", async () => {
    const officer = await t.as("canbo.coso");
    const created = await officer.post("/api/tokens", { name: "Tích hợp", scope: "read-write" });
    const integration = bearer(created.body.token);
    const before = await tokenAudits();
    const minted = await integration.post("/api/tokens", { name: "Con", scope: "read-write" });
    expect(minted.status).toBe(403);
    expect((await integration.delete(`/api/tokens/${created.body.item.id}`)).status).toBe(403);
    expect((await integration.get("/api/tokens")).body.allowedActions).toEqual([]);
    expect(await tokenAudits()).toBe(before);
    expect((await officer.get("/api/tokens")).body.items).toHaveLength(1);
  });
});

describe("tokens end with the password and the account", () => {
  const withToken = async (role: "officer" = "officer") => {
    const { user, password } = await buildUser(t.database.db, { role, unit: t.demo.tree.cell1 as never });
    const owner = await t.as(user.username, password);
    const created = await owner.post("/api/tokens", { name: "Tích hợp", scope: "read-write" });
    expect(created.status).toBe(201);
    const integration = bearer(created.body.token);
    expect((await integration.get("/api/auth/me")).status).toBe(200);
    return { user, password, owner, integration };
  };

  it("a password change revokes the user's tokens (401)", async () => {
    const { password, owner, integration } = await withToken();
    const changed = await owner.post("/api/auth/password", {
      currentPassword: password,
      newPassword: "Mot-mat-khau-moi-2",
    });
    expect(changed.status).toBe(200);
    expect((await integration.get("/api/auth/me")).status).toBe(401);
    expect((await owner.get("/api/tokens")).body.items[0].revokedAt).not.toBeNull();
  });

  it("a password reset revokes the user's tokens (401), with an audit row", async () => {
    const { user, integration } = await withToken();
    const admin = await t.as("admin");
    expect((await admin.post(`/api/users/${user.id}/reset-password`)).status).toBe(200);
    expect((await integration.get("/api/auth/me")).status).toBe(401);
    const [token] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    const revoked = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, token?.id ?? ""), eq(auditLog.action, "revoke")));
    expect(revoked).toHaveLength(1);
  });

  it("disabling the account revokes its tokens: enabling it again does not bring them back", async () => {
    const { user, integration } = await withToken();
    const admin = await t.as("admin");
    expect((await admin.patch(`/api/users/${user.id}`, { active: false, version: 1 })).status).toBe(200);
    expect((await integration.get("/api/auth/me")).status).toBe(401);
    expect((await admin.patch(`/api/users/${user.id}`, { active: true, version: 2 })).status).toBe(200);
    expect((await integration.get("/api/auth/me")).status).toBe(401);
  });

  it("a member creates tokens only when an administrator allows it; withdrawing it revokes them", async () => {
    const { user, password } = await buildUser(t.database.db, { unit: t.demo.tree.cell1 as never });
    const member = await t.as(user.username, password);
    expect((await member.get("/api/tokens")).body.allowedActions).toEqual([]);
    const refused = await member.post("/api/tokens", { name: "Của tôi" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/quản trị viên cho phép/);
    expect(await t.database.db.select().from(apiTokens).where(eq(apiTokens.userId, user.id))).toEqual([]);

    // An officer manages the member's account but may not give this leave.
    const officer = await t.as("canbo.tinh1");
    const byOfficer = await officer.patch(`/api/users/${user.id}`, { apiTokensAllowed: true, version: 1 });
    expect(byOfficer.status).toBe(403);
    const admin = await t.as("admin");
    const allowed = await admin.patch(`/api/users/${user.id}`, { apiTokensAllowed: true, version: 1 });
    expect(allowed.status).toBe(200);
    expect(allowed.body.user.apiTokensAllowed).toBe(true);
    expect((await member.get("/api/tokens")).body.allowedActions).toEqual(["create"]);
    const created = await member.post("/api/tokens", { name: "Của tôi" });
    expect(created.status).toBe(201);
    const integration = bearer(created.body.token);
    expect((await integration.get("/api/auth/me")).status).toBe(200);

    const withdrawn = await admin.patch(`/api/users/${user.id}`, { apiTokensAllowed: false, version: 2 });
    expect(withdrawn.status).toBe(200);
    expect((await integration.get("/api/auth/me")).status).toBe(401);
    expect((await member.post("/api/tokens", { name: "Lại" })).status).toBe(403);
  });

  it("an officer's token stops working once the account is made a member's", async () => {
    const { user, integration } = await withToken("officer");
    const admin = await t.as("admin");
    expect((await admin.patch(`/api/users/${user.id}`, { role: "member", version: 1 })).status).toBe(200);
    expect((await integration.get("/api/auth/me")).status).toBe(401);
  });
});
