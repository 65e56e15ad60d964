import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childCountMismatches } from "../../../test/child-counts.ts";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { activeInSubtree, unitStats } from "../../../test/stats.ts";
import { units } from "./schema.ts";

let t: TestContext;
let admin: Client;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.as("admin");
});
afterAll(() => t.close());

type Metrics = Record<string, number>;
const sum = (a: Metrics, b: Metrics) => {
  const out: Metrics = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
};
/** The ground truth, counted live: active people in a subtree now. */
const liveActive = (unitId: string) => activeInSubtree(t.database.db, unitId);
const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describe("the period rule", () => {
  it("figures match live counts, and the root adds up its provinces", async () => {
    const { root, p1, p2, cell1 } = t.demo.tree;
    for (const id of [root.id, p1.id, p2.id, cell1.id]) {
      expect((await unitStats(admin, id, "2026-01-01", today))["people.active"]).toBe(await liveActive(id));
    }
    const r = await unitStats(admin, root.id, "2020-01-01", "2020-12-31");
    const a = await unitStats(admin, p1.id, "2020-01-01", "2020-12-31");
    const b = await unitStats(admin, p2.id, "2020-01-01", "2020-12-31");
    expect(r["people.active"]).toBe((a["people.active"] ?? 0) + (b["people.active"] ?? 0));
    expect(r["people.active"]).toBeGreaterThan(0);
    // 2020: the communes (founded 1 July 2025) did not exist yet; 2026: they do.
    expect(a["units.kind.commune"] ?? 0).toBe(0);
    expect((await unitStats(admin, p1.id, "2026-01-01", today))["units.kind.commune"]).toBe(3);
    expect(r["units.kind.province"]).toBe(34);
  });

  it("merging two provinces: the successor's figures are the sum of the predecessors', before and after; unit counts fall", async () => {
    const { root, p1, p2 } = t.demo.tree;
    const periods = [
      ["2020-01-01", "2020-12-31"],
      ["2025-01-01", "2025-12-31"],
      ["2026-01-01", today],
    ] as const;
    const before = [];
    for (const [from, to] of periods)
      before.push(sum(await unitStats(admin, p1.id, from, to), await unitStats(admin, p2.id, from, to)));
    const rootBefore = await unitStats(admin, root.id, "2026-01-01", today);

    const created = await admin.post("/api/units", {
      parentId: root.id,
      name: "Tỉnh ủy Bắc Ninh – Thái Nguyên",
      code: "TEST-MERGE",
      kindId: (await admin.get("/api/unit-kinds")).body.items.find(
        (k: { code: string }) => k.code === "province",
      ).id,
      activeFrom: "2026-03-01",
    });
    expect(created.status).toBe(201);
    const target = created.body.unit.id;
    const preview = await admin.post("/api/units/merge", {
      sourceIds: [p1.id, p2.id],
      targetId: target,
      on: "2026-03-01",
      dryRun: true,
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, people: rootBefore["people.active"] });
    expect(preview.body.units).toBeGreaterThan(40);
    const merged = await admin.post("/api/units/merge", {
      sourceIds: [p1.id, p2.id],
      targetId: target,
      on: "2026-03-01",
    });
    expect(merged.status).toBe(200);

    for (const [i, [from, to]] of periods.entries()) {
      const after = await unitStats(admin, target, from, to);
      const expected = before[i] as Metrics;
      for (const key of Object.keys(expected).filter((k) => k.startsWith("people."))) {
        expect(after[key] ?? 0, `${key} ${from}`).toBe(expected[key]);
      }
      if (to < "2026-03-01") {
        expect(after["units.total"]).toBe(expected["units.total"]);
      } else {
        // Two provinces closed, one opened: one unit fewer.
        expect(after["units.total"]).toBe((expected["units.total"] ?? 0) - 1);
        expect(after["units.kind.province"]).toBe(1);
      }
    }
    const rootAfter = await unitStats(admin, root.id, "2026-01-01", today);
    expect(rootAfter["people.active"]).toBe(rootBefore["people.active"]);
    expect(rootAfter["units.total"]).toBe((rootBefore["units.total"] ?? 0) - 1);
    expect((await unitStats(admin, target, "2026-01-01", today))["people.active"]).toBe(
      await liveActive(target),
    );

    // The predecessors stay visible, merged, linked to their successor, under it.
    const old = await admin.get(`/api/units/${p1.id}`);
    expect(old.body.unit).toMatchObject({
      status: "merged",
      successor: { id: target },
      activeTo: "2026-03-01",
      parentId: target,
    });
    expect(old.body.unit.allowedActions).toEqual(["update"]);
    const history = await admin.get(`/api/units/${p1.id}/history`);
    expect(history.body.items.map((e: { kind: string }) => e.kind)).toContain("merged");
    // Their children now hang under the successor.
    const children = await admin.get(`/api/units/${target}/children?pageSize=200`);
    expect(children.body.items.map((c: { id: string }) => c.id)).toContain(t.demo.tree.commune.id);
  });
});

