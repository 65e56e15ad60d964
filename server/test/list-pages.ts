// What the list tests share: the demo units they seed around, a deterministic generator, the ids of
// a reference query, and every page of a list read through the API as one caller.
import type { SQL } from "drizzle-orm";
import { expect } from "vitest";
import type { UnitRow } from "../src/features/units/schema.ts";
import type { TestContext } from "./harness.ts";

/** The demo's root, provinces, commune and below, a second province's commune and a sibling commune. */
export function listUnits(t: TestContext): Record<string, UnitRow> {
  const { root, p1, p2, commune, grassroots, cell1, cell2, all } = t.demo.tree;
  const below = (parent: UnitRow, not?: UnitRow) => {
    const found = all.find((u) => u.parentId === parent.id && u.id !== not?.id);
    if (!found) throw new Error(`no unit below ${parent.name}`);
    return found;
  };
  return {
    root,
    p1,
    p2,
    commune,
    grassroots,
    cell1,
    cell2,
    p2commune: below(p2),
    sibling: below(p1, commune),
  };
}

/** A small deterministic generator of numbers in [0, 1). */
export function generator(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** The ids a reference query answers, in its order. */
export const idsOf = async (t: TestContext, query: SQL) =>
  ((await t.database.db.execute(query)) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);

/** The demo's callers at the root, a province, a commune and a grassroots organisation. */
export const listCallers = [
  ["admin", "root"],
  ["canbo.tinh1", "p1"],
  ["canbo.xa", "commune"],
  ["canbo.coso", "grassroots"],
] as const;

/** Every page of a list (pages of 7), concatenated, and each page's total; null: anonymous. */
export async function allPages(
  t: TestContext,
  username: string | null,
  url: string,
  idOf: (item: any) => string = (i) => i.id,
) {
  const client = username ? await t.as(username) : t.anonymous();
  const found: string[] = [];
  const totals = new Set<number>();
  const at = (page: number) => `${url}${url.includes("?") ? "&" : "?"}pageSize=7&page=${page}`;
  for (let page = 1; ; page++) {
    const res = await client.get(at(page));
    expect(res.status, url).toBe(200);
    totals.add(res.body.total);
    found.push(...(res.body.items as unknown[]).map(idOf));
    if (res.body.items.length < res.body.pageSize) break;
  }
  // A page past the end has no row to carry the count: it is counted apart.
  const past = await client.get(at(999));
  expect(past.body.items).toEqual([]);
  totals.add(past.body.total);
  return { ids: found, totals: [...totals] };
}
