// `npm run seed:national`: the national-scale data set, into PostgreSQL only.
//   BENCH_DATABASE_URL (default the local server) — the database `tg_national` is created afresh.
//   --scale 1         1 ≈ 300,000 units and 5.6 million people (0.1 ≈ a tenth of the cells and people)
//   --before-2025     build the 63 provinces as before July 2025 (../shared/data/vn-admin-2025-mapping),
//                     then apply the real merges into the 34 with the application's merge command
//                     and check that the national people totals stay exact.
// Units and people are generated with set-based SQL; the figures are then rebuilt from the records
// by the application's own rebuild (the contribution rules every write applies).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { openPostgres, runMigrations } from "../server/src/db/client.ts";
import { familyNames, givenNames, middleNames } from "../server/src/features/demo/names.ts";
import { figuresAt } from "../server/src/features/figures/figures.ts";
import { rebuildFigures } from "../server/src/features/figures/index.ts";
import { mergeUnits } from "../server/src/features/units/commands/merge-units.ts";
import { unitKinds, units } from "../server/src/features/units/schema.ts";
import { systemCtx } from "../server/src/lib/auth/actor.ts";
import { vnToday } from "../server/src/lib/dates.ts";
import { foldForSearch, vietnameseCollationKey, vietnameseSortKey } from "../server/src/lib/vietnamese.ts";
import { installModules } from "../server/src/modules.ts";
import { seedCommitments } from "./seed-commitments.ts";
import { seedLists } from "./seed-lists.ts";
import { seedPractices } from "./seed-practices.ts";

installModules();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const shared = path.resolve(root, "..", "shared", "data");
const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    "before-2025": { type: "boolean", default: false },
    database: { type: "string", default: "tg_national" },
    "grassroots-per-commune": { type: "string", default: "10" },
    "people-per-cell": { type: "string", default: "21" },
    practices: { type: "string", default: "30000" },
  },
});
const scale = Number(args.scale);
const baseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres";
const GRASSROOTS_PER_COMMUNE = Number(args["grassroots-per-commune"]); // 10: ≈ 33,000 grassroots organisations
const CELLS_PER_GRASSROOTS = Math.max(1, Math.round(8 * scale)); // ≈ 265,000 cells at scale 1
const PEOPLE_PER_CELL = Math.max(6, Number(args["people-per-cell"])); // 21: ≈ 5.6 million people at scale 1

