// One national report request for the national data set: the root asks every unit below it (all
// levels, ~300,000 reports, created by the application's own command in one INSERT … SELECT), then
// a realistic spread of states is written set-based and the completeness counters are rebuilt
// from the reports. Also runs alone on an existing database:
//   node bench/seed-reports.ts [--database tg_national]
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Db } from "../server/src/db/client.ts";
import { createReportRequest } from "../server/src/features/reports/commands/create-report-request.ts";
import { rebuildReportCounts } from "../server/src/features/reports/counts.ts";
import { systemCtx } from "../server/src/lib/auth/actor.ts";
import { vnToday } from "../server/src/lib/dates.ts";
import { installModules } from "../server/src/modules.ts";

installModules();

/** The title the benchmark finds its request by. */
export const NATIONAL_REQUEST_TITLE = "Báo cáo tổng kết năm học tập và làm theo Bác (toàn quốc, đo tải)";

/**
 * Last year's annual review asked of every unit of the tree, due on 31 January: 60% submitted on
 * time and 15% late (of which some accepted, some returned), 10% drafts, the rest not started —
 * overdue when the due date has passed. Idempotent: an existing request of that title is kept.
 */
export async function seedReports(db: Db, log: (m: string) => void = console.log): Promise<string> {
  const rows = async <T>(q: ReturnType<typeof sql>) =>
    ((await db.execute(q)) as unknown as { rows: T[] }).rows;
  const [existing] = await rows<{ id: string }>(
    sql`select id from report_requests where title = ${NATIONAL_REQUEST_TITLE} limit 1`,
  );
  if (existing) {
    log(`national report request already there: ${existing.id}`);
    return existing.id;
  }
  const [root] = await rows<{ id: string; path: string; depth: number; deepest: number }>(
    sql`select id, path, depth, (select max(depth) from units)::int as deepest from units where depth = 0 limit 1`,
  );
  if (!root) throw new Error("no root unit");
  const year = Number(vnToday().slice(0, 4)) - 1;
  const levels = Array.from({ length: Number(root.deepest) }, (_, i) => i + 1);
  const t0 = Date.now();
  const request = await db.transaction((tx) =>
    createReportRequest({
      tx,
      ctx: systemCtx(),
      requester: { id: root.id, path: root.path, depth: Number(root.depth) },
      body: {
        title: NATIONAL_REQUEST_TITLE,
        kind: "annual",
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        dueOn: `${year + 1}-01-31`,
        targets: { levels },
        metrics: ["people.active", "people.joined", "units.total"],
        manualMetrics: [
          { key: "sessions", label: "Buổi sinh hoạt chuyên đề", unit: "buổi" },
          { key: "models", label: "Mô hình mới", unit: "mô hình" },
        ],
        instructions: "",
      },
    }),
  );
  if (!request) throw new Error("no request");
  log(`national report request ${request.id}: ${request.targetCount} reports in ${Date.now() - t0} ms`);
  await db.execute(sql`
    update reports r set
      status = case when x.h < 45 then 'submitted' when x.h < 70 then 'accepted' when x.h < 75 then 'returned'
                    when x.h < 85 then 'draft' else 'not_started' end,
      timeliness = case when x.h < 60 then 'on_time' when x.h < 75 then 'late' end,
      first_submitted_at = case when x.h < 60 then make_timestamptz(${year + 1}, 1, 5 + x.h % 25, 9, 0, 0, 'Asia/Ho_Chi_Minh')
                                when x.h < 75 then make_timestamptz(${year + 1}, 2, 1 + x.h % 20, 9, 0, 0, 'Asia/Ho_Chi_Minh') end,
      submitted_at = case when x.h < 75 then make_timestamptz(${year + 1}, 2, 1 + x.h % 20, 9, 0, 0, 'Asia/Ho_Chi_Minh') end,
      manual_values = case when x.h < 85 then jsonb_build_object('sessions', 1 + x.h % 12, 'models', x.h % 3) else '{}'::jsonb end,
      sections = case when x.h < 85 then '{"results":"Kết quả đạt được trong năm."}'::jsonb else '{}'::jsonb end
    from (select id, abs(hashtext(id::text)) % 100 as h from reports where request_id = ${request.id}::uuid and role = 'target') x
    where r.id = x.id`);
  log("report states written");
  await db.transaction((tx) => rebuildReportCounts(tx, { requestIds: [request.id] }));
  log("completeness counters rebuilt");
  return request.id;
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
  await seedReports(database.db, (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`));
  await database.db.execute(sql`vacuum analyze reports`);
  await database.db.execute(sql`vacuum analyze report_counts`);
  await database.close();
}
