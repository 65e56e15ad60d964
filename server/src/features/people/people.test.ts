import { and, count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { foldForSearch } from "../../lib/vietnamese.ts";
import { units } from "../units/schema.ts";
import { people } from "./schema.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** How many people of a subtree have `q` (folded) in their search text, counted directly. */
async function expected(path: string, q: string) {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(like(units.path, `${path}%`), like(people.searchText, `%${foldForSearch(q)}%`)));
  return row?.n ?? 0;
}

describe("GET /api/people?q=", () => {
  it("finds names without diacritics, counts every match, pages them, within the caller's subtree", async () => {
    const { root, p1, commune } = t.demo.tree;
    const [someone] = await t.database.db
      .select({ name: people.fullName })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(like(units.path, `${commune.path}%`))
      .limit(1);
    const family = foldForSearch(someone?.name ?? "").split(" ")[0] ?? "";
    expect(family.length).toBeGreaterThan(1);
    // The national scope (trigram index), a province, a commune (its people scanned).
    for (const [username, unit] of [
      ["admin", root],
      ["canbo.tinh1", p1],
      ["canbo.xa", commune],
    ] as const) {
      const client = await t.as(username);
      const total = await expected(unit.path, family);
      expect(total, username).toBeGreaterThan(2);
      const first = await client.get(`/api/people?q=${encodeURIComponent(family)}&pageSize=2`);
      expect(first.status).toBe(200);
      expect(first.body.total, username).toBe(total);
      expect(first.body.items).toHaveLength(2);
      for (const p of first.body.items as { fullName: string }[])
        expect(foldForSearch(p.fullName)).toContain(family);
      const last = Math.ceil(total / 2);
      const end = await client.get(`/api/people?q=${encodeURIComponent(family)}&pageSize=2&page=${last}`);
      expect(end.body.total).toBe(total);
      expect(end.body.items.length).toBe(total - 2 * (last - 1));
      const past = await client.get(
        `/api/people?q=${encodeURIComponent(family)}&pageSize=2&page=${last + 1}`,
      );
      expect(past.body).toMatchObject({ items: [], total });
    }
    // Nothing found: an empty first page with a zero total.
    const none = await (await t.as("admin")).get("/api/people?q=zzzkhongco");
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });
});
