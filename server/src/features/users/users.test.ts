import { and, count, eq, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { auditLog } from "../../lib/audit-log.ts";
import { people } from "../people/schema.ts";
import { units } from "../units/schema.ts";
import { users } from "./schema.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const newUser = (unitId: string, extra: Record<string, unknown> = {}) => ({
  username: `nv.${Math.random().toString(36).slice(2, 8)}`,
  displayName: "Nguyễn Văn Nam",
  role: "member",
  unitId,
  ...extra,
});

describe("POST /api/users: 401 → 400 → 403 → 201", () => {
  it("walks the ladder", async () => {
    const cell = t.demo.tree.cell1.id;
    expect((await t.anonymous().post("/api/users", newUser(cell))).status).toBe(401);
    const officer = await t.as("canbo.tinh1");
    const invalid = await officer.post("/api/users", { ...newUser(cell), username: "Có Dấu" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].path).toBe("body.username");
    const secretary = await t.as("bithu.chibo1");
    expect((await secretary.post("/api/users", newUser(cell))).status).toBe(403);
    const created = await officer.post("/api/users", newUser(cell));
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      role: "member",
      unitId: cell,
      mustChangePassword: true,
      active: true,
    });
    expect(created.body.oneTimePassword).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    // The one-time password works once and forces a change.
    const member = await t.as(created.body.user.username, created.body.oneTimePassword);
    expect((await member.get("/api/auth/me")).body.user.mustChangePassword).toBe(true);
  });

  it("refuses a duplicate username with 409 and stores nothing", async () => {
    const officer = await t.as("canbo.tinh1");
    const body = newUser(t.demo.tree.cell2.id, { username: "dangvien1" });
    const res = await officer.post("/api/users", body);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("USERNAME_TAKEN");
  });

  it("an officer cannot create an admin, nor an account in a sibling province", async () => {
    const officer = await t.as("canbo.tinh1");
    const admin = await officer.post("/api/users", newUser(t.demo.tree.p1.id, { role: "admin" }));
    expect(admin.status).toBe(403);
    const before = (await t.database.db.select({ n: count() }).from(users))[0]?.n;
    const sibling = await officer.post("/api/users", newUser(t.demo.tree.p2.id));
    expect(sibling.status).toBe(422);
    expect(sibling.body.error.message).toMatch(/ngoài phạm vi/);
    expect((await t.database.db.select({ n: count() }).from(users))[0]?.n).toBe(before);
  });
});

describe("POST /api/users with a personId", () => {
  const userCount = async () => (await t.database.db.select({ n: count() }).from(users))[0]?.n;
  /** A person of the unit's subtree who has no account. */
  const unlinkedPerson = async (unitPath: string) => {
    const [row] = await t.database.db
      .select({ id: people.id, unitId: people.unitId })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .leftJoin(users, eq(users.personId, people.id))
      .where(and(like(units.path, `${unitPath}%`), isNull(users.id)))
      .limit(1);
    if (!row) throw new Error("no unlinked person");
    return row;
  };

  it("links an existing person of the creator's subtree", async () => {
    const person = await unlinkedPerson(t.demo.tree.p1.path);
    const officer = await t.as("canbo.tinh1");
    const res = await officer.post("/api/users", newUser(person.unitId, { personId: person.id }));
    expect(res.status).toBe(201);
    expect(res.body.user.personId).toBe(person.id);
  });

  it("refuses a person id that names no one (422 on body.personId), storing nothing", async () => {
    const officer = await t.as("canbo.tinh1");
    const before = await userCount();
    const res = await officer.post(
      "/api/users",
      newUser(t.demo.tree.cell1.id, { personId: "0190aaaa-0000-7000-8000-000000000001" }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: "body.personId", message: "out_of_scope" }]);
    expect(await userCount()).toBe(before);
  });

  it("refuses another province's person exactly as one that does not exist", async () => {
    const person = await unlinkedPerson(t.demo.tree.p1.path);
    const p2 = await t.as("canbo.tinh2");
    const before = await userCount();
    const foreign = await p2.post("/api/users", newUser(t.demo.tree.p2.id, { personId: person.id }));
    const missing = await p2.post(
      "/api/users",
      newUser(t.demo.tree.p2.id, { personId: "0190aaaa-0000-7000-8000-000000000002" }),
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body).toEqual(missing.body);
    expect(await userCount()).toBe(before);
  });

  it("refuses a person who already has an account (422 on body.personId)", async () => {
    const personId = t.account("dangvien1").personId;
    const officer = await t.as("canbo.tinh1");
    const before = await userCount();
    const res = await officer.post("/api/users", newUser(t.demo.tree.cell1.id, { personId }));
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: "body.personId", message: "linked" }]);
    expect(await userCount()).toBe(before);
  });

  it("the database holds one account per person", async () => {
    const personId = t.account("dangvien2").personId;
    const { user } = await buildUser(t.database.db, { unit: t.demo.tree.cell1 });
    await expect(
      t.database.db.update(users).set({ personId }).where(eq(users.id, user.id)),
    ).rejects.toThrow();
  });
});

