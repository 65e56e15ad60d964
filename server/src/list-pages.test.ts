// The lists whose page is read a part at a time (issue 13: a depth of the tree at a time, index-
// served sets instead of an OR of subtree conditions, the page's ids before its details) show the
// same rows in the same order as the plain query they replace — its WHERE and ORDER BY, written
// here as they were — for callers at the root, a province, a commune and below, every page
// concatenated, with exact totals.
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../test/factories.ts";
import { createTestContext, type TestContext } from "../test/harness.ts";
import { rebuildReportCounts } from "./features/reports/counts.ts";
import type { UnitRow } from "./features/units/schema.ts";

let t: TestContext;
/** A province admin: the audit log below the root. */
let provinceAdmin: { username: string; password: string };

/** 0…255 from some text: the seeds' deterministic choices. */
const h = (expr: string) => `get_byte(decode(md5(${expr}), 'hex'), 0)`;

beforeAll(async () => {
  t = await createTestContext();
  const run = (text: string) => t.database.db.execute(sql.raw(text));
  // Ties in the name order (many units share a sort key, the id decides).
  await run(`update units set sort_key = substr(sort_key, 1, 4) where depth >= 2`);
  // Plans: annual and whole-term, draft and issued, at every depth.
  await run(`insert into plans (id, unit_id, kind, term, start_year, end_year, title, status, number, number_term, issued_on)
    select gen_random_uuid(), u.id, k.kind, k.term, k.y0, k.y1, 'Kế hoạch ' || g, s.status,
           case when s.status = 'issued' then 100 + g end, case when s.status = 'issued' then '2025-2030' end,
           case when s.status = 'issued' then date '2026-01-05' end
    from units u cross join generate_series(1, 3) g
    cross join lateral (select ${h("u.id::text || g")} as r) x
    cross join lateral (select case when x.r % 2 = 0 then 'annual' else 'whole_term' end as kind,
                               case when x.r % 2 = 0 then null else '2025-2030' end as term,
                               case when x.r % 2 = 0 then 2024 + x.r % 3 else 2025 end as y0,
                               case when x.r % 2 = 0 then 2024 + x.r % 3 else 2030 end as y1) k
    cross join lateral (select case when x.r % 4 = 0 then 'draft' else 'issued' end as status) s
    where x.r % 3 <> 0`);
  // Standards (one per unit) with their version in force, at every depth but not every unit.
  await run(`with s as (
      insert into standards (id, unit_id)
      select gen_random_uuid(), u.id from units u
      where ${h("u.id::text || 's'")} % 5 <> 0 and not exists (select 1 from standards x where x.unit_id = u.id)
      returning id)
    insert into standard_versions (id, standard_id, number, title, items, effective_on)
    select gen_random_uuid(), s.id, 1, 'Chuẩn mực', '[]', date '2026-01-01' from s`);
  // Library documents down to the grassroots, on a few days (ties on the day).
  await run(`insert into library_documents (id, unit_id, kind, number, title, issued_on)
    select gen_random_uuid(), u.id, (array['directive','conclusion','guidance','material','bulletin'])[1 + ${h("u.id::text || g || 'k'")} % 5],
           g || '-CT', 'Văn bản ' || g, date '2026-01-01' + ${h("u.id::text || g || 'd'")} % 12
    from units u cross join generate_series(1, 3) g
    where u.depth <= 3 and ${h("u.id::text || g || 'l'")} % 3 <> 0`);
  // Topics by year down to the communes; study sessions of the cells and above.
  await run(`insert into topics (id, unit_id, year, title)
    select gen_random_uuid(), u.id, y, 'Chuyên đề ' || y from units u cross join generate_series(2024, 2026) y
    where u.depth <= 2 and ${h("u.id::text || y")} % 2 = 0
      and not exists (select 1 from topics x where x.unit_id = u.id and x.year = y)`);
  await run(`insert into study_sessions (id, unit_id, topic_id, held_on)
    select gen_random_uuid(), u.id, th.id, date '2026-02-01' + ${h("u.id::text || g || 'h'")} % 9
    from units u cross join generate_series(1, 3) g
    cross join lateral (select id from topics order by ${h("id::text || u.id::text || g")} limit 1) th
    where u.depth >= 2 and ${h("u.id::text || g || 'n'")} % 3 <> 0`);
  // Report schedules and requests at the upper levels, with reports of the units below them.
  await run(`insert into report_schedules (id, unit_id, title, recurrence, starts_on, targets, sections)
    select gen_random_uuid(), u.id, 'Lịch ' || g, 'annual', date '2026-01-01', '{"levels":[1]}', '[]'
    from units u cross join generate_series(1, 2) g where u.depth <= 3 and ${h("u.id::text || g || 'r'")} % 2 = 0`);
  await run(`insert into report_requests (id, unit_id, title, kind, period_start, period_end, due_on, targets, sections)
    select gen_random_uuid(), u.id, 'Yêu cầu ' || g, 'annual', date '2025-01-01',
           date '2025-06-30' + (${h("u.id::text || g || 'q'")} % 3) * 92, date '2026-01-31', '{"levels":[1]}', '[]'
    from units u cross join generate_series(1, 2) g
    where u.depth = 0 or (u.depth <= 2 and ${h("u.id::text || g || 'q'")} % 3 <> 2)`);
  await run(`insert into reports (id, request_id, unit_id, original_unit_id, role, status, counted, first_submitted_at, timeliness)
    select gen_random_uuid(), q.id, u.id, u.id, 'target',
           (array['not_started','draft','submitted','returned','accepted'])[1 + ${h("q.id::text || u.id::text")} % 5],
           ${h("q.id::text || u.id::text || 'c'")} % 7 <> 0,
           case when ${h("q.id::text || u.id::text")} % 5 >= 2 then now() end,
           case when ${h("q.id::text || u.id::text")} % 5 >= 2 then (array['on_time','late'])[1 + ${h("u.id::text")} % 2] end
    from report_requests q join units r on r.id = q.unit_id join units u on u.path like r.path || '%' and u.id <> r.id
    where not exists (select 1 from reports x where x.request_id = q.id and x.unit_id = u.id)`);
  // Their completeness counters, as the commands keep them (the unfiltered list's total reads them).
  await rebuildReportCounts(t.database.db);
  // Models in every state, some on the public showcase, and their adoptions.
  await run(`insert into practices (id, kind, title, field_id, unit_id, registered_on, status, recognised_on, is_public)
    select gen_random_uuid(), 'collective', 'Mô hình ' || g, (select id from campaign_fields order by sort_order limit 1), u.id,
           date '2025-06-01' + ${h("u.id::text || g || 'p'")} % 20, st.status,
           case when st.status = 'recognised' then date '2026-03-01' + ${h("u.id::text || g || 'o'")} % 6 end,
           st.status = 'recognised' and ${h("u.id::text || g || 'v'")} % 4 <> 0
    from units u cross join generate_series(1, 3) g
    cross join lateral (select (array['draft','submitted','returned','recognised','recognised'])[1 + ${h("u.id::text || g || 's'")} % 5] as status) st
    where u.depth >= 1 and ${h("u.id::text || g || 'm'")} % 2 = 0`);
  await run(`insert into adoptions (id, practice_id, unit_id, started_on)
    select gen_random_uuid(), p.id, u.id, date '2026-04-01' + ${h("p.id::text || u.id::text || 'a'")} % 5
    from practices p cross join units u
    where p.status = 'recognised' and u.depth >= 2 and ${h("p.id::text || u.id::text")} % 6 = 0
      and not exists (select 1 from adoptions x where x.practice_id = p.id and x.unit_id = u.id)`);
  // Accounts everywhere, and audit entries of every depth and of none.
  await run(`insert into users (id, username, display_name, password_hash, role, unit_id)
    select gen_random_uuid(), 'zz.' || substr(md5(u.id::text || g), 1, 10), 'Tài khoản ' || g, 'x', 'member', u.id
    from units u cross join generate_series(1, 2) g where ${h("u.id::text || g || 'u'")} % 3 <> 0`);
  await run(`insert into audit_log (id, at, unit_id, entity, action)
    select gen_random_uuid(), now() - make_interval(secs => ${h("u.id::text || g || 't'")}), case when g = 3 then null else u.id end, 'test', 'seeded'
    from units u cross join generate_series(1, 3) g where ${h("u.id::text || g || 'e'")} % 2 = 0`);
  const created = await buildUser(t.database.db, { role: "admin", unit: t.demo.tree.p1 });
  provinceAdmin = { username: created.user.username, password: created.password };
});
afterAll(() => t.close());

