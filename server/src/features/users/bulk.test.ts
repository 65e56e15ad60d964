import { and, count, eq, inArray, isNotNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { auditLog } from "../../lib/audit-log.ts";
import { verifyPassword } from "../../lib/auth/secrets.ts";
import { people } from "../people/schema.ts";
import { units } from "../units/schema.ts";
import {
  createAccountsForPeople,
  freeUsername,
  usernameBase,
} from "./commands/create-accounts-for-people.ts";
import { users } from "./schema.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const accountCount = async () => (await t.database.db.select({ n: count() }).from(users))[0]?.n ?? 0;

/** Active people of a subtree who have no account yet, straight from the tables. */
async function withoutAccount(unitPath: string) {
  const rows = await t.database.db
    .select({ id: people.id })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(like(units.path, `${unitPath}%`), eq(people.status, "active")));
  const linked = new Set(
    (
      await t.database.db.select({ personId: users.personId }).from(users).where(isNotNull(users.personId))
    ).map((u) => u.personId),
  );
  return rows.filter((r) => !linked.has(r.id)).map((r) => r.id);
}

describe("usernames", () => {
  it("fold the full name, and take a number when taken", () => {
    expect(usernameBase("Nguyễn Văn An")).toBe("nguyenvanan");
    expect(usernameBase("ĐẶNG  Thị Ánh".normalize("NFD"))).toBe("dangthianh");
    expect(usernameBase("Lò A")).toBe("loa");
    expect(usernameBase("Y")).toBe("dangvieny");
    const taken = new Set(["nguyenvanan", "nguyenvanan2"]);
    expect(freeUsername("nguyenvanan", taken)).toBe("nguyenvanan3");
    expect(freeUsername("nguyenvanan", taken)).toBe("nguyenvanan4");
    expect(freeUsername("tranthibinh", taken)).toBe("tranthibinh");
  });
});

describe("POST /api/users/bulk: 401 → 400 → 403 → 422", () => {
  it("walks the ladder, creating nothing", async () => {
    const body = { unitId: t.demo.tree.cell1.id, dryRun: true };
    const before = await accountCount();
    expect((await t.anonymous().post("/api/users/bulk", body)).status).toBe(401);
    const officer = await t.as("canbo.coso");
    const invalid = await officer.post("/api/users/bulk", { unitId: "cell1" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].path).toBe("body.unitId");
    for (const username of ["dangvien1", "bithu.chibo1", "lanhdao.tinh1"]) {
      const caller = await t.as(username);
      expect((await caller.post("/api/users/bulk", body)).status, username).toBe(403);
      expect((await caller.post("/api/users/bulk", { ...body, dryRun: false })).status, username).toBe(403);
    }
    expect(await accountCount()).toBe(before);
  });

  it("another province's unit or people: 422 out of scope, naming nothing", async () => {
    const p2 = await t.as("canbo.tinh2");
    const before = await accountCount();
    for (const dryRun of [true, false]) {
      const res = await p2.post("/api/users/bulk", { unitId: t.demo.tree.cell1.id, dryRun });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: "RULE_VIOLATION",
        details: [{ path: "body.unitId", message: "out_of_scope" }],
      });
      expect(JSON.stringify(res.body)).not.toContain(t.demo.tree.cell1.name);
    }
    // A P1 officer naming a P2 person under a P1 unit.
    const [p2Person] = await t.database.db
      .select({ id: people.id })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(like(units.path, `${t.demo.tree.p2.path}%`))
      .limit(1);
    const p1 = await t.as("canbo.tinh1");
    const mine = (await withoutAccount(t.demo.tree.cell2.path))[0];
    const res = await p1.post("/api/users/bulk", {
      unitId: t.demo.tree.p1.id,
      personIds: [mine, p2Person?.id],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: "body.personIds.1", message: "out_of_scope" }]);
    expect(await accountCount()).toBe(before);
  });
});

