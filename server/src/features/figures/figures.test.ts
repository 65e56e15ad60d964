import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { vnToday } from "../../lib/dates.ts";
import { ageSegments, personContributions } from "../people/figures.ts";
import { people } from "../people/schema.ts";
import { type UnitRow, units } from "../units/schema.ts";
import { CARRIED_BEFORE, FOLD_GRAINS, figuresAt, figuresOfUnits, readPlan } from "./figures.ts";
import { figureSources, rebuildFigures, rebuildFoldedLayout } from "./rebuild.ts";
import { subtreeFigures, unitFigures } from "./schema.ts";

describe("contribution rules", () => {
  it("age bands change on 1 January of the year a member reaches 31, 41, …", () => {
    expect(ageSegments(1995, "2020-05-01", null).map((s) => [s.band, s.from])).toEqual([
      ["upTo30", "2020-05-01"],
      ["31to40", "2026-01-01"],
      ["41to50", "2036-01-01"],
      ["51to60", "2046-01-01"],
      ["61to70", "2056-01-01"],
      ["over70", "2066-01-01"],
    ]);
    // Leaving ends the segments; a transition on the leaving day does not happen.
    expect(ageSegments(1960, "1985-03-01", "2001-01-01").map((s) => s.band)).toEqual(["upTo30", "31to40"]);
  });

  it("a transferred member counts in each unit for the days they were there, in their age band", () => {
    const deltas = personContributions(
      {
        unitId: "B",
        status: "active",
        statusOn: null,
        joinedOn: "2010-06-01",
        gender: "female",
        birthDate: "1985-02-03",
      },
      [{ fromUnitId: "A", toUnitId: "B", on: "2018-04-01" }],
    );
    const at = (unitId: string, metric: string, day: string) =>
      deltas
        .filter((d) => d.unitId === unitId && d.metric === metric && d.on <= day)
        .reduce((s, d) => s + d.delta, 0);
    expect(at("A", "people.active", "2015-01-01")).toBe(1);
    expect(at("A", "people.active", "2018-04-01")).toBe(0);
    expect(at("B", "people.active", "2018-04-01")).toBe(1);
    expect(at("A", "people.active.age:upTo30", "2015-12-31")).toBe(1); // 2015 − 1985 = 30
    expect(at("A", "people.active.age:31to40", "2016-01-01")).toBe(1);
    expect(at("B", "people.active.age:31to40", "2020-01-01")).toBe(1);
    expect(at("B", "people.active.age:41to50", "2026-01-01")).toBe(1);
    expect(at("B", "people.active.gender:female", "2026-01-01")).toBe(1);
  });
});

describe("reading figures", () => {
  it("plans the fewest scans: year ends read years only, month ends no days, deep units their own rows", () => {
    const all = ["y", "m", "d"] as const;
    expect(readPlan(all, "2026-11-29")).toEqual([
      { source: "y", from: null, until: "2026-01-01" },
      { source: "m", from: "2026-01-01", until: "2026-11-01" },
      { source: "d", from: "2026-11-01", until: "2026-11-30" },
    ]);
    expect(readPlan(all, "2025-12-31")).toEqual([{ source: "y", from: null, until: "2026-01-01" }]);
    expect(readPlan(all, "2026-02-28")).toEqual([
      { source: "y", from: null, until: "2026-01-01" },
      { source: "m", from: "2026-01-01", until: "2026-03-01" },
    ]);
    expect(readPlan(["y"], "2026-06-15")).toEqual([
      { source: "y", from: null, until: "2026-01-01" },
      { source: "own", from: "2026-01-01", until: "2026-06-16" },
    ]);
    expect(readPlan([], "2026-06-15")).toEqual([{ source: "own", from: null, until: "2026-06-16" }]);
  });

  it("reads the history before CARRIED_BEFORE from the carried bucket, older days from their years", () => {
    expect(CARRIED_BEFORE).toBe("2025-01-01");
    const carried = ["c", "y", "m", "d"] as const;
    const carriedBucket = { source: "c", from: "2025-01-01", until: "2025-01-02" };
    expect(readPlan(carried, "2026-11-29")).toEqual([
      carriedBucket,
      { source: "y", from: "2025-01-01", until: "2026-01-01" },
      { source: "m", from: "2026-01-01", until: "2026-11-01" },
      { source: "d", from: "2026-11-01", until: "2026-11-30" },
    ]);
    expect(readPlan(carried, "2024-12-31")).toEqual([carriedBucket]);
    expect(readPlan(carried, "2025-03-31")).toEqual([
      carriedBucket,
      { source: "m", from: "2025-01-01", until: "2025-04-01" },
    ]);
    // Month and day buckets are kept from CARRIED_BEFORE on: inside an older year, own rows.
    expect(readPlan(carried, "2024-06-30")).toEqual([
      { source: "y", from: null, until: "2024-01-01" },
      { source: "own", from: "2024-01-01", until: "2024-07-01" },
    ]);
    expect(readPlan(carried, "2020-12-31")).toEqual([{ source: "y", from: null, until: "2021-01-01" }]);
    expect(readPlan(["c", "y", "m"], "2026-06-15")).toEqual([
      carriedBucket,
      { source: "y", from: "2025-01-01", until: "2026-01-01" },
      { source: "m", from: "2026-01-01", until: "2026-06-01" },
      { source: "own", from: "2026-06-01", until: "2026-06-16" },
    ]);
  });
});

