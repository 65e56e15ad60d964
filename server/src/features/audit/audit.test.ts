import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { recordAudit } from "../../lib/audit.ts";
import { auditLog } from "../../lib/audit-log.ts";
import { systemCtx } from "../../lib/auth/actor.ts";
import { AppError } from "../../lib/errors.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("audit log", () => {
  it("records a write in the same transaction: a failing write leaves no entry", async () => {
    const before = (await t.database.db.select({ n: count() }).from(auditLog))[0]?.n;
    await expect(
      t.database.db.transaction(async (tx) => {
        await recordAudit(tx, systemCtx(), { event: "unit.create", entityId: "x" });
        throw new AppError("RULE_VIOLATION");
      }),
    ).rejects.toThrow();
    expect((await t.database.db.select({ n: count() }).from(auditLog))[0]?.n).toBe(before);
  });

  it("admins list entries with actor, IP, entity, action and changes; filters apply", async () => {
    const officer = await t.as("canbo.tinh1");
    await officer.put("/api/auth/preferences", { locale: "en" });
    const admin = await t.as("admin");
    const res = await admin.get("/api/audit?entity=user&actor=canbo.tinh1");
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      actorUsername: "canbo.tinh1",
      entity: "user",
      action: "preferences",
      ip: expect.any(String),
      changes: { locale: { before: "vi", after: "en" } },
    });
    const logins = await admin.get("/api/audit?entity=session");
    expect(logins.body.items.some((e: { action: string }) => e.action === "login")).toBe(true);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await admin.get(`/api/audit?from=${today}&to=${today}`)).body.total).toBeGreaterThan(0);
    expect((await admin.get("/api/audit?to=2000-01-01")).body.total).toBe(0);
    expect((await admin.get("/api/audit?from=01/01/2026")).status).toBe(400);
  });

  it("is refused to non-admins (403) and anonymous callers (401)", async () => {
    expect((await (await t.as("canbo.tinh1")).get("/api/audit")).status).toBe(403);
    expect((await (await t.as("lanhdao.tinh1")).get("/api/audit")).status).toBe(403);
    expect((await t.anonymous().get("/api/audit")).status).toBe(401);
  });
});