const t0 = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`);

interface Ward {
  Code: string;
  Name: string;
  FullName: string;
}
interface Province {
  Code: string;
  Name: string;
  FullName: string;
  Wards: Ward[];
}
const provinces = JSON.parse(
  fs.readFileSync(path.join(shared, "vn-admin-units", "units.json"), "utf8"),
) as Province[];

// 1. A fresh database with the schema.
const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`drop database if exists ${args.database} with (force)`);
await admin.query(`create database ${args.database}`);
await admin.end();
const u = new URL(baseUrl);
u.pathname = `/${args.database}`;
const url = u.toString();
const database = await openPostgres(url, 4);
await runMigrations(database, url);
const db = database.db;
const exec = async (q: ReturnType<typeof sql>) => (await db.execute(q)) as unknown as { rows: unknown[] };
const kinds = new Map((await db.select().from(unitKinds)).map((k) => [k.code, k.id]));
const kind = (code: string) => kinds.get(code) as string;
log(`database ${args.database} migrated; scale ${scale}`);

// 2. The upper levels, named and coded from the real map.
const rootId = crypto.randomUUID();
type UnitInsert = typeof units.$inferInsert;
const upper: UnitInsert[] = [
  {
    id: rootId,
    parentId: null,
    path: `/${rootId}/`,
    depth: 0,
    name: "Ban Chấp hành Trung ương Đảng",
    code: "TW",
    kindId: kind("central"),
  },
];
const provinceIds = new Map<string, string>();
const communeParents: { ward: Ward; provinceCode: string }[] = [];
let oldProvinces: { id: string; oldId: string; name: string; newCode: string }[] = [];
if (args["before-2025"]) {
  const mapping = JSON.parse(
    fs.readFileSync(path.join(shared, "vn-admin-2025-mapping", "merges.json"), "utf8"),
  ) as {
    data: {
      level1_id: string;
      merges: { old_id: string; name: string }[];
      level2s: { level2_id: string }[];
    }[];
  };
  for (const entry of mapping.data) {
    const olds = [...entry.merges].sort((a, b) => a.old_id.localeCompare(b.old_id));
    const province = provinces.find((p) => p.Code === entry.level1_id);
    if (!province) continue;
    for (const old of olds)
      oldProvinces.push({
        id: crypto.randomUUID(),
        oldId: old.old_id,
        name: old.name,
        newCode: entry.level1_id,
      });
    // The mapping does not say which old province each new commune came from: split them in code order.
    const wards = [...province.Wards].sort((a, b) => a.Code.localeCompare(b.Code));
    wards.forEach((ward, i) => {
      const old = olds[Math.floor((i * olds.length) / wards.length)];
      communeParents.push({ ward, provinceCode: `OLD-${old?.old_id}` });
    });
  }
  oldProvinces = oldProvinces.filter((o, i, all) => all.findIndex((x) => x.oldId === o.oldId) === i);
  for (const old of oldProvinces) {
    provinceIds.set(`OLD-${old.oldId}`, old.id);
    upper.push({
      id: old.id,
      parentId: rootId,
      path: `/${rootId}/${old.id}/`,
      depth: 1,
      name: old.name.replace(/^(Tỉnh|Thành phố) /, (k) => (k === "Tỉnh " ? "Tỉnh ủy " : "Thành ủy ")),
      code: `OLD-${old.oldId}`,
      kindId: kind("province"),
    });
  }
} else {
  for (const p of provinces) {
    const id = crypto.randomUUID();
    provinceIds.set(p.Code, id);
    upper.push({
      id,
      parentId: rootId,
      path: `/${rootId}/${id}/`,
      depth: 1,
      name: `${p.FullName.startsWith("Thành phố") ? "Thành ủy" : "Tỉnh ủy"} ${p.Name}`,
      code: p.Code,
      kindId: kind("province"),
    });
    for (const ward of p.Wards) communeParents.push({ ward, provinceCode: p.Code });
  }
}
for (const { ward, provinceCode } of communeParents) {
  const parentId = provinceIds.get(provinceCode) as string;
  const parentPath = upper.find((x) => x.id === parentId)?.path as string;
  const id = crypto.randomUUID();
  upper.push({
    id,
    parentId,
    path: `${parentPath}${id}/`,
    depth: 2,
    name: `Đảng ủy ${ward.FullName.replace(/^(Phường|Xã|Đặc khu) /, (k) => k.toLowerCase())}`,
    code: ward.Code,
    kindId: kind("commune"),
    activeFrom: "2025-07-01",
  });
}
for (const x of upper) {
  x.searchText = foldForSearch(`${x.name} ${x.code ?? ""}`);
  x.sortKey = vietnameseCollationKey(x.name);
}
for (let i = 0; i < upper.length; i += 1000) await db.insert(units).values(upper.slice(i, i + 1000));
log(`${upper.length} upper units (root, provinces, communes)`);

// 3. Grassroots organisations and cells, set-based.
const level = async (parentKind: string, childKind: string, perParent: number, prefix: string) => {
  await exec(sql`
    insert into units (id, parent_id, path, depth, name, code, kind_id, search_text, sort_key)
    select g.id, p.id, p.path || g.id || '/', p.depth + 1, ${prefix}::text || ' số ' || g.n, p.code || '-' || g.n, ${kind(childKind)}::uuid, '', ''
    from units p
    cross join lateral (select gen_random_uuid() as id, n from generate_series(1, ${sql.raw(String(perParent))}) n where p.id is not null) g
    where p.kind_id = ${kind(parentKind)}::uuid`);
};
await level("commune", "grassroots", GRASSROOTS_PER_COMMUNE, "Đảng bộ cơ sở");
await level("grassroots", "cell", CELLS_PER_GRASSROOTS, "Chi bộ");
// Search text and sort keys of the generated names ("Chi bộ số 12"), computed by the application's rules.
for (const [prefix, n] of [
  ["Đảng bộ cơ sở", GRASSROOTS_PER_COMMUNE],
  ["Chi bộ", CELLS_PER_GRASSROOTS],
] as const) {
  for (let i = 1; i <= n; i++) {
    const name = `${prefix} số ${i}`;
    await exec(
      sql`update units set search_text = ${foldForSearch(name)} || ' ' || lower(code), sort_key = ${vietnameseCollationKey(name)} where name = ${name}`,
    );
  }
}
const [{ n: unitCount } = { n: 0 }] = (await exec(sql`select count(*)::int as n from units`)).rows as {
  n: number;
}[];
log(`${unitCount} units`);

// 4. People: names from a pool of realistic Vietnamese names, dates from hashes (reproducible).
const pool: { name: string; gender: string }[] = [];
for (const gender of ["male", "female"] as const)
  for (const f of familyNames)
    for (const m of middleNames[gender])
      for (const g of givenNames[gender]) pool.push({ name: `${f} ${m} ${g}`, gender });
await exec(
  sql`create unlogged table name_pool (idx int primary key, full_name text, gender text, search_text text, sort_key text collate "C")`,
);
for (let i = 0; i < pool.length; i += 1000) {
  const chunk = pool.slice(i, i + 1000);
  await exec(sql`insert into name_pool select * from unnest(${sql.param(chunk.map((_, j) => i + j))}::int[], ${sql.param(chunk.map((p) => p.name))}::text[],
    ${sql.param(chunk.map((p) => p.gender))}::text[], ${sql.param(chunk.map((p) => foldForSearch(p.name)))}::text[], ${sql.param(chunk.map((p) => vietnameseSortKey(p.name)))}::text[])`);
}
const perCellVariation = 11;
await exec(sql`
  insert into people (id, full_name, sort_key, search_text, gender, birth_date, joined_on, official_on, position, unit_id, status, status_on)
  select gen_random_uuid(), np.full_name, np.sort_key, np.search_text, np.gender,
         d.joined - (7000 + h.h3 % 5800), d.joined, d.joined + 365, 'Đảng viên', c.id,
         case when h.h4 % 100 < 4 then 'deceased' when h.h4 % 100 < 5 then 'removed' else 'active' end,
         case when h.h4 % 100 < 5 then least(d.joined + 400 + h.h3 % 9000, date '2026-10-31') end
  from units c
  cross join lateral generate_series(1, ${sql.raw(String(PEOPLE_PER_CELL - Math.floor(perCellVariation / 2)))} + abs(hashtext(c.id::text)) % ${sql.raw(String(perCellVariation))}) n
  cross join lateral (select abs(hashtext(c.id::text || n)) as h1, abs(hashtext(n || c.id::text)) as h2,
                             abs(hashtext(c.id::text || 'b' || n)) as h3, abs(hashtext(c.id::text || 's' || n)) as h4) h
  cross join lateral (select date '1976-01-01' + (h.h2 % 18200) as joined) d
  join name_pool np on np.idx = h.h1 % ${sql.raw(String(pool.length))}
  where c.kind_id = ${kind("cell")}::uuid`);
const [{ n: peopleCount } = { n: 0 }] = (await exec(sql`select count(*)::int as n from people`)).rows as {
  n: number;
}[];
log(`${peopleCount} people`);

// A bloc committee with 3,000 cells directly under it (the "3,000 children" scenario), and an
// administrator for the benchmark (password from BENCH_PASSWORD).
const [hanoi] = (
  await exec(sql`select id, path, depth from units where code = '01' or code = 'OLD-01' limit 1`)
).rows as { id: string; path: string; depth: number }[];
if (hanoi) {
  const blocId = crypto.randomUUID();
  await db.insert(units).values({
    id: blocId,
    parentId: hanoi.id,
    path: `${hanoi.path}${blocId}/`,
    depth: hanoi.depth + 1,
    name: "Đảng ủy Khối các cơ quan",
    code: "BLOC-01",
    kindId: kind("bloc"),
    searchText: foldForSearch("Đảng ủy Khối các cơ quan BLOC-01"),
    sortKey: vietnameseCollationKey("Đảng ủy Khối các cơ quan"),
  });
  await exec(sql`
    insert into units (id, parent_id, path, depth, name, code, kind_id, search_text, sort_key)
    select g.id, ${blocId}::uuid, ${`${hanoi.path}${blocId}/`}::text || g.id || '/', ${hanoi.depth + 2}, 'Chi bộ cơ quan số ' || g.n, 'BLOC-01-' || g.n, ${kind("cell")}::uuid, 'chi bo co quan so ' || g.n, ''
    from (select gen_random_uuid() as id, n from generate_series(1, 3000) n) g`);
  for (let i = 1; i <= 3000; i += 500) {
    const names = Array.from({ length: Math.min(500, 3001 - i) }, (_, j) => `Chi bộ cơ quan số ${i + j}`);
    await exec(
      sql`update units set sort_key = k.key from unnest(${sql.param(names)}::text[], ${sql.param(names.map(vietnameseCollationKey))}::text[]) as k(name, key) where units.name = k.name and units.parent_id = ${blocId}::uuid`,
    );
  }
  log("a bloc committee with 3,000 cells");
}
const { hashPassword } = await import("../server/src/lib/auth/secrets.ts");
const { users } = await import("../server/src/features/users/schema.ts");
await db.insert(users).values({
  username: "bench.admin",
  displayName: "Quản trị đo tải",
  role: "admin",
  unitId: rootId,
  passwordHash: await hashPassword(process.env.BENCH_PASSWORD ?? "Bench-password-2026"),
  mustChangePassword: false,
});

// 5. The figures, from the records, by the application's own rebuild (the same contribution rules
// as every write).
await exec(sql`drop table name_pool`);
await db.transaction((tx) => rebuildFigures(tx, { log }));
await seedPractices(db, Number(args.practices), log);
await seedCommitments(db, log);
// The other lists (accounts, exemplars, commendations, plans, topics, library, audit…) on the tree
// as it is today: here (the vacuum analyze below covers their tables), or after the 2025 merges.
if (!args["before-2025"]) await seedLists(db, log, { vacuum: false });
await exec(sql`vacuum analyze`);
const today = vnToday();
const figure = async (day: string, metric: string) =>
  (await figuresAt(db, { id: rootId }, [day]))?.[0]?.get(metric) ?? 0;
const national = await figure(today, "people.active");
const [{ n: live } = { n: 0 }] = (
  await exec(sql`select count(*)::int as n from people where status = 'active'`)
).rows as { n: number }[];
log(
  `national active members: figures ${national}, live count ${live}${national === live ? " ✓" : " ✗ MISMATCH"}`,
);
if (national !== live) process.exitCode = 1;

// 6. The 2025 reform: 63 provinces merged into 34, by the application's own command.
if (args["before-2025"]) {
  const before2024 = await figure("2024-12-31", "people.active");
  const ctx = systemCtx();
  const [rootRow] = await db.select().from(units).where(eq(units.id, rootId));
  for (const p of provinces) {
    const sources = oldProvinces.filter((o) => o.newCode === p.Code);
    await db.transaction(async (tx) => {
      const { createUnit } = await import("../server/src/features/units/commands/create-unit.ts");
      const target = await createUnit({
        tx,
        ctx,
        name: `${p.FullName.startsWith("Thành phố") ? "Thành ủy" : "Tỉnh ủy"} ${p.Name}`,
        code: p.Code,
        kindId: kind("province"),
        activeFrom: "2025-07-01",
        parent: rootRow as never,
      });
      const rows = await tx
        .select()
        .from(units)
        .where(
          sql`${units.id} in (${sql.join(
            sources.map((s) => sql`${s.id}::uuid`),
            sql`, `,
          )})`,
        );
      await mergeUnits({ tx, ctx, sources: rows, target, on: "2025-07-01" });
    });
  }
  log("63 provinces merged into 34");
  const after2024 = await figure("2024-12-31", "people.active");
  const afterNow = await figure(today, "people.active");
  const ok = after2024 === before2024 && afterNow === national;
  log(
    `national active members 2024: ${before2024} → ${after2024}; today: ${national} → ${afterNow} ${ok ? "✓ exact" : "✗ MISMATCH"}`,
  );
  const provincesNow = await figure(today, "units.active.kind:province");
  const provinces2024 = await figure("2024-12-31", "units.active.kind:province");
  log(`provinces active: end of 2024 ${provinces2024}, today ${provincesNow}`);
  if (!ok) process.exitCode = 1;
  await seedLists(db, log);
}
await database.close();
log(`done: ${url.replace(/:[^:@/]*@/, ":***@")}`);
