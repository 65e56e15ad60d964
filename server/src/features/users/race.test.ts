import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { users } from "./schema.ts";

// PGlite has one connection, so a race there proves nothing: this runs on PostgreSQL only.
describe.runIf(process.env.TEST_DATABASE_URL)("concurrent edits (PostgreSQL)", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t?.close());

  it("two officers saving the same version: exactly one wins, the other gets 409", async () => {
    const { user } = await buildUser(t.database.db, { unit: t.demo.tree.cell1 as never });
    const a = await t.as("canbo.tinh1");
    const b = await t.as("canbo.xa");
    for (let round = 0; round < 5; round++) {
      const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
      const version = row?.version ?? 0;
      const results = await Promise.all([
        a.patch(`/api/users/${user.id}`, { displayName: `A ${round}`, version }),
        b.patch(`/api/users/${user.id}`, { displayName: `B ${round}`, version }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    }
  });

  it("two creations of the same username: one 201, one 409", async () => {
    const a = await t.as("canbo.tinh1");
    const b = await t.as("admin");
    for (let round = 0; round < 5; round++) {
      const body = {
        username: `trung.ten${round}`,
        displayName: "Trùng tên",
        role: "member",
        unitId: t.demo.tree.cell1.id,
      };
      const results = await Promise.all([a.post("/api/users", body), b.post("/api/users", body)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    }
  });

  it("two creations for the same person: one 201, one 422 on body.personId", async () => {
    const a = await t.as("canbo.tinh1");
    const b = await t.as("admin");
    for (let round = 0; round < 5; round++) {
      const created = await a.post("/api/people", {
        unitId: t.demo.tree.cell1.id,
        fullName: `Nguyễn Văn Đua ${round}`,
        gender: "male",
        birthDate: "1990-01-01",
        joinedOn: "2015-01-01",
      });
      expect(created.status).toBe(201);
      const personId = created.body.person.id;
      const body = (name: string) => ({
        username: `dua.${name}${round}`,
        displayName: "Nguyễn Văn Đua",
        role: "member",
        unitId: t.demo.tree.cell1.id,
        personId,
      });
      const results = await Promise.all([a.post("/api/users", body("a")), b.post("/api/users", body("b"))]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      const refused = results.find((r) => r.status === 422);
      expect(refused?.body.error.details).toEqual([{ path: "body.personId", message: "linked" }]);
    }
  });
});