/** The ids of a plain query, in its order. */
async function ids(query: SQL) {
  return ((await t.database.db.execute(query)) as unknown as { rows: { id: string }[] }).rows.map(
    (r) => r.id,
  );
}
/** The ids on a unit's path (its own last), as a PostgreSQL array literal. */
const ancestorsOf = (u: { path: string }) => `{${u.path.split("/").filter(Boolean).join(",")}}`;
const like = (u: { path: string }) => `${u.path}%`;

/** Every page of a list (7 a page), concatenated, and the totals the pages gave. */
async function allPages(username: string, url: string, password?: string) {
  const client = await t.as(username, password);
  const got: string[] = [];
  const totals = new Set<number>();
  for (let page = 1; page < 200; page++) {
    const res = await client.get(`${url}${url.includes("?") ? "&" : "?"}pageSize=7&page=${page}`);
    expect(res.status, `${username} ${url} page ${page}`).toBe(200);
    totals.add(res.body.total);
    got.push(...(res.body.items as { id: string }[]).map((i) => i.id));
    if (res.body.items.length < 7) break;
  }
  return { ids: got, totals: [...totals] };
}

async function expectSame(username: string, url: string, expected: string[], password?: string) {
  const list = await allPages(username, url, password);
  expect(list.ids, `${username} ${url}`).toEqual(expected);
  expect(list.totals, `${username} ${url} totals`).toEqual([expected.length]);
}

