import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { vnToday } from "../../lib/dates.ts";
import { adminAreas } from "../admin-areas/index.ts";
import { computeMetrics, metricDefinitions, rawFiguresRead } from "../figures/index.ts";
import { MAX_CHILDREN, TREND_YEARS } from "./contracts.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const today = vnToday();
const thisYear = Number(today.slice(0, 4));
/** Shares are not sums: the breakdown's additive metrics only. */
const additive = (key: string) => !key.endsWith("Share") && !key.endsWith(".share");

const dashboard = async (client: Client, query: string) => {
  const res = await client.get(`/api/dashboard${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const live = async (unitId: string, from: string, to: string) => {
  const metrics = await computeMetrics(t.database.db, { id: unitId }, from, to);
  expect(metrics).not.toBeNull();
  return metrics as Record<string, number>;
};

describe("GET /api/dashboard", () => {
  it("walks 401 → 400 → 404 / 403 → 200", async () => {
    const { p1, p2, cell1, root } = t.demo.tree;
    const anonymous = await t.anonymous().get("/api/dashboard");
    expect(anonymous.status).toBe(401);

    const officer = await t.as("canbo.tinh1");
    for (const bad of ["?unitId=abc", "?year=abc", "?year=1800", `?year=${thisYear + 1}`]) {
      const res = await officer.get(`/api/dashboard${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    // Outside the caller's subtree (the sibling province, the root above) or absent: 404.
    for (const id of [p2.id, root.id, "01900000-0000-7000-8000-000000000000"]) {
      const res = await officer.get(`/api/dashboard?unitId=${id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
    // A member sees their own records, not their unit's figures.
    const member = await t.as("dangvien1");
    expect((await member.get("/api/dashboard")).status).toBe(403);
    expect((await member.get(`/api/dashboard?unitId=${cell1.id}`)).status).toBe(403);

    const body = await dashboard(officer, "");
    expect(body.unit).toMatchObject({ id: p1.id, name: p1.name, level: "province", adminAreaCode: "24" });
    expect(body).toMatchObject({ year: thisYear, from: `${thisYear}-01-01`, to: today });
    const secretary = await t.as("bithu.chibo1");
    expect((await dashboard(secretary, "")).unit.id).toBe(cell1.id);
  });

  it("shows every registered metric, equal to computeMetrics for the same subtree and period, grouped by module", async () => {
    const admin = await t.as("admin");
    const { root, p1, commune, grassroots, cell1 } = t.demo.tree;
    for (const unit of [root, p1, commune, grassroots, cell1]) {
      for (const year of [thisYear, thisYear - 1]) {
        const body = await dashboard(admin, `?unitId=${unit.id}&year=${year}`);
        const to = year === thisYear ? today : `${year}-12-31`;
        expect(body.to).toBe(to);
        const expected = await live(unit.id, `${year}-01-01`, to);
        expect(body.metrics).toEqual(expected);
        // Grouped: every value appears once, under the module of its metric, with a label.
        const grouped: string[] = [];
        for (const group of body.groups)
          for (const metric of group.metrics) {
            expect(metric.key.split(".")[0]).toBe(group.module);
            if (metric.key in body.metrics) grouped.push(metric.key);
            grouped.push(...metric.parts);
          }
        expect(grouped.sort()).toEqual(Object.keys(expected).sort());
        expect(Object.keys(body.labels)).toEqual(expect.arrayContaining(Object.keys(expected)));
        expect(body.groups.map((g: { module: string }) => g.module)).toEqual(
          expect.arrayContaining(["units", "people", "practices", "exemplars"]),
        );
      }
    }
    const body = await dashboard(admin, `?unitId=${p1.id}`);
    expect(body.metrics["people.active"]).toBeGreaterThan(0);
    expect(body.labels["people.active"]).toBe("Đảng viên đang sinh hoạt (cuối kỳ)");
    const english = await admin.get(`/api/dashboard?unitId=${p1.id}`, {
      headers: { "accept-language": "en" },
    });
    expect(english.body.labels["people.active"]).toBe("Active members (end of period)");
    // A breakdown's parts carry their own labels, and the breakdown its heading.
    expect(body.labels["people.active.female"]).toBe("Đảng viên nữ");
    expect(body.labels["people.active.gender"]).toBe("Đảng viên theo giới tính");
  });

  it("trends over the last years: each year's figures equal computeMetrics of that year", async () => {
    const admin = await t.as("admin");
    const { p1, commune } = t.demo.tree;
    for (const unit of [p1, commune]) {
      const body = await dashboard(admin, `?unitId=${unit.id}&year=${thisYear}`);
      expect(body.trend.map((p: { year: number }) => p.year)).toEqual(
        Array.from({ length: TREND_YEARS }, (_, i) => thisYear - TREND_YEARS + 1 + i),
      );
      for (const point of body.trend) {
        const expected = await live(unit.id, point.from, point.to);
        expect(Object.keys(point.metrics)).toEqual(
          expect.arrayContaining(["people.active", "practices.total"]),
        );
        for (const [key, value] of Object.entries(point.metrics)) expect(value, key).toBe(expected[key]);
      }
      for (const [key, value] of Object.entries(body.trend.at(-1).metrics))
        expect(value).toBe(body.metrics[key]);
      // A stock at each year's end: the members of earlier years (some joined since).
      expect(body.trend[0].metrics["people.active"]).toBeLessThanOrEqual(body.metrics["people.active"] + 10);
    }
  });

  it("breaks the figures down by child unit: each child's values are its own dashboard's, and the children and the rest sum to the unit", async () => {
    const admin = await t.as("admin");
    const { root, p1, commune, grassroots } = t.demo.tree;
    for (const unit of [root, p1, commune, grassroots]) {
      for (const year of [thisYear, thisYear - 1]) {
        const body = await dashboard(admin, `?unitId=${unit.id}&year=${year}`);
        const { children } = body;
        expect(children.items.length).toBeGreaterThan(0);
        expect(children.truncated).toBe(false);
        expect(children.total).toBe(children.items.length);
        expect(children.metrics).toEqual(
          expect.arrayContaining(["people.active", "practices.total", "exemplars.total", "units.total"]),
        );
        for (const child of children.items) {
          const expected = await live(child.id, body.from, body.to);
          for (const key of children.metrics)
            expect(child.values[key], `${child.name} ${key}`).toBe(expected[key]);
        }
        for (const key of children.metrics.filter(additive)) {
          const sum =
            children.items.reduce(
              (s: number, c: { values: Record<string, number> }) => s + (c.values[key] ?? 0),
              0,
            ) + children.rest[key];
          expect(sum, `${unit.name} ${key}`).toBe(body.metrics[key]);
        }
        // The unit's own records are the rest: none of units or members sit in an upper unit here.
        expect(children.rest["people.active"]).toBe(0);
      }
    }
    expect(MAX_CHILDREN).toBeGreaterThanOrEqual(34);
  });

  it("reads only the raw figures the breakdown needs", () => {
    const chosen = metricDefinitions().filter((d) => ["people.active", "commitments.share"].includes(d.key));
    expect(rawFiguresRead(chosen, "2026-01-01", "2026-06-30")).toEqual([
      "commitments.submitted:2026",
      "people.active",
    ]);
    const byPrefix = metricDefinitions().filter((d) => d.key === "units.kind");
    expect(rawFiguresRead(byPrefix, "2026-01-01", "2026-06-30")).toBeNull();
  });

  it("gives the map's values per province at the national level, and the province itself at a provincial level", async () => {
    const admin = await t.as("admin");
    const { root, p1, commune } = t.demo.tree;
    const national = await dashboard(admin, `?unitId=${root.id}`);
    expect(national.unit.level).toBe("national");
    expect(national.map.level).toBe("national");
    const provinceCodes = adminAreas.filter((a) => a.level === "province").map((a) => a.code);
    expect(national.map.items).toHaveLength(34);
    expect(national.map.items.map((i: { code: string }) => i.code).sort()).toEqual([...provinceCodes].sort());
    const bacNinh = national.map.items.find((i: { code: string }) => i.code === "24");
    expect(bacNinh).toMatchObject({ unitId: p1.id, name: "Bắc Ninh" });
    const p1Dashboard = await dashboard(admin, `?unitId=${p1.id}`);
    expect(bacNinh.values["people.active"]).toBe(p1Dashboard.metrics["people.active"]);

    expect(p1Dashboard.map).toMatchObject({ level: "province", items: [{ code: "24", unitId: p1.id }] });
    const communeDashboard = await dashboard(admin, `?unitId=${commune.id}`);
    expect(communeDashboard.unit.level).toBe("other");
    expect(communeDashboard.map).toBeNull();
  });

  it("breaks models and exemplars down by field, as their metrics count them", async () => {
    const officer = await t.as("canbo.tinh1");
    const created = await officer.post("/api/practices", {
      unitId: t.demo.tree.cell1.id,
      title: "Mô hình thử bảng điều khiển",
      fieldCode: "economy",
    });
    expect(created.status).toBe(201);
    const body = await dashboard(officer, "");
    const economy = body.fields.find((f: { code: string }) => f.code === "economy");
    expect(economy.practices).toBe(body.metrics["practices.field.economy"]);
    expect(economy.practices).toBeGreaterThan(0);
    for (const row of body.fields) {
      expect(row.practices).toBe(body.metrics[`practices.field.${row.code}`] ?? 0);
      expect(row.exemplars).toBe(body.metrics[`exemplars.field.${row.code}`] ?? 0);
      expect(row.practicesRecognised).toBe(body.metrics[`practices.recognisedField.${row.code}`] ?? 0);
    }
  });

  it("keeps the sums after a merger during the year: the successor holds the predecessors' figures", async () => {
    const officer = await t.as("canbo.tinh1");
    const before = await dashboard(officer, "");
    const communes = before.children.items as { id: string; name: string; values: Record<string, number> }[];
    const [target, source] = communes;
    if (!target || !source) throw new Error("the demo province has fewer than two communes");
    const merged = await officer.post("/api/units/merge", {
      sourceIds: [source.id],
      targetId: target.id,
      on: today,
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const after = await dashboard(officer, "");
    for (const key of ["people.active", "practices.total", "exemplars.total"])
      expect(after.metrics[key]).toBe(before.metrics[key]);
    expect(after.children.items.map((c: { id: string }) => c.id)).not.toContain(source.id);
    const successor = after.children.items.find((c: { id: string }) => c.id === target.id);
    expect(successor.values["people.active"]).toBe(
      (target.values["people.active"] ?? 0) + (source.values["people.active"] ?? 0),
    );
    expect(after.metrics).toEqual(await live(t.demo.tree.p1.id, after.from, after.to));
  });
});
