import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { vietnameseCollationKey } from "../../lib/vietnamese.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("the children of a unit, a page at a time", () => {
  it("pages through the 34 provinces in Vietnamese order, with totals, child counts and search", async () => {
    const admin = await t.as("admin");
    const { root, p1 } = t.demo.tree;
    const seen: { id: string; name: string; childCount: number; status: string }[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await admin.get(`/api/units/${root.id}/children?page=${page}&pageSize=10`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 34, page, pageSize: 10 });
      seen.push(...res.body.items);
    }
    expect(seen).toHaveLength(34);
    expect(new Set(seen.map((u) => u.id)).size).toBe(34);
    const keys = seen.map((u) => vietnameseCollationKey(u.name));
    expect(keys).toEqual([...keys].sort());
    const provinceOne = seen.find((u) => u.id === p1.id);
    const direct = await admin.get(`/api/units/${p1.id}/children?pageSize=200`);
    expect(provinceOne?.childCount).toBe(direct.body.total);
    // Past the end: no items, the total still said.
    const past = await admin.get(`/api/units/${root.id}/children?page=9&pageSize=10`);
    expect(past.body).toMatchObject({ items: [], total: 34 });
    // Without diacritics: "bac" finds Bắc Ninh (and other Bắc…), nothing else.
    const found = await admin.get(`/api/units/${root.id}/children?q=bac%20ninh`);
    expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([p1.id]);
    expect(found.body.total).toBe(1);
  });

  it("answers 404 for a unit out of sight, and an empty list for a childless one", async () => {
    const officer = await t.as("canbo.tinh2");
    expect((await officer.get(`/api/units/${t.demo.tree.cell1.id}/children`)).status).toBe(404);
    const secretary = await t.as("bithu.chibo1");
    const none = await secretary.get(`/api/units/${t.demo.tree.cell1.id}/children`);
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });
});

describe("the labels of the unit statistics", () => {
  it("name every value in the caller's language, breakdown parts included (no codes)", async () => {
    const admin = await t.as("admin");
    const { root } = t.demo.tree;
    const vi = await admin.get(`/api/units/${root.id}/stats`);
    expect(vi.status).toBe(200);
    const labels = vi.body.labels as Record<string, string>;
    expect(labels["units.kind.cell"]).toBe("Đơn vị theo loại — Chi bộ");
    expect(labels["people.active.male"]).toBe("Đảng viên nam");
    expect(labels["people.active.age.31to40"]).toBe("Đảng viên 31–40 tuổi");
    // No label ends with a bare code of a kind or a field.
    for (const [key, label] of Object.entries(labels))
      expect(label, key).not.toMatch(/ — [a-z_]+(\.[a-z0-9_]+)*$/);
    const en = await admin.get(`/api/units/${root.id}/stats`, { headers: { "accept-language": "en" } });
    expect((en.body.labels as Record<string, string>)["units.kind.cell"]).toBe("Units by kind — Party cell");
  });
});
