// Good-practice models for the national data set (set-based), then the models' figures rebuilt
// from the records. Called by seed-national.ts; also runs alone on an existing national database:
//   node bench/seed-practices.ts [--count 30000] [--database tg_national]
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Db } from "../server/src/db/client.ts";
import { figureSources, rebuildFigures } from "../server/src/features/figures/index.ts";
import { foldForSearch } from "../server/src/lib/vietnamese.ts";
import { installModules } from "../server/src/modules.ts";

installModules();

const themes = [
  "Làm theo Bác",
  "Dân vận khéo",
  "Tổ dân phố tự quản xanh – sạch – đẹp",
  "Mỗi đảng viên gắn với 5 hộ gia đình",
  "Bữa cơm nghĩa tình",
  "Thắp sáng đường quê",
  "Ngày thứ Bảy tình nguyện",
  "Sổ tay điện tử của chi bộ",
  "Khu dân cư không có tội phạm",
  "Vườn mẫu, ao mẫu",
  "Cánh đồng lớn",
  "Tiết kiệm giờ hành chính, gần dân hơn",
  "Nói không với rác thải nhựa",
  "Tủ sách Bác Hồ",
  "Học tập và làm theo gương Bác trong nhà trường",
  "Hũ gạo tình thương",
  "Con đường hoa",
  "Chợ văn minh, an toàn thực phẩm",
  "Trung thu cho em",
  "Mái ấm công đoàn",
];
const kindsOfWork = ["Mô hình", "Cách làm", "Mô hình điểm", "Phong trào"];
const bodies = [
  "Chi bộ ra nghị quyết chuyên đề, phân công đảng viên gương mẫu đi đầu, hằng tháng kiểm điểm, biểu dương.",
  "Đảng viên nắm tình hình, lắng nghe ý kiến của nhân dân và phản ánh kịp thời trong sinh hoạt chi bộ.",
  "Phối hợp với Mặt trận và các đoàn thể vận động nhân dân cùng tham gia, công khai kết quả hằng quý.",
  "Ứng dụng công nghệ thông tin, giảm thời gian giải quyết công việc cho người dân và doanh nghiệp.",
];

export async function seedPractices(db: Db, count: number, log: (m: string) => void = console.log) {
  const exec = async (q: ReturnType<typeof sql>) => (await db.execute(q)) as unknown as { rows: unknown[] };
  const titles = themes.flatMap((t) => kindsOfWork.map((k) => `${k} “${t}”`));
  await exec(sql`drop table if exists practice_pool`);
  await exec(
    sql`create unlogged table practice_pool (idx int primary key, title text, folded_title text, body text, folded_body text)`,
  );
  await exec(sql`insert into practice_pool select * from unnest(
    ${sql.param(titles.map((_, i) => i))}::int[], ${sql.param(titles)}::text[], ${sql.param(titles.map(foldForSearch))}::text[],
    ${sql.param(titles.map((_, i) => bodies[i % bodies.length] ?? ""))}::text[], ${sql.param(titles.map((_, i) => foldForSearch(bodies[i % bodies.length] ?? "")))}::text[])`);
  // Owners: cells and grassroots organisations spread over the country; a model recognised at the
  // owner's parent, grandparent or the province, by hash; a fifth still under review or draft.
  await exec(sql`
    insert into practices (id, kind, title, summary, description, results, field_id, unit_id, started_on, registered_on, status,
                           review_unit_id, waiting_since, recognised_unit_id, recognised_level, recognised_on, is_public, search_vector)
    select gen_random_uuid(), 'collective', pp.title || ' ở ' || u.name, pp.body, pp.body, 'Kết quả: ' || (10 + h % 90) || ' hộ tham gia.',
           f.id, u.id, r.registered, r.registered,
           case when h % 10 < 7 then 'recognised' when h % 10 < 9 then 'submitted' else 'draft' end,
           case when h % 10 between 7 and 8 then u.parent_id end,
           case when h % 10 between 7 and 8 then now() - ((h % 300) || ' days')::interval end,
           case when h % 10 < 7 then rec.id end, case when h % 10 < 7 then rk.code end,
           case when h % 10 < 7 then least(r.registered + 200 + h % 300, current_date - 1) end,
           h % 10 < 3,
           setweight(to_tsvector('simple', pp.folded_title || ' o ' || u.search_text), 'A')
             || setweight(to_tsvector('simple', pp.folded_body), 'B') || setweight(to_tsvector('simple', u.search_text), 'C')
    from (select u.* from units u
          where u.depth >= 3 and u.status = 'active' order by md5(u.id::text) limit ${count}) u
    cross join lateral (select abs(hashtext(u.id::text)) as h) hh(h)
    cross join lateral (select date '2016-05-15' + (h % 3600) as registered) r
    join practice_pool pp on pp.idx = h % ${titles.length}
    join campaign_fields f on f.sort_order = 10 * (1 + h % 8)
    join units rec on rec.id = split_part(u.path, '/', greatest(2, u.depth + 1 - (h % 3)))::uuid
    left join unit_kinds rk on rk.id = rec.kind_id`);
  // Adoptions: each recognised model taken up by a few other units of its province.
  await exec(sql`
    insert into adoptions (id, practice_id, unit_id, started_on, notes)
    select gen_random_uuid(), p.id, a.id, least(p.recognised_on + 30 + (abs(hashtext(a.id::text)) % 400), current_date - 1), 'Nhân rộng'
    from practices p join units o on o.id = p.unit_id
    cross join lateral (select x.id from units x where x.parent_id = o.parent_id and x.id <> o.id and x.status = 'active' limit 1 + abs(hashtext(p.id::text)) % 4) a
    where p.status = 'recognised'
    on conflict do nothing`);
  await exec(sql`drop table practice_pool`);
  const [{ n } = { n: 0 }] = (await exec(sql`select count(*)::int as n from practices`)).rows as {
    n: number;
  }[];
  log(`${n} models`);
  await db.transaction((tx) =>
    rebuildFigures(tx, { sources: figureSources().filter((s) => s.name === "practices"), log }),
  );
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "30000" },
      database: { type: "string", default: "tg_national" },
    },
  });
  const { openPostgres } = await import("../server/src/db/client.ts");
  const base = new URL(
    process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres",
  );
  base.pathname = `/${values.database}`;
  const database = await openPostgres(base.toString(), 4);
  const t0 = Date.now();
  await seedPractices(database.db, Number(values.count), (m) =>
    console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`),
  );
  await database.db.execute(sql`vacuum analyze practices`);
  await database.db.execute(sql`vacuum analyze adoptions`);
  await database.close();
}
