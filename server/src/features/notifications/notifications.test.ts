import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { userIdOf } from "../../../test/stats.ts";
import { auditLog } from "../../lib/audit-log.ts";
import { notify } from "./commands/notify.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const userId = (username: string) => userIdOf(t.database.db, username);

describe("in-app notifications", () => {
  it("are listed to their own account only, newest first, with the unread count", async () => {
    expect((await t.anonymous().get("/api/notifications")).status).toBe(401);
    expect((await t.anonymous().get("/api/notifications/counts")).status).toBe(401);
    const member = await t.as("dangvien1");
    expect((await member.get("/api/notifications")).body).toMatchObject({ items: [], total: 0, unread: 0 });
    const id = await userId("dangvien1");
    await t.database.db.transaction((tx) =>
      notify(tx, [
        {
          userId: id,
          kind: "test.first",
          title: "Thông báo thứ nhất",
          body: "Nội dung 1",
          link: "/commitment",
        },
      ]),
    );
    await new Promise((r) => setTimeout(r, 5));
    await t.database.db.transaction((tx) =>
      notify(tx, [{ userId: id, kind: "test.second", title: "Thông báo thứ hai", body: "Nội dung 2" }]),
    );
    const list = await member.get("/api/notifications");
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, unread: 2, page: 1 });
    expect(list.body.items.map((n: { title: string }) => n.title)).toEqual([
      "Thông báo thứ hai",
      "Thông báo thứ nhất",
    ]);
    expect(list.body.items[1]).toMatchObject({ kind: "test.first", link: "/commitment", readAt: null });
    expect((await member.get("/api/notifications/counts")).body).toEqual({ unread: 2, total: 2 });
    // Another member sees none of them.
    const other = await t.as("dangvien2");
    expect((await other.get("/api/notifications")).body.total).toBe(0);
  });

  it("are marked read one at a time by their owner (another account: 404), or all at once", async () => {
    const member = await t.as("dangvien1");
    const other = await t.as("dangvien2");
    const [newest, oldest] = (await member.get("/api/notifications")).body.items as { id: string }[];
    if (!newest || !oldest) throw new Error("no notifications");
    expect((await member.post("/api/notifications/not-an-id/read", {})).status).toBe(400);
    const foreign = await other.post(`/api/notifications/${oldest.id}/read`, {});
    expect(foreign.status).toBe(404);
    const read = await member.post(`/api/notifications/${oldest.id}/read`, {});
    expect(read.status).toBe(200);
    expect(read.body.notification.readAt).toEqual(expect.any(String));
    // Reading it again changes nothing.
    const again = await member.post(`/api/notifications/${oldest.id}/read`, {});
    expect(again.body.notification.readAt).toBe(read.body.notification.readAt);
    expect((await member.get("/api/notifications/counts")).body).toEqual({ unread: 1, total: 2 });
    expect(
      (await member.get("/api/notifications?unread=true")).body.items.map((n: { id: string }) => n.id),
    ).toEqual([newest.id]);
    const all = await member.post("/api/notifications/read-all", {});
    expect(all.body).toEqual({ updated: 1 });
    expect((await member.post("/api/notifications/read-all", {})).body).toEqual({ updated: 0 });
    expect((await member.get("/api/notifications/counts")).body).toEqual({ unread: 0, total: 2 });
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "notification"), eq(auditLog.action, "read")));
    expect(audited.length).toBe(2);
    expect(audited.every((a) => a.actorUsername === "dangvien1")).toBe(true);
  });
});