describe("figures after reorganisations equal figures rebuilt from the records", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const days = [
    "1999-06-15",
    "2016-01-01",
    "2020-12-31",
    "2025-06-30",
    "2026-03-01",
    vnToday(),
    "2031-01-01",
  ];
  const snapshot = async (list: UnitRow[]) => {
    const out: Record<string, Record<string, number>> = {};
    for (const u of list) {
      const maps = (await figuresAt(t.database.db, { id: u.id }, days)) ?? [];
      maps.forEach((m, i) => {
        out[`${u.id} ${u.name} @ ${days[i]}`] = Object.fromEntries([...m].sort());
      });
    }
    return out;
  };

  it("after moves, merges, transfers and departures, every level and day agrees with a full rebuild", async () => {
    const admin = await t.as("admin");
    const { root, p1, p2, commune, grassroots, cell1, cell2 } = t.demo.tree;
    // A cell moves to another province's commune; a grassroots organisation moves up under a province
    // (its depth changes, so it starts keeping folded figures); two communes merge.
    const p2Communes = await t.database.db.select().from(units).where(eq(units.parentId, p2.id));
    const otherCommune = p2Communes[0] as UnitRow;
    expect(
      (await admin.post(`/api/units/${cell2.id}/move`, { parentId: otherCommune.id, on: "2024-05-01" }))
        .status,
    ).toBe(200);
    expect(
      (await admin.post(`/api/units/${grassroots.id}/move`, { parentId: p2.id, on: "2025-09-01" })).status,
    ).toBe(200);
    const p1Communes = (await t.database.db.select().from(units).where(eq(units.parentId, p1.id))).filter(
      (c) => c.id !== commune.id,
    );
    const [a, b] = p1Communes as [UnitRow, UnitRow];
    expect(
      (await admin.post("/api/units/merge", { sourceIds: [a.id], targetId: b.id, on: "2026-02-01" })).status,
    ).toBe(200);
    // A member leaves; another transfers between cells.
    const [leaver, mover] = await t.database.db
      .select()
      .from(people)
      .where(and(eq(people.unitId, cell1.id), eq(people.status, "active")))
      .limit(2);
    const leave = await admin.patch(`/api/people/${leaver?.id}`, {
      version: leaver?.version,
      status: "deceased",
      statusOn: "2026-01-15",
    });
    expect(leave.status).toBe(200);
    const transfer = await admin.post(`/api/people/${mover?.id}/transfer`, {
      toUnitId: cell2.id,
      on: "2025-03-10",
    });
    expect(transfer.status).toBe(200);

    const subtreeOfP1 = await t.database.db
      .select()
      .from(units)
      .where(like(units.path, `${p1.path}%`));
    const sample = [root, p1, p2, otherCommune, b, grassroots, cell1, cell2, ...subtreeOfP1.slice(0, 12)];
    const incremental = await snapshot(sample);
    expect(incremental[`${root.id} ${root.name} @ ${days[5]}`]?.["people.active"]).toBeGreaterThan(100);

    // Read another way: every own row of the subtree up to the day, summed (no buckets at all).
    for (const u of sample) {
      const [fresh] = await t.database.db.select().from(units).where(eq(units.id, u.id));
      for (const day of days) {
        const rows = (await t.database.db.execute(sql`
          select o.metric, sum(o.value)::bigint as value from units x join unit_figures o on o.unit_id = x.id
          where x.path like ${`${fresh?.path}%`} and o.day <= ${day}::date group by o.metric having sum(o.value) <> 0`)) as unknown as {
          rows: { metric: string; value: string | number }[];
        };
        const direct = Object.fromEntries(rows.rows.map((r) => [r.metric, Number(r.value)]).sort());
        expect(incremental[`${u.id} ${u.name} @ ${day}`], `${u.name} @ ${day}`).toEqual(direct);
      }
    }

    // The batch read (every sampled unit in one statement, a metric filter or none) reads the same.
    const batch = await figuresOfUnits(
      t.database.db,
      sample.map((u) => u.id),
      days,
    );
    const filtered = await figuresOfUnits(
      t.database.db,
      sample.map((u) => u.id),
      days,
      ["people.active", "units.total"],
    );
    for (const u of sample)
      days.forEach((day, i) => {
        const single = incremental[`${u.id} ${u.name} @ ${day}`] ?? {};
        expect(Object.fromEntries([...(batch.get(u.id)?.[i] ?? [])].sort()), `${u.name} @ ${day}`).toEqual(
          single,
        );
        expect(Object.fromEntries([...(filtered.get(u.id)?.[i] ?? [])].sort())).toEqual(
          Object.fromEntries(
            Object.entries(single).filter(([k]) => k === "people.active" || k === "units.total"),
          ),
        );
      });

    await t.database.db.transaction((tx) => rebuildFigures(tx));
    expect(await snapshot(sample)).toEqual(incremental);
    // One source alone (what a start does when only that module's rules changed).
    const peopleOnly = figureSources().filter((s) => s.name === "people");
    await t.database.db.transaction((tx) => rebuildFigures(tx, { sources: peopleOnly }));
    expect(await snapshot(sample)).toEqual(incremental);
    // The folded rows alone, from the own figures (what a start does when their layout changed).
    const folded = async () =>
      (
        (await t.database.db.execute(sql`
          select unit_id, grain, period_start::text, metric, sum(value)::bigint::text as value from subtree_figures
          group by 1, 2, 3, 4 having sum(value) <> 0 order by 1, 2, 3, 4`)) as unknown as { rows: unknown[] }
      ).rows;
    const before = await folded();
    expect(before.some((r) => (r as { grain: string }).grain === "c")).toBe(true);
    await t.database.db.transaction((tx) => rebuildFoldedLayout(tx));
    expect(await folded()).toEqual(before);
    expect(await snapshot(sample)).toEqual(incremental);
  });

  it("the figures are compact: history is one row per key, only buckets holding today are sharded", async () => {
    const today = vnToday();
    const db = t.database.db;
    const ownPeople = await db.$count(unitFigures, sql`${unitFigures.metric} like 'people.%'`);
    const persons = await db.$count(people);
    // A handful of rows per person: joining, gender, age band and its transitions (a cell's people share keys).
    expect(ownPeople / persons).toBeLessThan(12);
    expect(
      await db.$count(unitFigures, sql`${unitFigures.shard} <> 0 and ${unitFigures.day} <> ${today}::date`),
    ).toBe(0);
    const oldSharded = await db.$count(
      subtreeFigures,
      sql`${subtreeFigures.shard} <> 0 and ${subtreeFigures.periodStart} <> date_trunc(case ${subtreeFigures.grain} when 'y' then 'year' when 'm' then 'month' else 'day' end, ${today}::timestamp)::date`,
    );
    expect(oldSharded).toBe(0);
    // Folded rows exist only for the upper levels.
    const deep = await db.$count(
      subtreeFigures,
      sql`${subtreeFigures.unitId} in (select id from units where depth >= ${FOLD_GRAINS.length})`,
    );
    expect(deep).toBe(0);
  });
});
