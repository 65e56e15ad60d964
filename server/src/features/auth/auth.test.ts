import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { auditRows } from "../../../test/stats.ts";
import { auditLog } from "../../lib/audit-log.ts";
import { users } from "../users/schema.ts";
import { MAX_ACCOUNT_FAILURES, MAX_FAILED_LOGINS } from "./commands/login.ts";
import { loginThrottles, sessions } from "./schema.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const auditCount = () => auditRows(t.database.db);

describe("login", () => {
  it("opens a session: httpOnly SameSite cookie, CSRF token, the user", async () => {
    const admin = t.account("admin");
    const res = await t.anonymous().post("/api/auth/login", { username: "ADMIN ", password: admin.password });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      username: "admin",
      role: "admin",
      unitId: admin.unitId,
      personId: null,
    });
    expect(res.body.csrfToken).toEqual(expect.any(String));
    const cookie = String([res.headers["set-cookie"]].flat()[0]);
    expect(cookie).toMatch(/^tg_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("refuses a wrong password and an unknown user alike, in Vietnamese or English", async () => {
    const wrong = await t
      .anonymous()
      .post("/api/auth/login", { username: "dangvien2", password: "sai-mat-khau" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual({
      code: "INVALID_CREDENTIALS",
      message: "Tên đăng nhập hoặc mật khẩu không đúng.",
      details: null,
    });
    const unknown = await t
      .anonymous()
      .post(
        "/api/auth/login",
        { username: "khongco", password: "x" },
        { headers: { "accept-language": "en-GB,en;q=0.9,vi;q=0.5" } },
      );
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe("Wrong username or password.");
    expect(JSON.stringify(unknown.body)).not.toMatch(/stack|at \//);
  });

  it("locks the account after repeated failures, with backoff, then a reset unlocks it", async () => {
    const { user, password } = await buildUser(t.database.db);
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      expect(
        (await t.anonymous().post("/api/auth/login", { username: user.username, password: "bad" })).status,
      ).toBe(401);
    }
    const locked = await t.anonymous().post("/api/auth/login", { username: user.username, password: "bad" });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("ACCOUNT_LOCKED");
    expect(locked.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    // Even the right password is refused while locked.
    const right = await t.anonymous().post("/api/auth/login", { username: user.username, password });
    expect(right.status).toBe(429);
    const actions = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(actions.map((a) => a.action)).toContain("locked");
    const officer = await t.as("admin");
    const listed = await officer.get(`/api/users/${user.id}`);
    expect(listed.body.user.lockedUntil).toBeNull(); // the pair is locked, not the account
    const reset = await officer.post(`/api/users/${user.id}/reset-password`);
    expect((await t.anonymous().login(user.username, reset.body.oneTimePassword)).status).toBe(200);
  });

  it("refuses a disabled account with a clear message", async () => {
    const { user, password } = await buildUser(t.database.db, { active: false });
    const res = await t.anonymous().post("/api/auth/login", { username: user.username, password });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("ACCOUNT_DISABLED");
  });

  it("validates the body: 400 with field paths", async () => {
    const res = await t.anonymous().post("/api/auth/login", { username: "" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      "body.username",
      "body.password",
    ]);
  });
});

/** A login from a given address (the in-process requests all come from 127.0.0.1 otherwise). */
async function loginFrom(ip: string, username: string, password: string) {
  const started = performance.now();
  const res = await t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    remoteAddress: ip,
  });
  return { status: res.statusCode, body: res.json(), ms: performance.now() - started };
}

describe("lockout: per account and per address", () => {
  it("failures by name from other addresses do not lock the owner out at their usual address", async () => {
    const { user, password } = await buildUser(t.database.db);
    expect((await loginFrom("10.1.0.1", user.username, password)).status).toBe(200); // the usual address
    // One address guessing: its pair locks after the threshold, even for the right password.
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      expect((await loginFrom("10.66.0.1", user.username, "guess")).status).toBe(401);
    }
    expect((await loginFrom("10.66.0.1", user.username, "guess")).status).toBe(429);
    expect((await loginFrom("10.66.0.1", user.username, password)).status).toBe(429);
    // Many addresses guessing: the username locks, but only for addresses it does not sign in from.
    for (let i = 0; i < MAX_ACCOUNT_FAILURES; i++) {
      await loginFrom(`10.77.0.${i + 1}`, user.username, "guess");
    }
    expect((await loginFrom("10.88.0.1", user.username, password)).status).toBe(429);
    const owner = await loginFrom("10.1.0.1", user.username, password);
    expect(owner.status).toBe(200);
    expect(owner.ms).toBeLessThan(1000); // not slowed: the owner's address has no failures
  });

  it("failures at the usual address slow the next attempts instead of locking", async () => {
    const { user, password } = await buildUser(t.database.db);
    expect((await loginFrom("10.2.0.1", user.username, password)).status).toBe(200);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      expect((await loginFrom("10.2.0.1", user.username, "typo")).status).toBe(401);
    }
    const slowed = await loginFrom("10.2.0.1", user.username, password);
    expect(slowed.status).toBe(200);
    expect(slowed.ms).toBeGreaterThanOrEqual(1000);
    // The mistakes at home did not count against the username elsewhere.
    expect(
      await t.database.db.select().from(loginThrottles).where(eq(loginThrottles.key, user.username)),
    ).toEqual([]);
  });

  it("an unknown username is answered exactly like a wrong password, locks included", async () => {
    const { user } = await buildUser(t.database.db);
    const wrong = [];
    const unknown = [];
    for (let i = 1; i <= MAX_FAILED_LOGINS + 1; i++) {
      wrong.push(await loginFrom("10.3.0.1", user.username, "guess"));
      unknown.push(await loginFrom("10.3.0.2", `khongco.${user.username}`, "guess"));
    }
    const shape = (r: { status: number; body: any }) => ({
      status: r.status,
      code: r.body.error.code,
      message: r.body.error.message,
      details: r.body.error.details && Object.keys(r.body.error.details),
    });
    expect(unknown.map(shape)).toEqual(wrong.map(shape));
    expect(wrong.map((r) => r.status)).toEqual([401, 401, 401, 401, 429, 429]);
    // Both check a password (Argon2 against a dummy hash for the unknown name): the times are alike.
    const median = (rs: { ms: number }[]) => rs.map((r) => r.ms).sort((a, b) => a - b)[2] ?? 0;
    expect(median(unknown.slice(0, 4))).toBeGreaterThan(median(wrong.slice(0, 4)) * 0.4);
  });
});