describe("listing and reading", () => {
  it("lists only the caller's subtree, paginated", async () => {
    const p1 = await t.as("canbo.tinh1");
    const res = await p1.get("/api/users?pageSize=200");
    expect(res.status).toBe(200);
    const names = res.body.items.map((u: { username: string }) => u.username);
    expect(names).toContain("bithu.chibo1");
    expect(names).not.toContain("canbo.tinh2");
    expect(names).not.toContain("admin");
    expect(res.body).toMatchObject({ page: 1, pageSize: 200, allowedActions: ["create"] });
    const page = await p1.get("/api/users?pageSize=2&page=2");
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBe(res.body.total);
    expect((await p1.get("/api/users?pageSize=500")).status).toBe(400);
  });

  it("filters by unit subtree and search text", async () => {
    const admin = await t.as("admin");
    const cell = await admin.get(`/api/users?unitId=${t.demo.tree.cell1.id}`);
    expect(cell.body.items.map((u: { username: string }) => u.username).sort()).toEqual(
      expect.arrayContaining(["bithu.chibo1", "dangvien1", "dangvien2"]),
    );
    const found = await admin.get("/api/users?q=tinh2");
    expect(found.body.items.map((u: { username: string }) => u.username)).toEqual(["canbo.tinh2"]);
    // A unit filter outside the caller's scope yields nothing rather than an error that reveals it.
    const p2 = await t.as("canbo.tinh2");
    const outside = await p2.get(`/api/users?unitId=${t.demo.tree.cell1.id}`);
    expect(outside.body.items).toEqual([]);
  });

  it("a member sees only themself; a secretary sees the cell", async () => {
    const member = await t.as("dangvien1");
    const list = await member.get("/api/users");
    expect(list.body.items.map((u: { username: string }) => u.username)).toEqual(["dangvien1"]);
    expect(list.body.allowedActions).toEqual([]);
    const other = list.body.items[0].id;
    const secretary = await t.as("bithu.chibo1");
    const cell = await secretary.get("/api/users");
    expect(cell.body.items.length).toBeGreaterThanOrEqual(3);
    expect(cell.body.items.every((u: { allowedActions: string[] }) => u.allowedActions.length === 0)).toBe(
      true,
    );
    const mate = cell.body.items.find((u: { username: string }) => u.username === "dangvien2");
    expect((await member.get(`/api/users/${mate.id}`)).status).toBe(404);
    expect((await member.get(`/api/users/${other}`)).status).toBe(200);
  });
});

