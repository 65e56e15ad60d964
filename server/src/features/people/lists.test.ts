import { and, asc, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { vnToday } from "../../lib/dates.ts";
import { EXACT_TOTAL_UP_TO } from "../../lib/pagination.ts";
import { units } from "../units/schema.ts";
import { people } from "./schema.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** People whose kept levels differ from their unit's path (migration 0023's triggers). */
async function strayLevels() {
  const result = (await t.database.db.execute(sql`
    select count(*)::int as n from people p join units u on u.id = p.unit_id
    where p.level1_id is distinct from nullif(split_part(u.path, '/', 3), '')::uuid
       or p.level2_id is distinct from nullif(split_part(u.path, '/', 4), '')::uuid`)) as unknown as {
    rows: { n: number }[];
  };
  return Number(result.rows[0]?.n);
}

/** A subtree's people (of a status) in list order, read the plain way: the reference. */
async function reference(unitId: string, status?: "active") {
  const [unit] = await t.database.db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  const path = unit?.path ?? "/none/";
  const rows = await t.database.db
    .select({ id: people.id })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(like(units.path, `${path}%`), status ? eq(people.status, status) : undefined))
    .orderBy(asc(people.sortKey), asc(people.id));
  return rows.map((r) => r.id);
}

/** Every page of a list, concatenated, and each page's total. */
async function allPages(username: string, url: (page: number) => string, idOf: (item: any) => string) {
  const client = await t.as(username);
  const ids: string[] = [];
  const totals = new Set<number>();
  for (let page = 1; ; page++) {
    const res = await client.get(url(page));
    expect(res.status, url(page)).toBe(200);
    totals.add(res.body.total);
    expect(res.body.totalIsEstimate, url(page)).toBeUndefined();
    ids.push(...(res.body.items as unknown[]).map(idOf));
    if (res.body.items.length < res.body.pageSize) break;
  }
  return { ids, totals: [...totals] };
}

describe("lists of people read in index order", () => {
  it("show the same rows in the same order as the plain subtree query, at every scope, with exact totals", async () => {
    const { root, p1, commune, grassroots, cell1 } = t.demo.tree;
    for (const [username, unit] of [
      ["admin", root],
      ["admin", p1],
      ["canbo.tinh1", p1],
      ["canbo.tinh1", commune],
      ["canbo.xa", commune],
      ["canbo.xa", grassroots],
      ["canbo.xa", cell1],
    ] as const) {
      const expected = await reference(unit.id);
      expect(expected.length, unit.name).toBeGreaterThan(3);
      const list = await allPages(
        username,
        (page) => `/api/people?unitId=${unit.id}&pageSize=7&page=${page}`,
        (p) => p.id,
      );
      expect(list.ids, `${username} ${unit.name}`).toEqual(expected);
      expect(list.totals).toEqual([expected.length]);
      // The commitments of the year: the active members, in the same order.
      const active = await reference(unit.id, "active");
      const commitments = await allPages(
        username,
        (page) => `/api/units/${unit.id}/commitments?pageSize=7&page=${page}`,
        (c) => c.personId,
      );
      expect(commitments.ids, `${username} ${unit.name} commitments`).toEqual(active);
      expect(commitments.totals).toEqual([active.length]);
    }
  });

  it("keep each person's province and commune levels through inserts, transfers and moves of subtrees", async () => {
    const { p1, p2, commune, cell1 } = t.demo.tree;
    expect(await strayLevels()).toBe(0);
    const admin = await t.as("admin");
    // A new person takes the levels of their cell.
    const created = await admin.post("/api/people", { fullName: "Lê Thị Mới", unitId: cell1.id });
    expect(created.status).toBe(201);
    const [born] = await t.database.db
      .select({ level1: people.level1Id, level2: people.level2Id })
      .from(people)
      .where(eq(people.id, created.body.person.id));
    expect(born).toEqual({ level1: p1.id, level2: commune.id });
    // A transfer to another province's unit.
    const [far] = await t.database.db
      .select({ id: units.id })
      .from(units)
      .where(and(like(units.path, `${p2.path}%`), sql`${units.depth} >= 3`))
      .limit(1);
    const moved = await admin.post(`/api/people/${created.body.person.id}/transfer`, {
      toUnitId: far?.id,
      on: vnToday(),
    });
    expect(moved.status).toBe(200);
    const [after] = await t.database.db
      .select({ level1: people.level1Id })
      .from(people)
      .where(eq(people.id, created.body.person.id));
    expect(after?.level1).toBe(p2.id);
    // A whole commune moved to the other province: its people follow, and the lists with them.
    const before = await reference(commune.id);
    const res = await admin.post(`/api/units/${commune.id}/move`, { parentId: p2.id, on: vnToday() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await strayLevels()).toBe(0);
    expect(await reference(commune.id)).toEqual(before);
    const ofP2 = await allPages(
      "admin",
      (page) => `/api/people?unitId=${p2.id}&pageSize=200&page=${page}`,
      (p) => p.id,
    );
    expect(ofP2.ids).toEqual(await reference(p2.id));
    for (const id of before) expect(ofP2.ids).toContain(id);
  });

  it("count a total up to 10,000 and estimate a bigger one, flagged", async () => {
    const { commune, cell2 } = t.demo.tree;
    const officer = await t.as("canbo.xa");
    const exact = await officer.get(`/api/people?unitId=${cell2.id}&pageSize=1`);
    expect(exact.body.totalIsEstimate).toBeUndefined();
    expect(exact.body.total).toBe((await reference(cell2.id)).length);
    // Enough people for the commune to pass the bound (written the set-based way: the triggers
    // still give each one its levels).
    const already = (await reference(commune.id)).length;
    const extra = EXACT_TOTAL_UP_TO + 50 - already;
    await t.database.db.execute(sql`
      insert into people (id, full_name, sort_key, search_text, unit_id)
      select gen_random_uuid(), 'Người thứ ' || g, 'zz' || lpad(g::text, 6, '0'), 'nguoi thu ' || g, ${cell2.id}::uuid
      from generate_series(1, ${extra}) g`);
    await t.database.db.execute(sql`analyze people`);
    expect(await strayLevels()).toBe(0);
    const big = await officer.get(`/api/people?unitId=${commune.id}&pageSize=50`);
    expect(big.status).toBe(200);
    expect(big.body.totalIsEstimate, JSON.stringify({ ...big.body, items: [] })).toBe(true);
    expect(big.body.total).toBeGreaterThan(EXACT_TOTAL_UP_TO);
    expect(big.body.items).toHaveLength(50);
    // The page is still the list's first 50, in order.
    expect(big.body.items.map((p: { id: string }) => p.id)).toEqual(
      (await reference(commune.id)).slice(0, 50),
    );
    // A filter that leaves fewer than the bound is counted exactly again.
    const few = await officer.get(`/api/people?unitId=${commune.id}&status=transferred`);
    expect(few.body.totalIsEstimate).toBeUndefined();
  });
});