describe("sessions", () => {
  it("me answers the user and the CSRF token; 401 without a session", async () => {
    const client = await t.as("bithu.chibo1");
    const me = await client.get("/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      username: "bithu.chibo1",
      role: "secretary",
      unitName: "Chi bộ Văn phòng",
    });
    expect(me.body.csrfToken).toBe(client.csrfToken);
    const anon = await t.anonymous().get("/api/auth/me");
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("session answers a visitor with null, not a 401, and a signed-in user as me does", async () => {
    const anon = await t.anonymous().get("/api/auth/session");
    expect(anon.status).toBe(200);
    expect(anon.body).toEqual({ session: null });
    const client = await t.as("bithu.chibo1");
    const mine = await client.get("/api/auth/session");
    expect(mine.status).toBe(200);
    expect(mine.body.session).toEqual((await client.get("/api/auth/me")).body);
    expect(mine.body.session.csrfToken).toBe(client.csrfToken);
    await client.post("/api/auth/logout");
    const after = await client.get("/api/auth/session");
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ session: null });
  });

  it("me answers what each role may open or start: the modules' capabilities from their policies", async () => {
    const capabilities = async (username: string) =>
      (await (await t.as(username)).get("/api/auth/me")).body.user.capabilities;
    const staff = ["dashboard.view", "units.browse", "people.browse", "commitments.browse", "reports.browse"];
    const keepers = ["recognition.keep", "commitments.keep", "topics.record", "standards.keep"];
    const reviewers = [
      "recognition.review",
      "users.browse",
      "booklets.compile",
      "library.issue",
      "topics.issue",
      "reports.request",
      "commendations.review",
    ];
    const sorted = (names: string[]) => [...names].sort();
    expect(sorted(await capabilities("admin"))).toEqual(
      sorted([
        ...staff,
        ...keepers,
        ...reviewers,
        "audit.read",
        "commitments.closeYear",
        "plans.plan",
        "commendations.browse",
        "commendations.propose",
      ]),
    );
    expect(sorted(await capabilities("canbo.tinh1"))).toEqual(
      sorted([
        ...staff,
        ...keepers,
        ...reviewers,
        "commitments.closeYear",
        "plans.plan",
        "commendations.browse",
        "commendations.propose",
      ]),
    );
    expect(sorted(await capabilities("lanhdao.tinh1"))).toEqual(
      sorted([...staff, ...reviewers, "plans.plan", "commendations.browse"]),
    );
    expect(sorted(await capabilities("bithu.chibo1"))).toEqual(
      sorted([
        ...staff,
        ...keepers,
        "commitments.own",
        "plans.plan",
        "commendations.browse",
        "commendations.propose",
      ]),
    );
    expect(await capabilities("dangvien1")).toEqual(["commitments.own"]);
  });

  it("logout revokes the session", async () => {
    const client = await t.as("dangvien1");
    const out = await client.post("/api/auth/logout");
    expect(out.status).toBe(204);
    expect((await client.get("/api/auth/me")).status).toBe(401);
  });

  it("an expired session is refused", async () => {
    const client = await t.as("dangvien2");
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, await userId("dangvien2")));
    expect((await client.get("/api/auth/me")).status).toBe(401);
  });

  it("an idle session is refused", async () => {
    const client = await t.as("bithu.chibo2");
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 24 * 3_600_000) })
      .where(eq(sessions.userId, await userId("bithu.chibo2")));
    expect((await client.get("/api/auth/me")).status).toBe(401);
  });

  it("a write without the CSRF token is refused and changes nothing", async () => {
    const client = await t.as("canbo.tinh2");
    const before = await auditCount();
    const res = await client.put("/api/auth/preferences", { locale: "en" }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("CSRF_TOKEN_INVALID");
    const wrong = await client.put(
      "/api/auth/preferences",
      { locale: "en" },
      { headers: { "x-csrf-token": "forged" }, csrf: false },
    );
    expect(wrong.status).toBe(403);
    expect((await client.get("/api/auth/me")).body.user.locale).toBe("vi");
    expect(await auditCount()).toBe(before);
  });

  it("an oversized body gets 413 and malformed JSON 400, each changing nothing", async () => {
    const client = await t.as("canbo.tinh2");
    const before = await auditCount();
    const big = await client.request("PUT", "/api/auth/preferences", {
      rawBody: JSON.stringify({ locale: "x".repeat(2_000_000) }),
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const bad = await client.request("PUT", "/api/auth/preferences", { rawBody: '{"locale":' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("MALFORMED_REQUEST");
    expect(await auditCount()).toBe(before);
  });

  it("preferences are saved and audited", async () => {
    const client = await t.as("lanhdao.tinh1");
    const res = await client.put("/api/auth/preferences", { locale: "en" });
    expect(res.status).toBe(200);
    expect(res.body.user.locale).toBe("en");
    const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "preferences"));
    expect(entry?.changes).toEqual({ locale: { before: "vi", after: "en" } });
    // Saving the same preferences again writes nothing.
    const before = await auditCount();
    expect((await client.put("/api/auth/preferences", { locale: "en" })).status).toBe(200);
    expect(await auditCount()).toBe(before);
  });
});

describe("password change", () => {
  it("is forced at first login, then unlocks the app and ends other sessions", async () => {
    const { user, password } = await buildUser(t.database.db, { mustChangePassword: true, role: "officer" });
    const first = await t.as(user.username, password);
    const second = await t.as(user.username, password);
    const me = await first.get("/api/auth/me");
    expect(me.body.user.mustChangePassword).toBe(true);
    const blocked = await first.get("/api/users");
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("PASSWORD_CHANGE_REQUIRED");

    const tooShort = await first.post("/api/auth/password", {
      currentPassword: password,
      newPassword: "short",
    });
    expect(tooShort.status).toBe(400);
    const wrongCurrent = await first.post("/api/auth/password", {
      currentPassword: "nope",
      newPassword: "Mot-mat-khau-moi-1",
    });
    expect(wrongCurrent.status).toBe(422);
    const same = await first.post("/api/auth/password", { currentPassword: password, newPassword: password });
    expect(same.status).toBe(422);

    const ok = await first.post("/api/auth/password", {
      currentPassword: password,
      newPassword: "Mot-mat-khau-moi-1",
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.mustChangePassword).toBe(false);
    expect((await first.get("/api/users")).status).toBe(200);
    expect((await second.get("/api/auth/me")).status).toBe(401);
    expect((await t.anonymous().login(user.username, "Mot-mat-khau-moi-1")).status).toBe(200);
  });
});

async function userId(username: string) {
  const [row] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(username);
  return row.id;
}