describe("PATCH /api/users/:id", () => {
  it("edits with the version read; a stale version gets 409 and changes nothing", async () => {
    const officer = await t.as("canbo.xa");
    const { user } = await buildUser(t.database.db, { unit: t.demo.tree.cell2 });
    const first = await officer.patch(`/api/users/${user.id}`, { displayName: "Trần Thị Mai", version: 1 });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ displayName: "Trần Thị Mai", version: 2 });
    const stale = await officer.patch(`/api/users/${user.id}`, { displayName: "Ghi đè", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("VERSION_CONFLICT");
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.displayName).toBe("Trần Thị Mai");
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "update")));
    expect(entries).toHaveLength(1);
    expect(entries[0]?.changes?.displayName).toEqual({ before: user.displayName, after: "Trần Thị Mai" });
  });

  it("disabling ends the user's sessions; enabling restores login", async () => {
    const officer = await t.as("canbo.tinh1");
    const { user, password } = await buildUser(t.database.db, { unit: t.demo.tree.cell1 });
    const victim = await t.as(user.username, password);
    const off = await officer.patch(`/api/users/${user.id}`, { active: false, version: 1 });
    expect(off.status).toBe(200);
    expect(off.body.user.allowedActions).toContain("enable");
    expect((await victim.get("/api/auth/me")).status).toBe(401);
    expect((await t.anonymous().login(user.username, password)).status).toBe(403);
    const on = await officer.patch(`/api/users/${user.id}`, { active: true, version: 2 });
    expect(on.status).toBe(200);
    expect((await t.anonymous().login(user.username, password)).status).toBe(200);
  });

  it("refuses a leader (403), a sibling officer (404), and moving an account out of scope (422)", async () => {
    const { user } = await buildUser(t.database.db, { unit: t.demo.tree.cell1 });
    const leader = await t.as("lanhdao.tinh1");
    expect((await leader.patch(`/api/users/${user.id}`, { displayName: "X", version: 1 })).status).toBe(403);
    const sibling = await t.as("canbo.tinh2");
    expect((await sibling.patch(`/api/users/${user.id}`, { displayName: "X", version: 1 })).status).toBe(404);
    const commune = await t.as("canbo.xa");
    const move = await commune.patch(`/api/users/${user.id}`, { unitId: t.demo.tree.p2.id, version: 1 });
    expect(move.status).toBe(422);
    const promote = await commune.patch(`/api/users/${user.id}`, { role: "admin", version: 1 });
    expect(promote.status).toBe(403);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ displayName: user.displayName, version: 1, role: "member" });
  });

  it("a leader's PATCH with only a version: 403, no version bump, no audit row", async () => {
    const { user } = await buildUser(t.database.db, { unit: t.demo.tree.cell1 });
    const audits = async () =>
      (await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityId, user.id)))[0]?.n;
    const before = await audits();
    for (const username of ["lanhdao.tinh1", "bithu.chibo1"]) {
      const reader = await t.as(username);
      expect((await reader.get(`/api/users/${user.id}`)).status).toBe(200);
      const res = await reader.patch(`/api/users/${user.id}`, { version: 1 });
      expect(res.status).toBe(403);
      const same = await reader.patch(`/api/users/${user.id}`, { displayName: user.displayName, version: 1 });
      expect(same.status).toBe(403);
    }
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.version).toBe(1);
    expect(await audits()).toBe(before);
  });

  it("an admin's PATCH that changes nothing writes nothing and answers the account", async () => {
    const { user } = await buildUser(t.database.db, { unit: t.demo.tree.cell1 });
    const admin = await t.as("admin");
    const before = (await t.database.db.select({ n: count() }).from(auditLog))[0]?.n;
    for (const body of [
      { version: 1 },
      { displayName: user.displayName, role: "member", unitId: user.unitId, active: true, version: 1 },
      { apiTokensAllowed: false, version: 1 },
    ]) {
      const res = await admin.patch(`/api/users/${user.id}`, body);
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ id: user.id, displayName: user.displayName, version: 1 });
    }
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.version).toBe(1);
    expect(row?.updatedAt).toEqual(user.updatedAt);
    expect((await t.database.db.select({ n: count() }).from(auditLog))[0]?.n).toBe(before);
  });

  it("an officer cannot disable themself", async () => {
    const officer = await t.as("canbo.coso");
    const me = (await officer.get("/api/auth/me")).body.user;
    const res = await officer.patch(`/api/users/${me.id}`, { active: false, version: 1 });
    expect(res.status).toBe(403);
  });
});

describe("POST /api/users/:id/reset-password", () => {
  it("gives a new one-time password, unlocks and ends sessions", async () => {
    const officer = await t.as("canbo.coso");
    const { user, password } = await buildUser(t.database.db, { unit: t.demo.tree.cell2 });
    const victim = await t.as(user.username, password);
    const res = await officer.post(`/api/users/${user.id}/reset-password`);
    expect(res.status).toBe(200);
    expect((await victim.get("/api/auth/me")).status).toBe(401);
    expect((await t.anonymous().login(user.username, password)).status).toBe(401);
    const fresh = await t.as(user.username, res.body.oneTimePassword);
    expect((await fresh.get("/api/auth/me")).body.user.mustChangePassword).toBe(true);
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "password_reset")));
    expect(entry?.changes?.passwordHash).toEqual({ before: "***", after: "***" });
    expect(JSON.stringify(entry)).not.toContain(res.body.oneTimePassword);
  });

  it("a secretary may not reset passwords (403)", async () => {
    const secretary = await t.as("bithu.chibo1");
    const list = await secretary.get("/api/users");
    const member = list.body.items.find((u: { username: string }) => u.username === "dangvien1");
    expect((await secretary.post(`/api/users/${member.id}/reset-password`)).status).toBe(403);
  });
});