/** The callers and the unit each one sees the lists from. */
function callers() {
  const { root, p1, commune, grassroots, cell1 } = t.demo.tree;
  return [
    { username: "admin", unit: root },
    { username: "canbo.tinh1", unit: p1 },
    { username: "canbo.xa", unit: commune },
    { username: "canbo.coso", unit: grassroots },
    { username: "bithu.chibo1", unit: cell1 },
  ];
}

describe("lists read a part at a time show the plain query's rows in its order", () => {
  it("plans: every scope, seen from the caller's unit and from units below it, with filters", async () => {
    const { root, p1, commune } = t.demo.tree;
    const views: [string, UnitRow, UnitRow][] = [
      ["admin", root, root],
      ["admin", root, p1],
      ["admin", root, commune],
      ["canbo.tinh1", p1, p1],
      ["canbo.tinh1", p1, commune],
      ["canbo.xa", commune, commune],
    ];
    let seen = 0;
    for (const [username, actor, unit] of views)
      for (const scope of ["all", "unit", "above", "below"] as const)
        for (const filter of ["", "&year=2025", "&kind=annual&status=issued"]) {
          const above = `{${unit.path
            .split("/")
            .filter((id) => id && id !== unit.id)
            .join(",")}}`;
          const scoped = {
            all: sql`(u.path like ${like(unit)} or (p.unit_id = any(${above}::uuid[]) and p.status = 'issued'))`,
            unit: sql`p.unit_id = ${unit.id}`,
            above: sql`(p.unit_id = any(${above}::uuid[]) and p.status = 'issued')`,
            below: sql`(u.path like ${like(unit)} and p.unit_id <> ${unit.id})`,
          }[scope];
          const filters = {
            "": sql``,
            "&year=2025": sql`and p.start_year <= 2025 and p.end_year >= 2025`,
            "&kind=annual&status=issued": sql`and p.kind = 'annual' and p.status = 'issued'`,
          }[filter];
          const expected = await ids(sql`select p.id from plans p join units u on u.id = p.unit_id
            where (u.path like ${like(actor)} or (p.unit_id = any(${ancestorsOf(actor)}::uuid[]) and p.status = 'issued'))
              and ${scoped} ${filters}
            order by u.depth, p.start_year desc, p.kind desc, u.sort_key, p.id desc`);
          seen += expected.length;
          await expectSame(username, `/api/plans?unitId=${unit.id}&scope=${scope}${filter}`, expected);
        }
    expect(seen).toBeGreaterThan(300);
  });

  it("standards, library documents, topics: what is published down, and the chain above", async () => {
    for (const { username, unit } of callers()) {
      const visible = sql`(u.path like ${like(unit)} or ${unit.path} like u.path || '%')`;
      const chain = sql`x.unit_id = any(${ancestorsOf(unit)}::uuid[])`;
      const standards = (where: SQL) =>
        ids(sql`select x.id from standards x join units u on u.id = x.unit_id where ${where}
          order by u.depth desc, u.sort_key, x.id`);
      await expectSame(username, "/api/standards", await standards(visible));
      await expectSame(username, "/api/standards?chain=true", await standards(chain));
      for (const [filter, where] of [
        ["", sql`true`],
        ["?kind=bulletin", sql`x.kind = 'bulletin'`],
        ["?year=2026", sql`x.issued_on >= '2026-01-01' and x.issued_on < '2027-01-01'`],
        [`?unitId=${t.demo.tree.p1.id}`, sql`x.unit_id = ${t.demo.tree.p1.id}`],
      ] as const) {
        const expected = await ids(sql`select x.id from library_documents x join units u on u.id = x.unit_id
          where ${visible} and ${where} order by x.issued_on desc, x.id desc`);
        await expectSame(username, `/api/library${filter}`, expected);
      }
      const topics = (where: SQL) =>
        ids(sql`select x.id from topics x join units u on u.id = x.unit_id where ${where}
          order by x.year desc, u.depth desc, u.sort_key, x.id`);
      await expectSame(username, "/api/topics", await topics(visible));
      await expectSame(username, "/api/topics?chain=true", await topics(chain));
      await expectSame(username, "/api/topics?year=2025", await topics(sql`${visible} and x.year = 2025`));
    }
  });

  it("study sessions, report schedules, requests and reports of a subtree", async () => {
    for (const { username, unit } of callers()) {
      const sessions = (where: SQL) =>
        ids(sql`select x.id from study_sessions x join units u on u.id = x.unit_id join topics th on th.id = x.topic_id
          where u.path like ${like(unit)} and ${where} order by x.held_on desc, x.id desc`);
      await expectSame(username, "/api/study-sessions", await sessions(sql`true`));
      await expectSame(username, "/api/study-sessions?year=2025", await sessions(sql`th.year = 2025`));
      if (username !== "bithu.chibo1") {
        const schedules = await ids(sql`select x.id from report_schedules x join units u on u.id = x.unit_id
          where u.path like ${like(unit)} order by u.depth, x.id desc`);
        await expectSame(username, "/api/report-schedules", schedules);
      }
      const sight = sql`(u.path like ${like(unit)} or x.unit_id = any(${ancestorsOf(unit)}::uuid[]))`;
      for (const [scope, where] of [
        ["all", sight],
        ["issued", sql`u.path like ${like(unit)}`],
        [
          "received",
          sql`exists (select 1 from reports r where r.request_id = x.id and r.unit_id = ${unit.id} and r.role = 'target')`,
        ],
      ] as const) {
        const expected = await ids(sql`select x.id from report_requests x join units u on u.id = x.unit_id
          where ${sight} and ${where} order by x.period_end desc, x.id desc`);
        await expectSame(username, `/api/report-requests?scope=${scope}`, expected);
      }
    }
    // A request's reports, seen from the requester and from units below it, with filters.
    const { root, p1, commune } = t.demo.tree;
    const [request] = await ids(
      sql`select id from report_requests where unit_id = ${root.id} order by id limit 1`,
    );
    expect(request).toBeDefined();
    let reports = 0;
    for (const [username, unit] of [
      ["admin", root],
      ["admin", p1],
      ["canbo.tinh1", p1],
      ["canbo.xa", commune],
    ] as const)
      for (const [filter, where] of [
        ["", sql`true`],
        ["&status=draft", sql`r.status = 'draft'`],
        ["&timeliness=pending", sql`r.first_submitted_at is null`],
      ] as const) {
        const expected = await ids(sql`select r.id from reports r join units u on u.id = r.unit_id
          where r.request_id = ${request} and r.counted and u.path like ${like(unit)} and ${where}
          order by u.depth, u.sort_key, u.id`);
        reports += expected.length;
        await expectSame(
          username,
          `/api/report-requests/${request}/reports?unitId=${unit.id}${filter}`,
          expected,
        );
      }
    expect(reports).toBeGreaterThan(50);
  });

  it("models, the showcase and adoptions; accounts, the audit log and units", async () => {
    const { root, p1, commune } = t.demo.tree;
    for (const { username, unit } of callers()) {
      const atRoot = unit.id === root.id;
      const mine = sql`u.path like ${like(unit)}`;
      for (const [filter, where] of [
        ["", atRoot ? sql`true` : sql`(${mine} or x.status = 'recognised')`],
        ["?scope=mine", atRoot ? sql`true` : mine],
        [
          `?unitId=${p1.id}&status=recognised`,
          sql`${atRoot ? sql`true` : sql`(${mine} or x.status = 'recognised')`} and u.path like ${like(p1)} and x.status = 'recognised'`,
        ],
      ] as const) {
        const expected = await ids(sql`select x.id from practices x join units u on u.id = x.unit_id
          where ${where} order by x.registered_on desc, x.id desc`);
        await expectSame(username, `/api/practices${filter}`, expected);
      }
      if (username !== "bithu.chibo1") {
        const adoptions = await ids(sql`select a.id from adoptions a join units u on u.id = a.unit_id
          where u.path like ${like(unit)} order by a.started_on desc, u.sort_key, a.id`);
        await expectSame(username, "/api/adoptions", adoptions);
      }
      const accounts = await ids(sql`select x.id from users x join units u on u.id = x.unit_id
        where u.path like ${like(unit)} order by x.username`);
      if (username !== "bithu.chibo1") {
        await expectSame(username, "/api/users", accounts);
        const under = await ids(sql`select x.id from users x join units u on u.id = x.unit_id
          where u.path like ${like(unit)} and u.path like ${like(commune)} order by x.username`);
        await expectSame(username, `/api/users?unitId=${commune.id}`, under);
      }
      const tree = await ids(sql`select id from units where path like ${like(unit)} order by path`);
      await expectSame(username, "/api/units", tree);
    }
    const showcase = await ids(sql`select id from practices where status = 'recognised' and is_public
      order by recognised_on desc, id desc`);
    expect(showcase.length).toBeGreaterThan(7);
    await expectSame("canbo.xa", "/api/public/practices", showcase);
    const [popular] = await ids(
      sql`select practice_id as id from adoptions group by 1 order by count(*) desc, 1 limit 1`,
    );
    const adopters = await ids(sql`select a.id from adoptions a join units u on u.id = a.unit_id
      where a.practice_id = ${popular} order by a.started_on desc, u.sort_key, a.id`);
    expect(adopters.length).toBeGreaterThan(7);
    await expectSame("admin", `/api/practices/${popular}/adoptions`, adopters);
    // The audit log: the root's every entry (those without a unit too), a province admin's subtree.
    await t.as(provinceAdmin.username, provinceAdmin.password);
    await t.as("admin");
    const audit = (where: SQL) =>
      ids(sql`select x.id from audit_log x left join units u on u.id = x.unit_id where ${where}
        order by x.at desc, x.id desc`);
    const everything = await audit(sql`(u.path like ${like(root)} or x.unit_id is null)`);
    const list = await allPages("admin", "/api/audit?entity=test");
    expect(list.ids).toEqual(
      await audit(sql`(u.path like ${like(root)} or x.unit_id is null) and x.entity = 'test'`),
    );
    expect(everything.length).toBeGreaterThan(list.ids.length);
    await expectSame(
      provinceAdmin.username,
      "/api/audit?entity=test",
      await audit(sql`u.path like ${like(p1)} and x.entity = 'test'`),
      provinceAdmin.password,
    );
  });
});