describe("moves and transfers", () => {
  it("moving a cell with its people moves its figures for every period; the preview says how much", async () => {
    const { cell2, grassroots } = t.demo.tree;
    const other = (await admin.get(`/api/units/${t.demo.tree.commune.id}/children`)).body.items.find(
      (u: { id: string }) => u.id !== grassroots.id,
    );
    const cellPeople = await liveActive(cell2.id);
    const g2020 = await unitStats(admin, grassroots.id, "2020-01-01", "2020-12-31");
    const o2020 = await unitStats(admin, other.id, "2020-01-01", "2020-12-31");
    const c2020 = await unitStats(admin, cell2.id, "2020-01-01", "2020-12-31");
    const officer = await t.as("canbo.xa");
    const preview = await officer.post(`/api/units/${cell2.id}/move`, {
      parentId: other.id,
      on: "2026-06-01",
      dryRun: true,
    });
    expect(preview.body).toMatchObject({ dryRun: true, units: 1, people: cellPeople });
    const moved = await officer.post(`/api/units/${cell2.id}/move`, { parentId: other.id, on: "2026-06-01" });
    expect(moved.status).toBe(200);
    expect(moved.body.unit.parentId).toBe(other.id);
    const g = await unitStats(admin, grassroots.id, "2020-01-01", "2020-12-31");
    const o = await unitStats(admin, other.id, "2020-01-01", "2020-12-31");
    expect(g["people.active"]).toBe((g2020["people.active"] ?? 0) - (c2020["people.active"] ?? 0));
    expect(o["people.active"]).toBe((o2020["people.active"] ?? 0) + (c2020["people.active"] ?? 0));
    expect(o["units.total"]).toBe((o2020["units.total"] ?? 0) + 1);
  });

  it("a move into its own subtree is refused and changes nothing", async () => {
    const officer = await t.as("canbo.xa");
    const res = await officer.post(`/api/units/${t.demo.tree.grassroots.id}/move`, {
      parentId: t.demo.tree.cell1.id,
      on: "2026-06-01",
    });
    expect(res.status).toBe(422);
    const [g] = await t.database.db.select().from(units).where(eq(units.id, t.demo.tree.grassroots.id));
    expect(g?.parentId).toBe(t.demo.tree.commune.id);
  });

  it("a transfer counts the person in the old unit before its date and in the new one from it", async () => {
    const secretary = await t.as("bithu.chibo1");
    const list = await secretary.get(`/api/people?unitId=${t.demo.tree.cell1.id}&status=active`);
    const person = list.body.items.find(
      (p: { joinedOn: string | null }) => p.joinedOn && p.joinedOn < "2020-01-01",
    );
    const to = t.demo.tree.cell2.id;
    const old0 = await unitStats(admin, t.demo.tree.cell1.id, "2026-04-30", "2026-04-30");
    const new0 = await unitStats(admin, to, "2026-04-30", "2026-04-30");
    const officer = await t.as("canbo.xa");
    const res = await officer.post(`/api/people/${person.id}/transfer`, {
      toUnitId: to,
      on: "2026-05-01",
      reason: "Chuyển công tác",
    });
    expect(res.status).toBe(200);
    expect(res.body.person.unitId).toBe(to);
    const oldBefore = await unitStats(admin, t.demo.tree.cell1.id, "2026-04-30", "2026-04-30");
    const oldAfter = await unitStats(admin, t.demo.tree.cell1.id, "2026-05-01", "2026-05-01");
    const newBefore = await unitStats(admin, to, "2026-04-30", "2026-04-30");
    const newAfter = await unitStats(admin, to, "2026-05-01", "2026-05-01");
    expect(oldBefore["people.active"]).toBe(old0["people.active"]);
    expect(oldAfter["people.active"]).toBe((old0["people.active"] ?? 0) - 1);
    expect(newBefore["people.active"]).toBe(new0["people.active"]);
    expect(newAfter["people.active"]).toBe((new0["people.active"] ?? 0) + 1);
    // A transfer dated before the last one is refused.
    const back = await officer.post(`/api/people/${person.id}/transfer`, {
      toUnitId: t.demo.tree.cell1.id,
      on: "2026-04-01",
    });
    expect(back.status).toBe(422);
  });

  it("leaving (deceased) is a flow in its period and ends the stock; figures equal live counts", async () => {
    const officer = await t.as("canbo.coso");
    const list = await officer.get(`/api/people?unitId=${t.demo.tree.cell1.id}&status=active`);
    const person = list.body.items[0];
    const before = await unitStats(admin, t.demo.tree.cell1.id, "2026-01-01", today);
    const res = await officer.patch(`/api/people/${person.id}`, {
      status: "deceased",
      statusOn: "2026-02-10",
      version: person.version,
    });
    expect(res.status).toBe(200);
    const after = await unitStats(admin, t.demo.tree.cell1.id, "2026-01-01", today);
    expect(after["people.active"]).toBe((before["people.active"] ?? 0) - 1);
    expect(after["people.left.deceased"]).toBe((before["people.left.deceased"] ?? 0) + 1);
    expect(after["people.active"]).toBe(await liveActive(t.demo.tree.cell1.id));
    const stale = await officer.patch(`/api/people/${person.id}`, { position: "X", version: person.version });
    expect(stale.status).toBe(409);
  });
});

