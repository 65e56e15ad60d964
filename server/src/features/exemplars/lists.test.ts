import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { allPages, generator, idsOf, listCallers, listUnits } from "../../../test/list-pages.ts";
import { booklets } from "../booklets/schema.ts";
import { campaignFields } from "../recognition/schema.ts";
import type { UnitRow } from "../units/schema.ts";
import { exemplars } from "./schema.ts";

// The exemplar lists merge two id sets (every recognised exemplar, the subtree's others), the
// booklets read the subtree's and the ancestors' by unit id, the root reads the tables in index
// order: compared here, page by page, with the plain queries they replace, at every scope.

let t: TestContext;
let units: Record<string, UnitRow>;
beforeAll(async () => {
  t = await createTestContext();
  units = listUnits(t);
  await seed();
});
afterAll(() => t.close());

/** Exemplars in every state all over the tree, and booklets, with ties in every sort key. */
async function seed() {
  const db = t.database.db;
  const rnd = generator(29);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)] as T;
  const list = Object.values(units);
  const [field] = await db.select({ id: campaignFields.id }).from(campaignFields).limit(1);
  if (!field) throw new Error("no field");
  const days = ["2025-02-01", "2025-05-01", "2025-05-02"];
  await db.insert(exemplars).values(
    Array.from({ length: 70 }, (_, i) => {
      const unit = pick(list);
      const status = pick(["draft", "submitted", "returned", "recognised", "recognised"] as const);
      return {
        kind: "collective" as const,
        unitId: unit.id,
        subjectUnitId: unit.id,
        title: `${pick(["An", "Bình", "Cường"])} ${i % 5}`,
        fieldId: field.id,
        registeredOn: pick(days),
        status,
        recognisedOn: status === "recognised" ? pick(days) : null,
        isPublic: status === "recognised" && rnd() < 0.6,
        searchVector: i % 3 === 0 ? sql`to_tsvector('simple', 'guong mau')` : sql`''::tsvector`,
      };
    }),
  );
  const times = [0, 1, 2].map((h) => new Date(Date.UTC(2026, 0, 5, h)));
  await db.insert(booklets).values(
    Array.from({ length: 40 }, (_, i) => ({
      unitId: pick(list).id,
      title: `Tập ${i}`,
      updatedAt: pick(times),
    })),
  );
}

const ids = (query: SQL) => idsOf(t, query);

const orders = {
  recent: sql`e.registered_on desc, e.id desc`,
  title: sql`e.title asc, e.id asc`,
  relevance: sql`ts_rank(e.search_vector, to_tsquery('simple', 'mau:*')) desc, e.id desc`,
};

/** The plain queries the lists replace (their visibility rules, their order). */
const reference = {
  exemplars: (path: string, scope: "all" | "mine", order: SQL, extra: SQL = sql`true`) =>
    ids(sql`select e.id from exemplars e join units o on o.id = e.unit_id
      where (o.path like ${`${path}%`} ${scope === "all" ? sql`or e.status = 'recognised'` : sql``}) and ${extra}
      order by ${order}`),
  public: () =>
    ids(sql`select e.id from exemplars e where e.status = 'recognised' and e.is_public
      order by e.recognised_on desc, e.id desc`),
  booklets: (path: string) =>
    ids(sql`select b.id from booklets b join units u on u.id = b.unit_id
      where u.path like ${`${path}%`} or ${path} like u.path || '%'
      order by b.updated_at desc, b.id desc`),
};

describe("exemplar and booklet lists read from id sets", () => {
  it("list the same exemplars in the same order as the plain query, at every scope, sort and filter", async () => {
    for (const [username, unit] of listCallers) {
      const path = units[unit]?.path as string;
      for (const scope of ["all", "mine"] as const)
        for (const sort of ["recent", "title"] as const) {
          const expected = await reference.exemplars(path, scope, orders[sort]);
          expect(expected.length, `${unit} ${scope}`).toBeGreaterThan(7);
          const list = await allPages(t, username, `/api/exemplars?scope=${scope}&sort=${sort}`);
          expect(list.ids, `${username} ${scope} ${sort}`).toEqual(expected);
          expect(list.totals).toEqual([expected.length]);
        }
      const searched = await reference.exemplars(
        path,
        "all",
        orders.relevance,
        sql`e.search_vector @@ to_tsquery('simple', 'mau:*')`,
      );
      expect(searched.length).toBeGreaterThan(0);
      expect((await allPages(t, username, "/api/exemplars?q=mẫu&sort=relevance")).ids, username).toEqual(
        searched,
      );
      const inCommune = await reference.exemplars(
        path,
        "all",
        orders.recent,
        sql`o.path like ${`${units.commune?.path}%`} and e.status = 'recognised'`,
      );
      expect(
        (await allPages(t, username, `/api/exemplars?unitId=${units.commune?.id}&status=recognised`)).ids,
      ).toEqual(inCommune);
    }
    const showcase = await reference.public();
    expect(showcase.length).toBeGreaterThan(7);
    expect((await allPages(t, null, "/api/public/exemplars")).ids).toEqual(showcase);
  });

  it("list the same booklets in the same order as the plain query, at every scope", async () => {
    for (const [username, unit] of listCallers) {
      const expected = await reference.booklets(units[unit]?.path as string);
      expect(expected.length, unit).toBeGreaterThan(7);
      const list = await allPages(t, username, "/api/booklets");
      expect(list.ids, username).toEqual(expected);
      expect(list.totals).toEqual([expected.length]);
    }
  });
});
