// Members' commitments and ratings for the national data set (set-based), then their figures
// rebuilt from the records. Called by seed-national.ts; also runs alone on an existing database:
//   node bench/seed-commitments.ts [--database tg_national]
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Db } from "../server/src/db/client.ts";
import { figureSources, rebuildFigures } from "../server/src/features/figures/index.ts";
import { vnToday } from "../server/src/lib/dates.ts";
import { installModules } from "../server/src/modules.ts";

installModules();

/**
 * This year's commitment of every active member (most submitted between January and March, a
 * third reviewed, a few still drafts) and last year's ratings (proposed by the cell and confirmed
 * above, in the usual proportions of the four grades).
 */
export async function seedCommitments(db: Db, log: (m: string) => void = console.log) {
  const exec = async (q: ReturnType<typeof sql>) => (await db.execute(q)) as unknown as { rows: unknown[] };
  const year = Number(vnToday().slice(0, 4));
  const present = async (table: string, y: number) =>
    (
      (await exec(sql`select exists (select 1 from ${sql.identifier(table)} where year = ${y}) as e`))
        .rows[0] as {
        e: boolean;
      }
    ).e;
  // A run that stopped half-way resumes: the big inserts are skipped when their year is there.
  if (!(await present("commitments", year)))
    await exec(sql`
    insert into commitments (id, person_id, unit_id, year, status, study, actions, targets, submitted_at, reviewed_at, score)
    select gen_random_uuid(), p.id, p.unit_id, ${year},
           case when h % 100 < 5 then 'draft' when h % 100 < 40 then 'reviewed' else 'submitted' end,
           'Học tập chuyên đề năm ' || ${year}, 'Làm theo Bác: nêu gương trong công việc và nơi cư trú.',
           '[{"text":"Tham gia đủ các buổi sinh hoạt chi bộ"}]'::jsonb,
           case when h % 100 >= 5 then make_timestamptz(${year}, 1, 10, 8, 0, 0, 'Asia/Ho_Chi_Minh') + ((h % 80) || ' days')::interval end,
           case when h % 100 between 5 and 39 then make_timestamptz(${year}, 4, 1, 8, 0, 0, 'Asia/Ho_Chi_Minh') + ((h % 60) || ' days')::interval end,
           case when h % 100 between 5 and 39 then 60 + h % 40 end
    from people p cross join lateral (select abs(hashtext(p.id::text || 'c')) as h) x
    where p.status = 'active'
    on conflict do nothing`);
  log("commitments");
  if (!(await present("ratings", year - 1)))
    await exec(sql`
    insert into ratings (id, person_id, unit_id, year, proposed_grade, proposed_points, final_grade, final_points, confirmed_at, created_at, updated_at)
    select gen_random_uuid(), p.id, p.unit_id, ${year - 1}, g.grade, g.points, g.grade, g.points,
           make_timestamptz(${year}, 1, 15, 9, 0, 0, 'Asia/Ho_Chi_Minh'),
           make_timestamptz(${year - 1}, 12, 20, 9, 0, 0, 'Asia/Ho_Chi_Minh'), make_timestamptz(${year - 1}, 12, 20, 9, 0, 0, 'Asia/Ho_Chi_Minh')
    from people p cross join lateral (select abs(hashtext(p.id::text || 'r')) % 100 as h) x
    cross join lateral (select case when h < 15 then 'excellent' when h < 80 then 'good' when h < 97 then 'complete' else 'incomplete' end as grade,
                               case when h < 15 then 92 when h < 80 then 80 when h < 97 then 60 else 40 end as points) g
    where p.status = 'active' and p.joined_on < make_date(${year - 1}, 7, 1)
    on conflict do nothing`);
  await exec(sql`
    insert into rating_sheets (unit_id, year, status, proposed_at, confirmed_at)
    select distinct unit_id, ${year - 1}::int, 'confirmed', make_timestamptz(${year - 1}, 12, 20, 9, 0, 0, 'Asia/Ho_Chi_Minh'),
           make_timestamptz(${year}, 1, 15, 9, 0, 0, 'Asia/Ho_Chi_Minh')
    from ratings where year = ${year - 1}
    on conflict do nothing`);
  const [{ c, r } = { c: 0, r: 0 }] = (
    await exec(
      sql`select (select count(*) from commitments)::int as c, (select count(*) from ratings)::int as r`,
    )
  ).rows as { c: number; r: number }[];
  log(`${c} commitments, ${r} ratings`);
  await db.transaction((tx) =>
    rebuildFigures(tx, { sources: figureSources().filter((s) => s.name === "commitments"), log }),
  );
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { database: { type: "string", default: "tg_national" } } });
  const { openPostgres } = await import("../server/src/db/client.ts");
  const base = new URL(
    process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres",
  );
  base.pathname = `/${values.database}`;
  const database = await openPostgres(base.toString(), 4);
  const t0 = Date.now();
  await seedCommitments(database.db, (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`));
  await database.db.execute(sql`vacuum analyze commitments`);
  await database.db.execute(sql`vacuum analyze ratings`);
  await database.close();
}