describe("dissolve and refusals", () => {
  it("a unit with active members cannot be dissolved; an empty one can, and unit counts fall", async () => {
    const officer = await t.as("canbo.coso");
    const refused = await officer.post(`/api/units/${t.demo.tree.cell1.id}/dissolve`, { on: "2026-06-30" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/đảng viên/);
    const created = await officer.post("/api/units", {
      parentId: t.demo.tree.grassroots.id,
      name: "Chi bộ Tạm thời",
    });
    expect(created.status).toBe(201);
    const before = await unitStats(admin, t.demo.tree.grassroots.id, "2026-01-01", today);
    const done = await officer.post(`/api/units/${created.body.unit.id}/dissolve`, { on: "2026-06-30" });
    expect(done.status).toBe(200);
    expect(done.body.unit.status).toBe("dissolved");
    const after = await unitStats(admin, t.demo.tree.grassroots.id, "2026-01-01", today);
    expect(after["units.total"]).toBe((before["units.total"] ?? 0) - 1);
    const again = await officer.post(`/api/units/${created.body.unit.id}/dissolve`, { on: "2026-06-30" });
    expect(again.status).toBe(403);
  });

  it("an officer cannot reorganise their own unit, a sibling's units, nor merge across scope", async () => {
    const officer = await t.as("canbo.coso");
    const own = await officer.post(`/api/units/${t.demo.tree.grassroots.id}/move`, {
      parentId: t.demo.tree.grassroots.id,
      on: "2026-01-01",
    });
    expect(own.status).toBe(403);
    const secretary = await t.as("bithu.chibo1");
    const notOfficer = await secretary.post(`/api/units/${t.demo.tree.cell1.id}/dissolve`, {
      on: "2026-01-01",
    });
    expect(notOfficer.status).toBe(403);
    const commune = await t.as("canbo.xa");
    const across = await commune.post("/api/units/merge", {
      sourceIds: [t.demo.tree.cell1.id],
      targetId: t.demo.tree.p2.id,
      on: "2026-01-01",
    });
    expect(across.status).toBe(404);
  });
});

describe("the kept child counts", () => {
  it("equal a count of the children after everything above", async () => {
    expect(await childCountMismatches(t.database.db)).toEqual([]);
  });
});