describe("POST /api/users/bulk: creating", () => {
  it("a dry run counts the active people of the subtree without an account; the real call makes them", async () => {
    const officer = await t.as("canbo.coso");
    const grassroots = t.demo.tree.grassroots;
    const expected = await withoutAccount(grassroots.path);
    expect(expected.length).toBeGreaterThan(20);
    const before = await accountCount();
    const dry = await officer.post("/api/users/bulk", { unitId: grassroots.id, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ count: expected.length, max: 500 });
    expect(await accountCount()).toBe(before);

    const res = await officer.post("/api/users/bulk", { unitId: grassroots.id });
    expect(res.status).toBe(201);
    expect(res.headers["cache-control"]).toBe("no-store");
    const items = res.body.items as {
      personId: string;
      fullName: string;
      unitName: string;
      username: string;
      oneTimePassword: string;
    }[];
    expect(items.map((i) => i.personId).sort()).toEqual([...expected].sort());
    expect(await accountCount()).toBe(before + expected.length);
    expect(new Set(items.map((i) => i.username)).size).toBe(items.length);
    for (const item of items) {
      expect(item.username).toMatch(new RegExp(`^${usernameBase(item.fullName)}\\d*$`));
      expect(item.oneTimePassword).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    }
    // Grouped by unit, the slips of one cell together.
    const unitOrder = items.map((i) => i.unitName).filter((name, i, all) => all.indexOf(name) === i);
    expect(unitOrder.length).toBeGreaterThan(1);
    expect(items.map((i) => i.unitName)).toEqual(
      unitOrder.flatMap((name) => items.filter((i) => i.unitName === name).map(() => name)),
    );

    const stored = await t.database.db
      .select({ user: users, personUnit: people.unitId })
      .from(users)
      .innerJoin(people, eq(people.id, users.personId))
      .where(inArray(users.personId, expected));
    expect(stored).toHaveLength(expected.length);
    for (const { user, personUnit } of stored) {
      expect(user).toMatchObject({
        role: "member",
        unitId: personUnit,
        mustChangePassword: true,
        active: true,
      });
      const item = items.find((i) => i.personId === user.personId);
      expect(user.passwordHash).not.toContain(item?.oneTimePassword);
      expect(await verifyPassword(user.passwordHash, item?.oneTimePassword ?? "")).toBe(true);
    }

    // One audit entry per account, without the password.
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "user"), eq(auditLog.action, "bulk_create")));
    expect(entries).toHaveLength(expected.length);
    expect(entries[0]?.actorUsername).toBe("canbo.coso");
    const text = JSON.stringify(entries);
    for (const item of items) expect(text).not.toContain(item.oneTimePassword);

    // The account opens with its one-time password, which must be changed first.
    const first = items[0];
    const member = await t.as(first?.username ?? "", first?.oneTimePassword);
    const me = (await member.get("/api/auth/me")).body.user;
    expect(me).toMatchObject({ mustChangePassword: true, personId: first?.personId, role: "member" });

    // Nobody is left: a second run counts and makes nothing.
    expect((await officer.post("/api/users/bulk", { unitId: grassroots.id, dryRun: true })).body.count).toBe(
      0,
    );
    const again = await officer.post("/api/users/bulk", { unitId: grassroots.id });
    expect(again.status).toBe(201);
    expect(again.body.items).toEqual([]);
    expect(await accountCount()).toBe(before + expected.length);
  });

  it("numbers a username already taken, and only for the people listed", async () => {
    const officer = await t.as("canbo.tinh1");
    const cell = t.demo.tree.cell2;
    const made = [];
    for (const fullName of ["Trần Văn Bảy", "Trần Văn Bảy"]) {
      const res = await officer.post("/api/people", { unitId: cell.id, fullName });
      expect(res.status).toBe(201);
      made.push(res.body.person.id as string);
    }
    await buildUser(t.database.db, { username: "tranvanbay", unit: cell });
    const res = await officer.post("/api/users/bulk", { unitId: t.demo.tree.p1.id, personIds: made });
    expect(res.status).toBe(201);
    expect(res.body.items.map((i: { username: string }) => i.username)).toEqual([
      "tranvanbay2",
      "tranvanbay3",
    ]);
    expect(res.body.items[0]).toMatchObject({ fullName: "Trần Văn Bảy", unitName: cell.name });
  });

  it("refuses more people than one call makes (422), creating none", async () => {
    const admin = await t.as("admin");
    const me = (await admin.get("/api/auth/me")).body.user;
    const [account] = await t.database.db.select().from(users).where(eq(users.id, me.id));
    const root = t.demo.tree.root;
    if (!account) throw new Error("no admin");
    const before = await accountCount();
    const actor = {
      userId: account.id,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      unitId: root.id,
      unitName: root.name,
      unitPath: root.path,
      personId: null,
      mustChangePassword: false,
      locale: "vi" as const,
      via: "session" as const,
      sessionId: null,
      csrfToken: null,
    };
    await expect(
      createAccountsForPeople({
        db: t.database.db,
        ctx: { actor, ip: null, requestId: null },
        actor,
        unitId: t.demo.tree.p2.id,
        max: 5,
      }),
    ).rejects.toMatchObject({
      code: "RULE_VIOLATION",
      details: [{ path: "body.unitId", message: "too_many" }],
    });
    expect(await accountCount()).toBe(before);
  });
});
