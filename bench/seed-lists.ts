// The other lists at national size (issue 13: page 1 of every list within 3× the /auth/me floor),
// set-based like the other seeders: accounts (an officer for each province, commune, bloc and
// grassroots organisation, a leader for each province and commune, the benchmark's province and
// commune officers) with their notifications and API tokens, exemplars, commendation proposals and
// decisions with their recipients, plans with objectives and tasks, topics and study sessions with
// attendance, library documents with versions and read receipts, booklets, ethics standards with
// confirmations, report schedules and two years of audit log; then the figures of the modules they
// feed, rebuilt from the records. Called by seed-national.ts; also runs alone on an existing
// national database:
//   node bench/seed-lists.ts [--database tg_national]
// Idempotent: each part is one transaction and is skipped when its rows are there (the accounts by
// the username `bench.officer.province`; the records by their creator, the inactive account
// `bench.seed`; the audit rows by their request id `seed-…`), so a run that stopped resumes.
import { parseArgs } from "node:util";
import { type SQL, sql } from "drizzle-orm";
import type { Db, Executor } from "../server/src/db/client.ts";
import { familyNames, givenNames, middleNames } from "../server/src/features/demo/names.ts";
import { figuresAt } from "../server/src/features/figures/figures.ts";
import { figureSources, rebuildFigures } from "../server/src/features/figures/index.ts";
import { defaultSections } from "../server/src/features/reports/defaults.ts";
import { hashPassword, randomToken } from "../server/src/lib/auth/secrets.ts";
import { vnToday } from "../server/src/lib/dates.ts";
import { foldForSearch } from "../server/src/lib/vietnamese.ts";
import { installModules } from "../server/src/modules.ts";

installModules();

/** The benchmark's accounts made here (the national administrator, `bench.admin`, is seed-national's). */
export const BENCH_PROVINCE_OFFICER = "bench.officer.province";
export const BENCH_COMMUNE_OFFICER = "bench.officer.commune";
/** The inactive account every seeded record names as its creator (the marker of what was made here). */
export const SEED_USERNAME = "bench.seed";

/** Target volumes at national size (the tree bounds some of them on a small data set). */
export const LIST_VOLUMES = {
  exemplars: 30_000,
  proposals: 40_000,
  studySessions: 50_000,
  audit: 2_000_000,
  benchNotifications: 300,
};

// Text pools ------------------------------------------------------------------------------------

const names = (() => {
  const all: string[] = [];
  for (const gender of ["male", "female"] as const)
    for (const f of familyNames)
      for (const m of middleNames[gender]) for (const g of givenNames[gender]) all.push(`${f} ${m} ${g}`);
  // A spread of the pool, not all of one family name first.
  return all.filter((_, i) => i % 7 === 0);
})();

const collectiveStories = [
  "Chi bộ đưa việc học tập và làm theo Bác vào sinh hoạt thường kỳ: mỗi tháng một chuyên đề, mỗi đảng viên một việc làm cụ thể.",
  "Tập thể đoàn kết, đi đầu trong cải cách hành chính, giải quyết hồ sơ của người dân đúng và trước hẹn.",
  "Phối hợp với Mặt trận và các đoàn thể vận động nhân dân xây dựng khu dân cư tự quản xanh – sạch – đẹp.",
  "Duy trì mô hình “Mỗi đảng viên gắn với 5 hộ gia đình”, nắm chắc tình hình, phản ánh kịp thời ý kiến của nhân dân.",
];
const individualStories = [
  "Đồng chí gương mẫu đi đầu, nói đi đôi với làm, được đảng viên và nhân dân tin yêu.",
  "Nhiều năm tình nguyện nấu cơm miễn phí cho bệnh nhân nghèo và người cao tuổi neo đơn.",
  "Hướng dẫn người dân dùng dịch vụ công trực tuyến, hỗ trợ hàng trăm lượt hồ sơ mỗi năm.",
  "Đồng chí phụ trách 5 hộ gia đình, thường xuyên thăm hỏi, nắm tình hình và phản ánh kịp thời.",
  "Vận động bà con hiến đất làm đường, góp công xây nhà văn hóa thôn.",
];
const achievementsPool = [
  "5 năm liền hoàn thành xuất sắc nhiệm vụ.",
  "Được Ban Thường vụ Đảng ủy biểu dương năm 2024.",
  "Hơn 300 lượt người dân được hỗ trợ; 2 năm liền được chi bộ biểu dương.",
  "Góp phần giữ khu dân cư không có tội phạm trong 3 năm liền.",
  "Mô hình được nhân rộng ra toàn xã.",
];
const proposalReasons = [
  "Có thành tích tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
  "Có thành tích xuất sắc trong thực hiện Chỉ thị số 05-CT/TW và Kết luận số 01-KL/TW của Bộ Chính trị.",
  "Gương mẫu, đi đầu trong xây dựng mô hình hay, cách làm sáng tạo ở cơ sở.",
];
const planObjectives = [
  "100% cấp ủy, tổ chức đảng xây dựng và thực hiện kế hoạch học tập và làm theo Bác hằng năm.",
  "100% cán bộ, đảng viên đăng ký làm theo Bác hằng năm và được đánh giá cuối năm.",
  "Mỗi đảng bộ cơ sở có ít nhất một mô hình hay, cách làm sáng tạo được công nhận và nhân rộng.",
];
const planTasks = [
  "Học tập, quán triệt chuyên đề năm đến 100% cán bộ, đảng viên trong sinh hoạt chi bộ.",
  "Xây dựng, công nhận và nhân rộng mô hình hay, cách làm sáng tạo; biên soạn tập mô hình tiêu biểu.",
  "Kiểm tra, giám sát việc thực hiện bản cam kết của đảng viên; đôn đốc, uốn nắn kịp thời.",
  "Sơ kết, tổng kết; biểu dương, khen thưởng tập thể, cá nhân tiêu biểu trong học tập và làm theo Bác.",
];
const PLAN_PURPOSE =
  "Tiếp tục đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, gắn với thực hiện nhiệm vụ chính trị của từng cơ quan, đơn vị; nêu cao trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu.";
const PLAN_IMPLEMENTATION =
  "Các chi bộ, đảng bộ trực thuộc căn cứ kế hoạch này xây dựng kế hoạch thực hiện phù hợp; định kỳ báo cáo kết quả về Ban Thường vụ.";
const topicTitles = [
  "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng văn hóa, con người Việt Nam phát triển toàn diện",
  "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
  "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về phong cách nêu gương, gần dân, trọng dân, vì dân",
];
const sessionNotes = [
  "Sinh hoạt chi bộ thường kỳ: quán triệt chuyên đề năm, thảo luận việc làm theo Bác.",
  "Sinh hoạt chuyên đề quý; mỗi đảng viên liên hệ bản thân, đăng ký việc làm cụ thể.",
  "Học tập chuyên đề kết hợp xem phim tư liệu về Bác.",
];
const documentTitles: Record<string, string[]> = {
  directive: [
    "Chỉ thị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Chỉ thị về tăng cường trách nhiệm nêu gương của cán bộ, đảng viên",
  ],
  conclusion: [
    "Kết luận về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
    "Kết luận về sơ kết việc thực hiện chuyên đề năm",
  ],
  guidance: [
    "Hướng dẫn học tập chuyên đề trong các chi bộ",
    "Hướng dẫn xây dựng chuẩn mực đạo đức công vụ",
    "Hướng dẫn đăng ký và đánh giá bản cam kết làm theo Bác",
    "Hướng dẫn lựa chọn, biểu dương điển hình tiên tiến",
  ],
  material: [
    "Tài liệu sinh hoạt chuyên đề",
    "Tài liệu tham khảo về những tấm gương bình dị mà cao quý",
    "Tài liệu hỏi – đáp về tư tưởng, đạo đức, phong cách Hồ Chí Minh",
  ],
};
const documentSummaries: Record<string, string> = {
  directive:
    "Tiếp tục đẩy mạnh học tập và làm theo Bác; mỗi năm một chuyên đề; nêu gương của người đứng đầu.",
  conclusion: "Đánh giá kết quả, chỉ ra hạn chế, nguyên nhân và nhiệm vụ, giải pháp thời gian tới.",
  guidance: "Cách tổ chức học tập trong sinh hoạt chi bộ thường kỳ, liên hệ bản thân, đăng ký làm theo.",
  material: "Tài liệu dùng trong sinh hoạt chi bộ và học tập chuyên đề.",
  bulletin:
    "Tình hình thời sự trong nước, trong tỉnh; kết quả học tập chuyên đề; gương điển hình làm theo Bác ở cơ sở. Dùng trong sinh hoạt chi bộ thường kỳ.",
};
const kindNames: Record<string, string> = {
  directive: "Chỉ thị",
  conclusion: "Kết luận",
  guidance: "Hướng dẫn",
  material: "Tài liệu chuyên đề",
  bulletin: "Thông báo nội bộ",
};
const standardItems = [
  "Tuyệt đối trung thành với Đảng, Tổ quốc và Nhân dân; chấp hành nghiêm chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
  "Tận tụy phục vụ Nhân dân; lắng nghe, tôn trọng, giải quyết công việc đúng hẹn, không gây phiền hà.",
  "Cần, kiệm, liêm, chính, chí công vô tư; không tham ô, lãng phí, không vụ lợi.",
  "Đoàn kết, thương yêu, giúp đỡ đồng chí, đồng nghiệp; thẳng thắn tự phê bình và phê bình.",
  "Gương mẫu trong lời nói và việc làm; nói đi đôi với làm, trên trước, dưới sau.",
  "Tích cực ứng dụng công nghệ thông tin, chuyển đổi số trong công việc.",
];
const notificationPool = [
  {
    kind: "report.accept",
    title: "Báo cáo đã được chấp nhận",
    body: "Báo cáo “Báo cáo sơ kết quý thực hiện Chỉ thị 05-CT/TW” của đơn vị đã được cấp trên chấp nhận.",
    link: "/reports",
  },
  {
    kind: "report.return",
    title: "Báo cáo bị trả lại để chỉnh sửa",
    body: "Báo cáo “Báo cáo 6 tháng học tập và làm theo Bác” bị trả lại: đề nghị bổ sung số liệu mô hình mới.",
    link: "/reports",
  },
  {
    kind: "reminder.report",
    title: "Nhắc nộp báo cáo",
    body: "Báo cáo “Báo cáo tổng kết năm học tập và làm theo Bác” sắp đến hạn. Đồng chí hãy hoàn thành và gửi báo cáo.",
    link: "/reports",
  },
  {
    kind: "reminder.ratings",
    title: "Nhắc đề xuất xếp loại đảng viên",
    body: "Một số chi bộ trực thuộc chưa đề xuất xếp loại đảng viên. Đồng chí hãy đôn đốc các chi bộ.",
    link: "/ratings",
  },
  {
    kind: "reminder.commitment",
    title: "Nhắc nộp bản cam kết",
    body: "Một số đảng viên trực thuộc chưa nộp bản cam kết năm. Đồng chí hãy đôn đốc.",
    link: "/commitments",
  },
];
/** Audit events with their share (per 100) and a typical change. */
const auditPool: {
  event: string;
  weight: number;
  changes: object | null;
  at: "actor" | "cell" | "grassroots";
}[] = [
  { event: "session.login", weight: 30, changes: null, at: "actor" },
  { event: "session.logout", weight: 5, changes: null, at: "actor" },
  { event: "person.view", weight: 12, changes: null, at: "cell" },
  {
    event: "person.update",
    weight: 7,
    changes: { phone: { before: null, after: "0912345678" } },
    at: "cell",
  },
  {
    event: "commitment.review",
    weight: 8,
    changes: { status: { before: "submitted", after: "reviewed" }, score: { before: null, after: 85 } },
    at: "cell",
  },
  {
    event: "commitment.assess",
    weight: 4,
    changes: { assessment: { before: "", after: "Hoàn thành tốt" } },
    at: "cell",
  },
  {
    event: "rating.propose",
    weight: 3,
    changes: { proposedGrade: { before: null, after: "good" } },
    at: "cell",
  },
  {
    event: "rating.confirm",
    weight: 3,
    changes: { finalGrade: { before: null, after: "good" } },
    at: "cell",
  },
  {
    event: "report.update",
    weight: 5,
    changes: { status: { before: "not_started", after: "draft" } },
    at: "grassroots",
  },
  {
    event: "report.submit",
    weight: 2,
    changes: { status: { before: "draft", after: "submitted" } },
    at: "grassroots",
  },
  {
    event: "practice.create",
    weight: 2,
    changes: { status: { before: null, after: "draft" } },
    at: "grassroots",
  },
  {
    event: "practice.submit",
    weight: 1,
    changes: { status: { before: "draft", after: "submitted" } },
    at: "grassroots",
  },
  {
    event: "practice.recognise",
    weight: 1,
    changes: { status: { before: "submitted", after: "recognised" } },
    at: "grassroots",
  },
  {
    event: "exemplar.create",
    weight: 1,
    changes: { status: { before: null, after: "draft" } },
    at: "grassroots",
  },
  {
    event: "exemplar.submit",
    weight: 1,
    changes: { status: { before: "draft", after: "submitted" } },
    at: "grassroots",
  },
  {
    event: "plan_task.update",
    weight: 3,
    changes: { status: { before: "not_started", after: "in_progress" }, progress: { before: 0, after: 50 } },
    at: "grassroots",
  },
  {
    event: "study_session.create",
    weight: 2,
    changes: { heldOn: { before: null, after: "2026-03-12" } },
    at: "cell",
  },
  { event: "document.read", weight: 5, changes: null, at: "actor" },
  { event: "notification.read", weight: 3, changes: null, at: "actor" },
  { event: "user.update", weight: 1, changes: { displayName: { before: "", after: "Cán bộ" } }, at: "actor" },
  {
    event: "commendation_proposal.submit",
    weight: 1,
    changes: { status: { before: "draft", after: "submitted" } },
    at: "grassroots",
  },
];

// Helpers ---------------------------------------------------------------------------------------

const texts = (a: string[]) => sql`${sql.param(a)}::text[]`;
/** One of the pool's strings, chosen by a non-negative hash. */
const pick = (a: string[], h: SQL) => sql`(${texts(a)})[1 + (${h}) % ${sql.raw(String(a.length))}]`;
/** A non-negative 31-bit hash of a text expression (abs(hashtext()) overflows on one value). */
const hash = (expr: SQL) => sql`(hashtext(${expr}) & 2147483647)`;
const vector = (a: SQL, b: SQL, c: SQL) =>
  sql`setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') || setweight(to_tsvector('simple', ${c}), 'C')`;
/** "Tỉnh ủy Bắc Ninh" → "Đảng bộ tỉnh Bắc Ninh" (plans/defaults.ts partyBodyOf), in SQL. */
const partyBody = (name: SQL) =>
  sql`regexp_replace(regexp_replace(regexp_replace(${name}, '^Tỉnh ủy ', 'Đảng bộ tỉnh '), '^Thành ủy ', 'Đảng bộ thành phố '), '^Đảng ủy ', 'Đảng bộ ')`;
/** The place printed on a document: the province's name (the capital for the centre). */
const placeOf = (provinceName: SQL) =>
  sql`coalesce(regexp_replace(${provinceName}, '^(Tỉnh ủy|Thành ủy) ', ''), 'Hà Nội')`;
/** A Vietnam wall-clock time on a day, as an instant. */
const vnAt = (d: SQL, time: string) =>
  sql`((${d}) + ${sql.raw(`time '${time}'`)}) at time zone 'Asia/Ho_Chi_Minh'`;
/** The issuing body's code after the slash: TW, TU, ĐU. */
const issuerCodeOf = (depth: SQL) =>
  sql`case when ${depth} = 0 then 'TW' when ${depth} = 1 then 'TU' else 'ĐU' end`;

export interface SeedListsResult {
  counts: Record<string, number>;
  seconds: number;
}

/** Fills the other lists of an existing national data set (see the head of this file). */
export async function seedLists(
  db: Db,
  log: (m: string) => void = console.log,
  options: { vacuum?: boolean } = {},
): Promise<SeedListsResult> {
  const t0 = Date.now();
  const rows = async <T>(e: Executor, q: SQL) => ((await e.execute(q)) as unknown as { rows: T[] }).rows;
  const run = async (e: Executor, q: SQL) =>
    ((await e.execute(q)) as unknown as { rowCount: number | null }).rowCount ?? 0;
  const today = vnToday();
  const year = Number(today.slice(0, 4));
  const day = sql`${today}::date`;
  /** Statistics of tables filled a statement ago (the planner would guess them empty). */
  const analyze = (e: Executor, ...tables: string[]) =>
    e.execute(
      sql`analyze ${sql.join(
        tables.map((t) => sql.identifier(t)),
        sql`, `,
      )}`,
    );

  const [root] = await rows<{ id: string; path: string }>(
    db,
    sql`select id, path from units where parent_id is null order by depth limit 1`,
  );
  if (!root) throw new Error("no root unit: seed the national data set first");
  const kinds = new Map(
    (await rows<{ code: string; id: string }>(db, sql`select code, id from unit_kinds`)).map((k) => [
      k.code,
      k.id,
    ]),
  );
  const kind = (code: string) => {
    const id = kinds.get(code);
    if (!id) throw new Error(`no unit kind ${code}`);
    return sql`${id}::uuid`;
  };
  const forms = new Set(
    (
      await rows<{ code: string; id: string }>(
        db,
        sql`select code, id from commendation_forms where unit_id is null`,
      )
    ).map((f) => f.code),
  );
  for (const code of ["merit", "commendation", "banner", "badge"])
    if (!forms.has(code)) throw new Error(`no national commendation form ${code}`);
  const fieldIds = (
    await rows<{ id: string }>(db, sql`select id from campaign_fields where active order by sort_order, code`)
  ).map((f) => f.id);
  if (!fieldIds.length) throw new Error("no campaign fields");
  const field = (h: SQL) =>
    sql`(${sql.param(fieldIds)}::uuid[])[1 + (${h}) % ${sql.raw(String(fieldIds.length))}]`;
  const [{ depth: cellDepth } = { depth: 4 }] = await rows<{ depth: number }>(
    db,
    sql`select max(depth)::int as depth from units where kind_id = ${kind("cell")} and status = 'active'`,
  );
  const counts: Record<string, number> = {};
  const seedUser = async (e: Executor) =>
    (await rows<{ id: string }>(e, sql`select id from users where username = ${SEED_USERNAME}`))[0]?.id ??
    null;
  const madeBy = async (e: Executor, table: string) => {
    const seed = await seedUser(e);
    if (!seed) return false;
    const [r] = await rows<{ e: boolean }>(
      e,
      sql`select exists (select 1 from ${sql.identifier(table)} where created_by = ${seed}::uuid) as e`,
    );
    return Boolean(r?.e);
  };
  const filled = new Set<string>();
  /** One part in one transaction, skipped when `done` says its rows are there. */
  const part = async (
    name: string,
    done: (tx: Executor) => Promise<boolean>,
    fill: (tx: Executor, seed: string) => Promise<Record<string, number>>,
  ) => {
    const t = Date.now();
    const made = await db.transaction(async (tx) => {
      if (await done(tx)) return null;
      await tx.execute(sql`set local work_mem = '256MB'`);
      return fill(tx, (await seedUser(tx)) ?? "");
    });
    if (!made) {
      log(`${name}: already there, skipped`);
      return;
    }
    for (const [table, n] of Object.entries(made)) {
      counts[table] = (counts[table] ?? 0) + n;
      filled.add(table);
    }
    log(
      `${name}: ${Object.entries(made)
        .map(([table, n]) => `${n} ${table}`)
        .join(", ")} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
  };

  // 1. Accounts, their notifications and tokens ---------------------------------------------------
  await part(
    "accounts",
    async (tx) =>
      (await rows(tx, sql`select 1 from users where username = ${BENCH_PROVINCE_OFFICER}`)).length > 0,
    async (tx) => {
      const passwordHash = await hashPassword(process.env.BENCH_PASSWORD ?? "Bench-password-2026");
      await tx.execute(sql`
        insert into users (id, username, display_name, password_hash, role, unit_id, active, must_change_password)
        values (gen_random_uuid(), ${SEED_USERNAME}, 'Dữ liệu đo tải (tự sinh)', ${await hashPassword(randomToken())}, 'admin',
                ${root.id}::uuid, false, false)
        on conflict do nothing`);
      const seed = (await seedUser(tx)) as string;
      const h = hash(sql`u.id::text || r.role`);
      // Every account shares the benchmark's password hash (one Argon2 hash, not 40,000).
      const users = await run(
        tx,
        sql`
        insert into users (id, username, display_name, password_hash, role, unit_id, active, must_change_password,
                           locale, last_login_at, password_changed_at, created_at, updated_at, created_by, updated_by)
        select gen_random_uuid(), r.prefix || lower(u.code), ${pick(names, h)}, ${passwordHash}, r.role, u.id,
               x.h % 100 >= 2, x.h % 100 between 2 and 7, 'vi',
               case when x.h % 100 >= 8 then now() - ((x.h % 2592000) || ' seconds')::interval end,
               case when x.h % 100 >= 8 then c.created + interval '1 day' end,
               c.created, c.created, ${seed}::uuid, ${seed}::uuid
        from units u
        cross join (values ('officer', 'canbo.'), ('leader', 'lanhdao.')) r(role, prefix)
        cross join lateral (select ${h} as h) x
        cross join lateral (select ${vnAt(sql`greatest(coalesce(u.active_from, date '2024-01-02'), date '2024-01-02') + x.h % 60`, "08:00")} as created) c
        where u.status = 'active' and u.code is not null
          and ((r.role = 'officer' and u.kind_id in (${kind("province")}, ${kind("commune")}, ${kind("bloc")}, ${kind("grassroots")}))
               or (r.role = 'leader' and u.kind_id in (${kind("province")}, ${kind("commune")})))
        on conflict do nothing`,
      );
      const unitOf = async (q: string, depth: number) => {
        const [u] = await rows<{ id: string }>(
          tx,
          sql`select id from units where status = 'active' and depth = ${depth} and search_text like ${`%${q}%`}
              order by sort_key, id limit 1`,
        );
        if (!u) throw new Error(`no unit "${q}" at depth ${depth}`);
        return u.id;
      };
      for (const [username, displayName, unitId] of [
        [BENCH_PROVINCE_OFFICER, "Cán bộ tỉnh (đo tải)", await unitOf("tinh uy bac ninh", 1)],
        [BENCH_COMMUNE_OFFICER, "Cán bộ xã (đo tải)", await unitOf("dang uy phuong kinh bac", 2)],
      ] as const)
        await tx.execute(sql`
          insert into users (id, username, display_name, password_hash, role, unit_id, must_change_password, created_by, updated_by)
          values (gen_random_uuid(), ${username}, ${displayName}, ${passwordHash}, 'officer', ${unitId}::uuid, false, ${seed}::uuid, ${seed}::uuid)`);
      // The seeded accounts and the benchmark's (bench.admin included).
      const seeded = sql`(u.created_by = ${seed}::uuid or u.username = 'bench.admin')`;
      const bench = sql`u.username in ('bench.admin', ${BENCH_PROVINCE_OFFICER}, ${BENCH_COMMUNE_OFFICER})`;
      const nh = hash(sql`u.id::text || n`);
      const notifications = await run(
        tx,
        sql`
        insert into notifications (id, user_id, kind, title, body, link, unit_id, read_at, created_at)
        select gen_random_uuid(), u.id, m.kind, m.title, m.body, m.link, u.unit_id,
               case when n > 3 and x.h % 10 < 9 then least(c.at + ((x.h % 72) || ' hours')::interval, now()) end, c.at
        from users u
        cross join lateral generate_series(1, case when ${bench} then ${LIST_VOLUMES.benchNotifications}
                                                   else ${hash(sql`u.id::text || 'n'`)} % 16 end) n
        cross join lateral (select ${nh} as h) x
        cross join lateral (select now() - ((case when ${bench} then n * 2 else n * 20 end + x.h % 2) || ' days')::interval
                                   - ((x.h % 36000) || ' seconds')::interval as at) c
        join unnest(${texts(notificationPool.map((p) => p.kind))}, ${texts(notificationPool.map((p) => p.title))},
                    ${texts(notificationPool.map((p) => p.body))}, ${texts(notificationPool.map((p) => p.link))})
             with ordinality as m(kind, title, body, link, idx) on m.idx = 1 + x.h % ${notificationPool.length}
        where ${seeded} and u.active`,
      );
      const tokens = await run(
        tx,
        sql`
        insert into api_tokens (id, user_id, name, prefix, token_hash, scope, created_at, last_used_at, expires_at, revoked_at)
        select gen_random_uuid(), u.id,
               (array['Đồng bộ số liệu báo cáo', 'Cổng thông tin điện tử', 'Bảng điều khiển tổng hợp'])[n],
               'tg_' || substr(s.secret, 1, 7), s.secret || md5(s.secret), case when n = 2 then 'read-write' else 'read' end,
               c.at, case when n <> 3 then now() - ((${nh} % 72) || ' hours')::interval end,
               c.at + interval '365 days', case when n = 3 then c.at + interval '30 days' end
        from users u
        cross join lateral generate_series(1, case when ${bench} then 3 when ${hash(sql`u.id::text || 't'`)} % 50 = 0 then 1 else 0 end) n
        cross join lateral (select md5(u.id::text || n || random()::text) as secret) s
        cross join lateral (select now() - ((40 + ${nh} % 200) || ' days')::interval as at) c
        where ${seeded} and u.active`,
      );
      return { users: users + 3, notifications, api_tokens: tokens };
    },
  );

  // 2. Exemplars --------------------------------------------------------------------------------
  await part(
    "exemplars",
    (tx) => madeBy(tx, "exemplars"),
    async (tx, seed) => {
      const h = sql`x.h`;
      const story = sql`case when s.kind = 'collective' then ${pick(collectiveStories, h)} else ${pick(individualStories, h)} end`;
      const storyFolded = sql`case when s.kind = 'collective' then ${pick(collectiveStories.map(foldForSearch), h)} else ${pick(individualStories.map(foldForSearch), h)} end`;
      const exemplars = await run(
        tx,
        sql`
        insert into exemplars (id, kind, unit_id, subject_unit_id, person_id, person_name, person_unit_name, title, field_id,
                               story, achievements, registered_on, status, review_unit_id, waiting_since,
                               recognised_unit_id, recognised_level, recognised_on, is_public, search_vector,
                               created_at, updated_at, created_by, updated_by)
        select gen_random_uuid(), s.kind, s.owner_id, s.subject_id, s.person_id, s.citizen_name, s.citizen_unit, s.title, ${field(h)},
               ${story}, ${pick(achievementsPool, sql`x.h2`)}, s.registered, s.status,
               case when s.status = 'submitted' then nullif(split_part(s.owner_path, '/', greatest(1, s.owner_depth - 1 - x.h2 % 2) + 2), '')::uuid end,
               case when s.status = 'submitted' then least(${vnAt(sql`s.registered + 10 + x.h2 % 60`, "09:00")}, now()) end,
               case when s.status = 'recognised' then rec.id end, case when s.status = 'recognised' then rk.code end,
               case when s.status = 'recognised' then greatest(s.registered, least(s.registered + 45 + x.h2 % 300, ${day} - 1 - x.h2 % 30)) end,
               s.status = 'recognised' and x.h2 % 10 < 4,
               ${vector(sql`s.title_folded`, sql`${storyFolded} || ' ' || ${pick(achievementsPool.map(foldForSearch), sql`x.h2`)}`, sql`s.owner_search || ' ' || s.unit_names`)},
               ${vnAt(sql`s.registered`, "09:00")}, least(${vnAt(sql`s.registered + x.h2 % 90`, "10:00")}, now()), ${seed}::uuid, ${seed}::uuid
        from (
          select o.id as owner_id, o.path as owner_path, o.depth as owner_depth, o.search_text as owner_search, o.h, o.h2,
                 case when o.collective then 'collective' else 'individual' end as kind,
                 case when o.collective then coalesce(child.id, o.id) end as subject_id,
                 case when not o.collective then per.id end as person_id,
                 case when not o.collective and per.id is null then ${pick(names, sql`o.h2`)} end as citizen_name,
                 case when not o.collective and per.id is null then 'Tổ dân phố số ' || (1 + o.h % 12) || ', ' || cm.name end as citizen_unit,
                 case when o.collective then coalesce(child.name, o.name) when per.id is not null then per.full_name
                      else ${pick(names, sql`o.h2`)} end as title,
                 case when o.collective then coalesce(child.search_text, o.search_text) when per.id is not null then per.search_text
                      else ${pick(names.map(foldForSearch), sql`o.h2`)} end as title_folded,
                 coalesce(cm.search_text, '') as unit_names,
                 greatest(date '2019-01-02' + o.h % greatest(1, ${day} - date '2019-01-02' - 60),
                          coalesce(o.active_from + 10 + o.h % 120, date '2000-01-01')) as registered,
                 case when o.h3 < 55 then 'recognised' when o.h3 < 72 then 'submitted' when o.h3 < 77 then 'returned' else 'draft' end as status
          from (
            select u.id, u.path, u.depth, u.name, u.search_text, u.kind_id, u.child_count, u.active_from, hh.h, hh.h2, hh.h3,
                   case when u.kind_id = ${kind("cell")} then hh.h % 100 >= 70 else hh.h % 100 < 70 end as collective,
                   u.kind_id = ${kind("cell")} and hh.h % 100 < 60 as registry_person
            from units u
            cross join lateral (select ${hash(sql`u.id::text || 'e'`)} as h, ${hash(sql`'e' || u.id::text`)} as h2,
                                       ${hash(sql`u.id::text || 's'`)} % 100 as h3) hh
            where u.depth >= 2 and u.status = 'active'
              and u.kind_id in (${kind("commune")}, ${kind("bloc")}, ${kind("grassroots")}, ${kind("cell")})
            order by md5(u.id::text || 'exemplar') limit ${LIST_VOLUMES.exemplars}
          ) o
          join units cm on cm.id = nullif(split_part(o.path, '/', 4), '')::uuid
          left join lateral (select p.id, p.full_name, p.search_text from people p
                             where o.registry_person and p.unit_id = o.id and p.status = 'active'
                             order by p.sort_key, p.id offset o.h2 % 8 limit 1) per on true
          left join lateral (select c.id, c.name, c.search_text from units c
                             where o.collective and o.kind_id <> ${kind("cell")} and o.h % 10 <> 0
                               and c.parent_id = o.id and c.status = 'active'
                             order by c.sort_key, c.id offset o.h2 % greatest(1, least(o.child_count, 50)) limit 1) child on true
        ) s
        cross join lateral (select s.h, s.h2) x
        left join units rec on rec.id = nullif(split_part(s.owner_path, '/', greatest(1, s.owner_depth - 1 - s.h % 3) + 2), '')::uuid
        left join unit_kinds rk on rk.id = rec.kind_id`,
      );
      // The models an exemplar built: the recognised models of the unit it honours.
      const links = await run(
        tx,
        sql`
        insert into exemplar_practices (exemplar_id, practice_id)
        select e.id, p.id from exemplars e
        join practices p on p.unit_id = coalesce(e.subject_unit_id, e.unit_id) and p.status = 'recognised'
        where e.created_by = ${seed}::uuid
        on conflict do nothing`,
      );
      return { exemplars, exemplar_practices: links };
    },
  );

  // 3. Commendation proposals and decisions -----------------------------------------------------
  await part(
    "commendations",
    (tx) => madeBy(tx, "commendation_proposals"),
    async (tx, seed) => {
      const [{ n: cellCount } = { n: 0 }] = await rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from units where kind_id = ${kind("cell")} and status = 'active' and depth = ${cellDepth}`,
      );
      if (!cellCount || cellDepth < 4) return {} as Record<string, number>;
      const reps = Math.ceil(LIST_VOLUMES.proposals / cellCount);
      // Each proposal starts from a cell: the proposing unit is the cell or one of its ancestors, its
      // recipients the cell's members and the cell or its ancestors below the proposer; it goes to the
      // nearest unit entitled to issue the form (Quy định 232-QĐ/TW, the migration's catalogue).
      await tx.execute(sql`
        create temporary table seed_proposals on commit drop as
        select gen_random_uuid() as id, c.id as cell_id, c.path as cell_path, x.h, x.h2, l.depth as proposer_depth, l.form,
               nullif(split_part(c.path, '/', l.depth + 2), '')::uuid as unit_id,
               nullif(split_part(c.path, '/', l.approver + 2), '')::uuid as approver_id,
               case when l.form = 'badge' then nullif(split_part(c.path, '/', 4), '')::uuid end as forwarder_id,
               case when x.h2 % 100 < 25 then 'approved' when x.h2 % 100 < 55 then 'submitted'
                    when x.h2 % 100 < 60 then 'returned' else 'draft' end as status,
               p.year - case when x.h % 10 = 0 then 4 else 0 end as period_start, p.year as period_end,
               t.created, t.submitted, t.decided
        from (select c.id, c.path, cm.active_from as since from units c
              join units cm on cm.id = nullif(split_part(c.path, '/', 4), '')::uuid
              where c.kind_id = ${kind("cell")} and c.status = 'active' and c.depth = ${cellDepth}) c
        cross join generate_series(1, ${reps}) r
        cross join lateral (select ${hash(sql`c.id::text || 'p' || r`)} as h, ${hash(sql`'p' || r || c.id::text`)} as h2) x
        cross join lateral (select case when x.h % 100 < 40 then 4 when x.h % 100 < 70 then 3 when x.h % 100 < 88 then 2
                                        when x.h % 100 < 96 then 1 else 3 end as depth,
                                   case when x.h % 100 < 70 then 'merit' when x.h % 100 < 88 then (case when x.h2 % 10 = 0 then 'banner' else 'commendation' end)
                                        when x.h % 100 < 96 then 'commendation' else 'badge' end as form,
                                   case when x.h % 100 < 40 then 3 when x.h % 100 < 70 then 2 when x.h % 100 < 88 then 1
                                        when x.h % 100 < 96 then 0 else 1 end as approver) l
        cross join lateral (select ${year} - x.h2 % 3 as year) p
        -- Proposed early the next year (this year's: in the last weeks), not before the units of
        -- the 2025 reform began; reviewed within weeks.
        cross join lateral (select least(greatest(make_date(p.year + 1, 1, 5) + x.h % 60, coalesce(c.since, date '2000-01-01') + 15 + x.h % 90),
                                         ${day} - 2 - x.h % 40) as created) d0
        cross join lateral (select d0.created, least(d0.created + 3 + x.h % 8, ${day} - 1) as submitted) d1
        cross join lateral (select d1.created, d1.submitted, greatest(d1.submitted, least(d1.submitted + 12 + x.h % 30, ${day} - 1 - x.h % 3)) as decided) d
        cross join lateral (select ${vnAt(sql`d.created`, "08:30")} as created, ${vnAt(sql`d.submitted`, "09:00")} as submitted,
                                   ${vnAt(sql`d.decided`, "14:00")} as decided) t
        order by md5(c.id::text || r) limit ${LIST_VOLUMES.proposals}`);
      await analyze(tx, "seed_proposals");
      const proposals = await run(
        tx,
        sql`
        insert into commendation_proposals (id, unit_id, form_id, period_start, period_end, title, reason, status,
                                            review_unit_id, waiting_since, approved_unit_id, approved_at,
                                            created_at, updated_at, created_by, updated_by)
        select p.id, p.unit_id, f.id, p.period_start, p.period_end,
               'Đề nghị tặng ' || f.name || ' cho tập thể, cá nhân có thành tích trong học tập và làm theo Bác '
                 || case when p.period_start = p.period_end then 'năm ' || p.period_end else 'giai đoạn ' || p.period_start || '–' || p.period_end end,
               ${pick(proposalReasons, sql`p.h`)}, p.status,
               case when p.status = 'submitted' then (case when p.forwarder_id is not null and p.h % 2 = 0 then p.forwarder_id else p.approver_id end) end,
               case when p.status = 'submitted' then p.submitted end,
               case when p.status = 'approved' then p.approver_id end, case when p.status = 'approved' then p.decided end,
               p.created, case when p.status = 'draft' then p.created when p.status = 'submitted' then p.submitted else p.decided end,
               ${seed}::uuid, ${seed}::uuid
        from seed_proposals p join commendation_forms f on f.unit_id is null and f.code = p.form`,
      );
      // Recipients: the collectives first (the cell, then its grassroots organisation, then its
      // commune, as far as the proposer allows), then members of the cell.
      const recipients = await run(
        tx,
        sql`
        insert into commendation_proposal_recipients (id, proposal_id, position, kind, subject_unit_id, person_id, name, unit_label,
                                                      unit_id, achievement, status, trim_reason, trimmed_at, trimmed_unit_id, trimmed_by)
        select gen_random_uuid(), p.id, i, case when k.collective then 'collective' else 'individual' end,
               su.id, per.id, coalesce(su.name, per.full_name),
               case when k.collective then coalesce(sp.name, '') else cell.name || ', ' || g.name end,
               coalesce(su.id, per.unit_id), ${pick(achievementsPool, sql`p.h % 1000 + i`)},
               case when t.trimmed then 'trimmed' else 'proposed' end,
               case when t.trimmed then 'Chưa đủ tiêu chuẩn theo quy định.' end,
               case when t.trimmed then p.decided - interval '1 day' end,
               case when t.trimmed then p.approver_id end,
               case when t.trimmed then 'Cán bộ chuyên trách' end
        from seed_proposals p
        join units cell on cell.id = p.cell_id
        join units g on g.id = cell.parent_id
        cross join lateral generate_series(1, case when p.form = 'banner' then 1 else 1 + p.h % 8 end) i
        cross join lateral (select case when p.form = 'banner' then true when p.form = 'badge' then false
                                        else i <= least(p.h2 % 3, ${cellDepth} - p.proposer_depth + 1) end as collective) k0
        cross join lateral (select k0.collective, case when p.form = 'banner' then p.proposer_depth + 3
                                                      when k0.collective then ${cellDepth} - i + 3 end as idx) k
        cross join lateral (select p.status = 'approved' and i > 1 and ${hash(sql`p.id::text || i`)} % 17 = 0 as trimmed) t
        left join units su on su.id = nullif(split_part(p.cell_path, '/', k.idx), '')::uuid
        left join units sp on sp.id = su.parent_id
        left join lateral (select x.id, x.full_name, x.unit_id from people x
                           where not k.collective and x.unit_id = p.cell_id and x.status = 'active'
                           order by x.sort_key, x.id offset i - 1 limit 1) per on true
        where su.id is not null or per.id is not null`,
      );
      // One decision per approved proposal, drafted at the approving unit; most issued, numbered in
      // each unit's year (the units have no recorded terms: numbering restarts each calendar year).
      await tx.execute(sql`
        create temporary table seed_decisions on commit drop as
        select gen_random_uuid() as id, p.id as proposal_id, p.approver_id as unit_id, p.form, p.period_start, p.period_end, p.h,
               case when p.h % 10 = 0 then 'draft' else 'issued' end as status,
               case when p.h % 10 <> 0 then greatest((p.decided at time zone 'Asia/Ho_Chi_Minh')::date,
                                                     least((p.decided at time zone 'Asia/Ho_Chi_Minh')::date + p.h % 12, ${day} - 1 - p.h % 4)) end as issued_on,
               p.decided
        from seed_proposals p where p.status = 'approved'`);
      await analyze(tx, "seed_decisions", "commendation_proposal_recipients");
      const decisions = await run(
        tx,
        sql`
        insert into commendation_decisions (id, unit_id, proposal_id, form_id, period_start, period_end, status, summary, preamble, reason,
                                            recipients_text, signer_authority, signer_title, signer_name, number, number_term,
                                            issuer_code, issuer_name, upper_name, place, issued_on, issued_at,
                                            created_at, updated_at, created_by, updated_by)
        select d.id, d.unit_id, d.proposal_id, f.id, d.period_start, d.period_end, d.status,
               'Về việc tặng ' || f.name || ' cho tập thể, cá nhân có thành tích trong học tập và làm theo Bác',
               'Căn cứ Quy định số 232-QĐ/TW của Ban Chấp hành Trung ương về công tác thi đua, khen thưởng;' || chr(10)
                 || 'Xét đề nghị của ' || pu.name || ',',
               ${pick(proposalReasons, sql`d.h`)},
               '- Như Điều 2,' || chr(10) || '- Lưu Văn phòng.',
               'T/M BAN THƯỜNG VỤ', 'BÍ THƯ', ${pick(names, sql`d.h`)},
               n.number, case when d.status = 'issued' then extract(year from d.issued_on)::int::text end,
               case when d.status = 'issued' then ${issuerCodeOf(sql`u.depth`)} end,
               case when d.status = 'issued' then u.name end,
               case when d.status = 'issued' and u.depth >= 2 then ${partyBody(sql`parent.name`)} end,
               case when d.status = 'issued' then ${placeOf(sql`province.name`)} end,
               d.issued_on, ${vnAt(sql`d.issued_on`, "15:00")},
               d.decided, coalesce(${vnAt(sql`d.issued_on`, "15:00")}, d.decided), ${seed}::uuid, ${seed}::uuid
        from seed_decisions d
        join commendation_forms f on f.unit_id is null and f.code = d.form
        join units u on u.id = d.unit_id
        join commendation_proposals cp on cp.id = d.proposal_id
        join units pu on pu.id = cp.unit_id
        left join units parent on parent.id = u.parent_id
        left join units province on u.depth >= 1 and province.id = nullif(split_part(u.path, '/', 3), '')::uuid
        left join (select id, row_number() over (partition by unit_id, extract(year from issued_on) order by issued_on, id)::int as number
                   from seed_decisions where status = 'issued') n on n.id = d.id`,
      );
      const decisionRecipients = await run(
        tx,
        sql`
        insert into commendation_decision_recipients (id, decision_id, proposal_recipient_id, position, kind, subject_unit_id, person_id,
                                                      name, unit_label, unit_id, achievement)
        select gen_random_uuid(), d.id, r.id, row_number() over (partition by d.id order by r.position)::int, r.kind, r.subject_unit_id,
               r.person_id, r.name, r.unit_label, r.unit_id, r.achievement
        from seed_decisions d join commendation_proposal_recipients r on r.proposal_id = d.proposal_id and r.status = 'proposed'`,
      );
      // A few issued decisions corrected: the correction gets its own number and names the one it
      // replaces, which is marked corrected; both are kept.
      await tx.execute(sql`
        create temporary table seed_corrections on commit drop as
        select gen_random_uuid() as id, d.id as corrects_id, d.unit_id, d.number_term,
               (select max(x.number) from commendation_decisions x where x.unit_id = d.unit_id and x.number_term = d.number_term)
                 + row_number() over (partition by d.unit_id, d.number_term order by d.id)::int as number,
               least(d.issued_on + 20, ${day} - 1) as issued_on
        from commendation_decisions d
        where d.created_by = ${seed}::uuid and d.status = 'issued' and ${hash(sql`d.id::text || 'c'`)} % 200 = 0
          and d.issued_on + 20 < ${day} and extract(year from d.issued_on + 20)::int::text = d.number_term`);
      const corrections = await run(
        tx,
        sql`
        insert into commendation_decisions (id, unit_id, proposal_id, corrects_id, form_id, period_start, period_end, status, summary,
                                            preamble, reason, correction_reason, recipients_text, signer_authority, signer_title,
                                            signer_name, number, number_term, issuer_code, issuer_name, upper_name, place,
                                            issued_on, issued_at, created_at, updated_at, created_by, updated_by)
        select c.id, d.unit_id, null::uuid, d.id, d.form_id, d.period_start, d.period_end, 'issued', d.summary, d.preamble, d.reason,
               'Đính chính họ tên, đơn vị của cá nhân được khen thưởng.', d.recipients_text, d.signer_authority, d.signer_title,
               d.signer_name, c.number, d.number_term, d.issuer_code, d.issuer_name, d.upper_name, d.place,
               c.issued_on, ${vnAt(sql`c.issued_on`, "15:00")}, ${vnAt(sql`c.issued_on - 3`, "09:00")},
               ${vnAt(sql`c.issued_on`, "15:00")}, ${seed}::uuid, ${seed}::uuid
        from seed_corrections c join commendation_decisions d on d.id = c.corrects_id`,
      );
      await tx.execute(sql`
        insert into commendation_decision_recipients (id, decision_id, proposal_recipient_id, position, kind, subject_unit_id, person_id,
                                                      name, unit_label, unit_id, achievement)
        select gen_random_uuid(), c.id, r.proposal_recipient_id, r.position, r.kind, r.subject_unit_id, r.person_id, r.name,
               r.unit_label, r.unit_id, r.achievement
        from seed_corrections c join commendation_decision_recipients r on r.decision_id = c.corrects_id`);
      await tx.execute(sql`
        update commendation_decisions d set status = 'corrected', corrected_by_id = c.id, updated_at = ${vnAt(sql`c.issued_on`, "15:00")}
        from seed_corrections c where d.id = c.corrects_id`);
      // The counters the next issue takes its number from.
      await tx.execute(sql`
        insert into document_numbers (unit_id, type, term, last_number)
        select unit_id, 'QĐ', number_term, max(number) from commendation_decisions
        where created_by = ${seed}::uuid and number is not null group by 1, 3
        on conflict (unit_id, type, term) do update set last_number = greatest(document_numbers.last_number, excluded.last_number)`);
      // Their steps, for the histories: submitted (forwarded), returned or approved; issued, corrected.
      const actor = (unit: SQL) =>
        sql`(select a.id from users a where a.unit_id = ${unit} and a.role = 'officer' order by a.username limit 1)`;
      const steps = await run(
        tx,
        sql`
        insert into commendation_steps (id, subject_type, subject_id, action, from_unit_id, to_unit_id, actor_id, actor_name, comment, at)
        select gen_random_uuid(), s.subject_type, s.subject_id, s.action, s.from_unit, s.to_unit, s.actor_id,
               coalesce((select display_name from users where id = s.actor_id), 'Cán bộ chuyên trách'), s.comment, s.at
        from (
          select 'proposal' as subject_type, p.id as subject_id, 'submit' as action, p.unit_id as from_unit,
                 coalesce(p.forwarder_id, p.approver_id) as to_unit, ${actor(sql`p.unit_id`)} as actor_id, null as comment, p.submitted as at
          from seed_proposals p where p.status <> 'draft'
          union all
          select 'proposal', p.id, 'forward', p.forwarder_id, p.approver_id, ${actor(sql`p.forwarder_id`)}, null,
                 p.submitted + interval '2 days'
          from seed_proposals p where p.forwarder_id is not null and (p.status in ('approved', 'returned') or (p.status = 'submitted' and p.h % 2 = 1))
          union all
          select 'proposal', p.id, case when p.status = 'approved' then 'approve' else 'return' end, p.approver_id,
                 case when p.status = 'returned' then p.unit_id end, ${actor(sql`p.approver_id`)},
                 case when p.status = 'returned' then 'Đề nghị bổ sung thành tích của từng cá nhân.' end, p.decided
          from seed_proposals p where p.status in ('approved', 'returned')
          union all
          select 'decision', d.id, 'issue', d.unit_id, null, ${actor(sql`d.unit_id`)}, null, d.issued_at
          from commendation_decisions d where d.created_by = ${seed}::uuid and d.status in ('issued', 'corrected')
          union all
          select 'decision', d.id, 'correct', d.unit_id, null, ${actor(sql`d.unit_id`)}, d.correction_reason, d.created_at
          from commendation_decisions d where d.created_by = ${seed}::uuid and d.corrects_id is not null
        ) s`,
      );
      return {
        commendation_proposals: proposals,
        commendation_proposal_recipients: recipients,
        commendation_decisions: decisions + corrections,
        commendation_decision_recipients: decisionRecipients,
        commendation_steps: steps,
      };
    },
  );

  // 4. Plans ------------------------------------------------------------------------------------
  await part(
    "plans",
    (tx) => madeBy(tx, "plans"),
    async (tx, seed) => {
      // The centre's and provinces' annual plans of three years and whole-term plans; the communes'
      // (and the bloc's) whole-term plan and annual plans since they exist; a sixth of the grassroots
      // organisations' plan of this year. Each derived from the parent's plan of the same kind and year.
      await tx.execute(sql`
        create temporary table seed_plans on commit drop as
        select gen_random_uuid() as id, u.id as unit_id, u.parent_id, u.depth, u.name, u.path, s.kind, s.start_year, s.end_year, s.term, x.h,
               i.issued_on, case when i.issued_on <= ${day} - 1 and (s.start_year < ${year} or s.kind = 'whole_term' or u.depth <= 1
                                  or (u.depth = 2 and x.h % 10 < 9) or (u.depth >= 3 and x.h % 10 < 7)) then 'issued' else 'draft' end as status,
               null::uuid as parent_plan_id, null::int as number
        from units u
        cross join (values ('annual', ${year - 2}, ${year - 2}, null), ('annual', ${year - 1}, ${year - 1}, null),
                           ('annual', ${year}, ${year}, null), ('whole_term', 2025, 2030, '2025–2030')) s(kind, start_year, end_year, term)
        cross join lateral (select ${hash(sql`u.id::text || s.kind || s.start_year`)} as h) x
        cross join lateral (select greatest(coalesce(u.active_from, date '2000-01-01') + 10,
                                   case when s.kind = 'whole_term' then date '2025-03-10' + 60 * u.depth + x.h % 30
                                        else make_date(s.start_year, 1, 8) + 20 * u.depth + x.h % 15 end) as issued_on) i
        where u.status = 'active'
          and (u.kind_id in (${kind("central")}, ${kind("province")})
               or (u.kind_id in (${kind("commune")}, ${kind("bloc")}) and (s.kind = 'whole_term' or s.start_year = ${year}
                   or (s.start_year = ${year - 1} and x.h % 10 < 9)))
               or (u.kind_id = ${kind("grassroots")} and s.kind = 'annual' and s.start_year = ${year} and x.h % 100 < 15))
          and (u.active_from is null or u.active_from <= make_date(s.end_year, 12, 31))`);
      await analyze(tx, "seed_plans");
      await tx.execute(sql`
        update seed_plans c set parent_plan_id = p.id
        from seed_plans p where p.unit_id = c.parent_id and p.kind = c.kind and p.start_year = c.start_year and p.status = 'issued'`);
      await tx.execute(sql`
        update seed_plans c set number = n.number
        from (select id, row_number() over (partition by unit_id, extract(year from issued_on) order by issued_on, id)::int as number
              from seed_plans where status = 'issued') n where n.id = c.id`);
      const plans = await run(
        tx,
        sql`
        insert into plans (id, unit_id, kind, term, start_year, end_year, title, summary, preamble, purpose, implementation, recipients,
                           signer_authority, signer_title, signer_name, status, parent_plan_id, number, number_term, issuer_code,
                           issuer_name, upper_name, place, issued_on, issued_at, created_at, updated_at, created_by, updated_by)
        select p.id, p.unit_id, p.kind, p.term, p.start_year, p.end_year, 'Kế hoạch ' || t.what, t.what,
               case when pp.id is null then 'Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW, Ban Thường vụ xây dựng kế hoạch như sau:'
                    else 'Thực hiện Kế hoạch số ' || lpad(pp.number::text, 2, '0') || '-KH/' || ${issuerCodeOf(sql`pp.depth`)} || ' của Ban Thường vụ ' || pp.name
                         || ', Ban Thường vụ ' || p.name || ' xây dựng kế hoạch như sau:' end,
               ${PLAN_PURPOSE}, ${PLAN_IMPLEMENTATION},
               coalesce('- ' || parent.name || ' (để báo cáo),' || chr(10), '') || '- Các chi bộ, đảng bộ trực thuộc,' || chr(10) || '- Lưu Văn phòng.',
               'T/M BAN THƯỜNG VỤ', case when p.h % 3 = 0 then 'PHÓ BÍ THƯ' else 'BÍ THƯ' end, ${pick(names, sql`p.h`)},
               p.status, p.parent_plan_id, p.number,
               case when p.status = 'issued' then extract(year from p.issued_on)::int::text end,
               case when p.status = 'issued' then ${issuerCodeOf(sql`p.depth`)} end,
               case when p.status = 'issued' then p.name end,
               case when p.status = 'issued' and p.depth >= 2 then ${partyBody(sql`parent.name`)} end,
               case when p.status = 'issued' then ${placeOf(sql`province.name`)} end,
               case when p.status = 'issued' then p.issued_on end,
               case when p.status = 'issued' then ${vnAt(sql`p.issued_on`, "16:00")} end,
               ${vnAt(sql`least(p.issued_on - 20, ${day} - 2)`, "08:00")},
               ${vnAt(sql`least(p.issued_on, ${day} - 1)`, "16:00")}, ${seed}::uuid, ${seed}::uuid
        from seed_plans p
        cross join lateral (select 'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh '
                                   || case when p.kind = 'whole_term' then 'nhiệm kỳ ' || p.term else 'năm ' || p.start_year end as what) t
        left join seed_plans pp on pp.id = p.parent_plan_id
        left join units parent on parent.id = p.parent_id
        left join units province on p.depth >= 1 and province.id = nullif(split_part(p.path, '/', 3), '')::uuid`,
      );
      // Objectives and tasks: the root's written, the others' copied from the parent's and linked.
      await tx.execute(sql`
        create temporary table seed_plan_items on commit drop as
        select gen_random_uuid() as id, p.id as plan_id, p.parent_plan_id, p.unit_id, p.kind, p.start_year, p.status, p.h, i.position, i.item
        from seed_plans p
        cross join (select g as position, 'objective' as item from generate_series(1, ${planObjectives.length}) g
                    union all select g, 'task' from generate_series(1, ${planTasks.length}) g) i`);
      await analyze(tx, "seed_plan_items");
      const objectives = await run(
        tx,
        sql`
        insert into plan_objectives (id, plan_id, position, content, inherited_from_id)
        select o.id, o.plan_id, o.position, (${texts(planObjectives)})[o.position], po.id
        from seed_plan_items o
        left join seed_plan_items po on po.plan_id = o.parent_plan_id and po.position = o.position and po.item = 'objective'
        where o.item = 'objective'`,
      );
      const th = hash(sql`t.id::text`);
      const tasks = await run(
        tx,
        sql`
        insert into plan_tasks (id, plan_id, position, content, owner_unit_id, deadline, status, progress, note, inherited_from_id,
                                created_at, updated_at, created_by, updated_by)
        select t.id, t.plan_id, t.position, (${texts(planTasks)})[t.position], t.unit_id, d.deadline,
               case when t.status = 'draft' then 'not_started' when d.deadline < ${day} and ${th} % 10 < 9 then 'done'
                    when ${th} % 3 = 0 then 'not_started' else 'in_progress' end,
               case when t.status = 'draft' then 0 when d.deadline < ${day} and ${th} % 10 < 9 then 100
                    when ${th} % 3 = 0 then 0 else 10 * (1 + ${th} % 9) end,
               case when t.status = 'issued' and d.deadline < ${day} then 'Đã triển khai đến 100% chi bộ.' else '' end,
               pt.id, now() - interval '30 days', now() - ((${th} % 30) || ' days')::interval, ${seed}::uuid, ${seed}::uuid
        from seed_plan_items t
        cross join lateral (select case when t.kind = 'whole_term' then (array[date '2026-06-30', date '2027-12-31', date '2028-06-30', date '2030-06-30'])[t.position]
                                        else (array[make_date(t.start_year, 3, 31), make_date(t.start_year, 6, 30), make_date(t.start_year, 9, 30),
                                                    make_date(t.start_year, 12, 15)])[t.position] end as deadline) d
        left join seed_plan_items pt on pt.plan_id = t.parent_plan_id and pt.position = t.position and pt.item = 'task'
        where t.item = 'task'`,
      );
      await tx.execute(sql`
        insert into document_numbers (unit_id, type, term, last_number)
        select unit_id, 'KH', number_term, max(number) from plans
        where created_by = ${seed}::uuid and number is not null group by 1, 3
        on conflict (unit_id, type, term) do update set last_number = greatest(document_numbers.last_number, excluded.last_number)`);
      return { plans, plan_objectives: objectives, plan_tasks: tasks };
    },
  );

  // 5. Topics and study sessions ----------------------------------------------------------------
  await part(
    "topics",
    (tx) => madeBy(tx, "topics"),
    async (tx, seed) => {
      const yearTitle = sql`(${texts(topicTitles)})[1 + y % ${topicTitles.length}]`;
      const topics = await run(
        tx,
        sql`
        insert into topics (id, unit_id, year, title, summary, links, created_at, updated_at, created_by, updated_by)
        select gen_random_uuid(), u.id, y,
               case when u.depth = 0 then ${yearTitle} else ${yearTitle} || ' (' || u.name || ' cụ thể hóa)' end,
               'Chuyên đề năm ' || y || ': mỗi chi bộ tổ chức học tập, thảo luận; mỗi đảng viên liên hệ bản thân, đăng ký việc làm cụ thể để làm theo Bác.',
               '[{"title":"Tư liệu văn kiện Đảng","url":"https://tulieuvankien.dangcongsan.vn/"}]'::jsonb,
               ${vnAt(sql`make_date(y, 1, 5)`, "09:00")}, ${vnAt(sql`make_date(y, 1, 5)`, "09:00")},
               ${seed}::uuid, ${seed}::uuid
        from units u
        cross join generate_series(${year - 2}::int, ${year}::int) y
        where u.status = 'active' and (u.depth <= 1
              or (u.kind_id in (${kind("commune")}, ${kind("bloc")}) and y = ${year} and ${hash(sql`u.id::text || 'topic'`)} % 4 = 0))
        on conflict do nothing`,
      );
      // Cells that keep their sessions here: one a year (a tenth a second, make-up one), on the
      // topic of the nearest unit above that issued one for the year.
      await tx.execute(sql`
        create temporary table seed_sessions on commit drop as
        select gen_random_uuid() as id, c.id as unit_id, y, n, coalesce(tc.id, tp.id, tr.id) as topic_id, x.h,
               least(make_date(y, 2, 15) + x.h % 280 + 30 * (n - 1), ${day} - 1 - x.h % 20) as held_on
        from (select id, path from units where kind_id = ${kind("cell")} and status = 'active' and depth = ${cellDepth}
              order by md5(id::text || 'study') limit ${Math.ceil(LIST_VOLUMES.studySessions / 3.3)}) c
        cross join generate_series(${year - 2}::int, ${year}::int) y
        cross join lateral (select ${hash(sql`c.id::text || y`)} as h) x
        cross join lateral generate_series(1, case when x.h % 10 = 0 then 2 else 1 end) n
        left join topics tc on tc.unit_id = nullif(split_part(c.path, '/', 4), '')::uuid and tc.year = y
        left join topics tp on tp.unit_id = nullif(split_part(c.path, '/', 3), '')::uuid and tp.year = y
        left join topics tr on tr.unit_id = nullif(split_part(c.path, '/', 2), '')::uuid and tr.year = y
        where coalesce(tc.id, tp.id, tr.id) is not null`);
      await analyze(tx, "seed_sessions");
      const sessions = await run(
        tx,
        sql`
        insert into study_sessions (id, unit_id, topic_id, held_on, notes, created_at, updated_at, created_by, updated_by)
        select s.id, s.unit_id, s.topic_id, s.held_on,
               case when s.n = 2 then 'Học bù cho đảng viên vắng buổi trước.' else ${pick(sessionNotes, sql`s.h`)} end,
               ${vnAt(sql`s.held_on`, "16:00")}, ${vnAt(sql`s.held_on`, "16:00")}, ${seed}::uuid, ${seed}::uuid
        from seed_sessions s`,
      );
      const attendance = await run(
        tx,
        sql`
        insert into study_attendance (session_id, person_id)
        select s.id, p.id from seed_sessions s join people p on p.unit_id = s.unit_id
        where p.status = 'active' and (p.joined_on is null or p.joined_on <= s.held_on)
          and ${hash(sql`p.id::text || s.id::text`)} % 100 < case when s.n = 1 then 85 else 10 end
        order by s.id, p.id`,
      );
      return { topics, study_sessions: sessions, study_attendance: attendance };
    },
  );

  // 6. Library ----------------------------------------------------------------------------------
  await part(
    "library",
    (tx) => madeBy(tx, "library_documents"),
    async (tx, seed) => {
      // The centre: 160 documents since 2016 (directives, conclusions, guidance, materials, five
      // years of monthly bulletins); each province 45 (two years of bulletins); each commune one.
      await tx.execute(sql`
        create temporary table seed_documents on commit drop as
        select gen_random_uuid() as id, u.id as unit_id, u.depth, u.name, u.search_text as unit_search, u.code, i, x.h, k.kind,
               case when k.kind = 'bulletin' then least((date_trunc('month', ${day}::timestamp) - ((i - k.first) || ' months')::interval)::date + 4, ${day} - 1)
                    else date '2016-05-15' + x.h % (${day} - date '2016-05-15') end as issued_on
        from units u
        cross join lateral generate_series(1, case when u.depth = 0 then 160 when u.depth = 1 then 45 else 1 end) i
        cross join lateral (select ${hash(sql`u.id::text || 'doc' || i`)} as h) x
        cross join lateral (select case when u.depth = 0 then (case when i <= 6 then 'directive' when i <= 10 then 'conclusion'
                                                                   when i <= 50 then 'guidance' when i <= 100 then 'material' else 'bulletin' end)
                                        when u.depth = 1 then (case when i = 1 then 'directive' when i <= 11 then 'guidance'
                                                                    when i <= 21 then 'material' else 'bulletin' end)
                                        else (case when x.h % 2 = 0 then 'bulletin' else 'guidance' end) end as kind,
                                   case when u.depth = 0 then 101 when u.depth = 1 then 22 else 1 end as first) k
        where u.status = 'active' and (u.depth <= 1 or u.kind_id in (${kind("commune")}, ${kind("bloc")}))`);
      await analyze(tx, "seed_documents");
      const title = (k: string, folded: boolean) =>
        pick(folded ? (documentTitles[k] ?? []).map(foldForSearch) : (documentTitles[k] ?? []), sql`d.h`);
      const number = sql`case d.kind when 'directive' then (1 + d.h % 40) || '-CT/' || ${issuerCodeOf(sql`d.depth`)}
                                     when 'conclusion' then (1 + d.h % 40) || '-KL/TW'
                                     when 'guidance' then (1 + d.h % 60) || '-HD/' || case when d.depth = 0 then 'BTGDVTW' when d.depth = 1 then 'BTGDVTU' else 'ĐU' end
                                     else '' end`;
      const titleOf = (folded: boolean) => sql`case d.kind
          when 'bulletin' then ${folded ? "thong bao noi bo thang " : "Thông báo nội bộ tháng "} || extract(month from d.issued_on) || ${folded ? " nam " : " năm "} || extract(year from d.issued_on)
          when 'directive' then ${title("directive", folded)}
          when 'conclusion' then ${title("conclusion", folded)}
          when 'guidance' then ${title("guidance", folded)} || ${folded ? " nam " : " năm "} || extract(year from d.issued_on)
          else ${title("material", folded)} || ${folded ? " nam " : " năm "} || extract(year from d.issued_on) end`;
      const summaryOf = (folded: boolean) =>
        sql`case d.kind ${sql.join(
          Object.entries(documentSummaries).map(
            ([k, s]) => sql`when ${k} then ${folded ? foldForSearch(s) : s}`,
          ),
          sql` `,
        )} end`;
      const kindNameOf = sql`case d.kind ${sql.join(
        Object.entries(kindNames).map(([k, s]) => sql`when ${k} then ${foldForSearch(s)}`),
        sql` `,
      )} end`;
      const documents = await run(
        tx,
        sql`
        insert into library_documents (id, unit_id, kind, number, title, summary, issued_on, search_vector, created_at, updated_at,
                                       created_by, updated_by)
        select d.id, d.unit_id, d.kind, ${number}, ${titleOf(false)}, ${summaryOf(false)}, d.issued_on,
               ${vector(titleOf(true), sql`${kindNameOf} || ' ' || lower(translate(${number}, 'Đ', 'd')) || ' ' || ${summaryOf(true)}`, sql`d.unit_search`)},
               ${vnAt(sql`d.issued_on`, "10:00")}, ${vnAt(sql`d.issued_on`, "10:00")}, ${seed}::uuid, ${seed}::uuid
        from seed_documents d`,
      );
      // One file each (a tenth have a second version). Only the rows: the bytes are not in the
      // benchmark's file store, so a download answers 404 (the list shows the versions).
      await tx.execute(sql`
        create temporary table seed_versions on commit drop as
        select gen_random_uuid() as id, gen_random_uuid() as file_id, d.id as document_id, d.unit_id, v as number, d.h, d.issued_on,
               (select a.id from users a where a.unit_id = d.unit_id and a.role = 'officer' order by a.username limit 1) as created_by
        from seed_documents d cross join lateral generate_series(1, case when d.h % 10 = 0 then 2 else 1 end) v`);
      const files = await run(
        tx,
        sql`
        insert into stored_files (id, owner_type, owner_id, file_name, content_type, kind, size, storage_key, created_at, created_by)
        select v.file_id, 'document', v.document_id, 'van-ban-' || v.number || '.pdf', 'application/pdf', 'pdf', 150000 + v.h % 2000000,
               'bench-seed/' || v.file_id || '.pdf', ${vnAt(sql`v.issued_on + (v.number - 1) * 7`, "10:00")}, v.created_by
        from seed_versions v`,
      );
      const versions = await run(
        tx,
        sql`
        insert into library_versions (id, document_id, number, file_id, note, created_at, created_by)
        select v.id, v.document_id, v.number, v.file_id, case when v.number = 2 then 'Bản đã sửa lỗi chính tả.' else '' end,
               ${vnAt(sql`v.issued_on + (v.number - 1) * 7`, "10:00")}, v.created_by
        from seed_versions v`,
      );
      await analyze(tx, "library_documents");
      // Read receipts of the last year's bulletins: about half the accounts of the province and
      // commune levels below the issuer have marked each one read.
      const reads = await run(
        tx,
        sql`
        insert into library_reads (document_id, user_id, person_id, unit_id, read_at)
        select d.id, a.id, null, a.unit_id, least(${vnAt(sql`d.issued_on + 1 + ${hash(sql`a.id::text || d.id::text`)} % 20`, "09:00")}, now())
        from users a join units au on au.id = a.unit_id and au.depth <= 2
        cross join lateral generate_series(0, au.depth) k
        join library_documents d on d.unit_id = nullif(split_part(au.path, '/', k + 2), '')::uuid
        where a.active and d.created_by = ${seed}::uuid and d.kind = 'bulletin' and d.issued_on >= ${day} - 365
          and ${hash(sql`a.id::text || d.id::text`)} % 100 < 50
        on conflict do nothing`,
      );
      return {
        library_documents: documents,
        stored_files: files,
        library_versions: versions,
        library_reads: reads,
      };
    },
  );

  // 7. Booklets ---------------------------------------------------------------------------------
  await part(
    "booklets",
    (tx) => madeBy(tx, "booklets"),
    async (tx, seed) => {
      await tx.execute(sql`
        create temporary table seed_booklets on commit drop as
        select gen_random_uuid() as id, u.id as unit_id, u.name, n, x.h, 5 + x.h % 20 as size
        from units u
        cross join lateral (select ${hash(sql`u.id::text || 'booklet'`)} as h) x
        cross join lateral generate_series(1, case when u.depth = 1 then 10 when u.depth = 2 and x.h % 10 < 3 then 1
                                                   when u.depth = 3 and x.h % 100 < 2 then 1 else 0 end) n
        where u.status = 'active' and u.depth between 1 and 3`);
      await analyze(tx, "seed_booklets");
      const booklets = await run(
        tx,
        sql`
        insert into booklets (id, unit_id, title, subtitle, created_at, updated_at, created_by, updated_by)
        select b.id, b.unit_id, 'Tập mô hình hay, cách làm sáng tạo năm ' || (${year} + 1 - b.n),
               'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh — ' || b.name,
               ${vnAt(sql`least(make_date(${year} + 1 - b.n, 11, 1) - case when b.n = 1 then 60 else 0 end, ${day} - 2)`, "09:00")},
               ${vnAt(sql`least(make_date(${year} + 1 - b.n, 12, 1) + b.h % 20, ${day} - 1)`, "15:00")},
               ${seed}::uuid, ${seed}::uuid
        from seed_booklets b`,
      );
      // Recognised models of the booklet unit's subtree, a few to a couple of dozen each.
      const items = await run(
        tx,
        sql`
        insert into booklet_items (booklet_id, practice_id, position)
        select booklet_id, practice_id, row_number() over (partition by booklet_id order by rank)::int
        from (
          select b.id as booklet_id, p.id as practice_id, b.size, md5(b.id::text || p.id::text) as rank,
                 row_number() over (partition by b.id order by md5(b.id::text || p.id::text)) as rn
          from practices p join units o on o.id = p.unit_id
          cross join generate_series(1, 3) d
          join seed_booklets b on b.unit_id = nullif(split_part(o.path, '/', d + 2), '')::uuid
          where p.status = 'recognised' and o.depth >= d
        ) c where rn <= size`,
      );
      return { booklets, booklet_items: items };
    },
  );

  // 8. Ethics standards -------------------------------------------------------------------------
  await part(
    "standards",
    (tx) => madeBy(tx, "standards"),
    async (tx, seed) => {
      await tx.execute(sql`
        create temporary table seed_standards on commit drop as
        select gen_random_uuid() as id, u.id as unit_id, u.name, x.h, case when x.h % 10 < 3 then 2 else 1 end as current_number
        from units u cross join lateral (select ${hash(sql`u.id::text || 'std'`)} as h) x
        where u.status = 'active' and (u.depth <= 2 or (u.kind_id = ${kind("grassroots")} and x.h % 5 = 0))`);
      await analyze(tx, "seed_standards");
      const standards = await run(
        tx,
        sql`
        insert into standards (id, unit_id, current_number, created_at, updated_at, created_by, updated_by)
        select s.id, s.unit_id, s.current_number, timestamptz '2024-01-02 09:00+07', timestamptz '2025-09-01 09:00+07' + (s.h % 90) * interval '1 day',
               ${seed}::uuid, ${seed}::uuid
        from seed_standards s`,
      );
      const versions = await run(
        tx,
        sql`
        insert into standard_versions (id, standard_id, number, title, items, note, effective_on, created_at, created_by)
        select gen_random_uuid(), s.id, v, 'Chuẩn mực đạo đức của cán bộ, đảng viên ' || s.name,
               case when v = 1 then ${JSON.stringify(standardItems.slice(0, 5))}::jsonb else ${JSON.stringify(standardItems)}::jsonb end,
               case when v = 2 then 'Bổ sung chuẩn mực về ứng dụng công nghệ thông tin, chuyển đổi số.' else '' end,
               case when v = 1 then date '2024-01-02' + s.h % 200 else date '2025-09-01' + s.h % 90 end,
               ${vnAt(sql`case when v = 1 then date '2024-01-02' + s.h % 200 else date '2025-09-01' + s.h % 90 end`, "09:00")},
               ${seed}::uuid
        from seed_standards s cross join lateral generate_series(1, s.current_number) v`,
      );
      await analyze(tx, "standards", "standard_versions");
      // Seven in ten accounts have confirmed reading the standards in force of their unit and above.
      const confirmations = await run(
        tx,
        sql`
        insert into standard_confirmations (version_id, user_id, person_id, unit_id, confirmed_at)
        select v.id, a.id, null, a.unit_id, least(${vnAt(sql`v.effective_on + 3 + ${hash(sql`a.id::text || v.id::text`)} % 60`, "09:00")}, now())
        from users a join units au on au.id = a.unit_id
        cross join lateral generate_series(0, au.depth) d
        join standards s on s.unit_id = nullif(split_part(au.path, '/', d + 2), '')::uuid
        join standard_versions v on v.standard_id = s.id and v.number = s.current_number
        where a.active and s.created_by = ${seed}::uuid and ${hash(sql`a.id::text || v.id::text`)} % 10 < 7
        on conflict do nothing`,
      );
      return { standards, standard_versions: versions, standard_confirmations: confirmations };
    },
  );

  // 9. Report schedules -------------------------------------------------------------------------
  await part(
    "report schedules",
    (tx) => madeBy(tx, "report_schedules"),
    async (tx, seed) => {
      // They start next year: the daily run creates a schedule's request leadDays before its due
      // date, so none falls due during a benchmark run this year (1,000 requests at once).
      const schedules = await run(
        tx,
        sql`
        insert into report_schedules (id, unit_id, title, recurrence, starts_on, due_days, lead_days, targets, sections, metrics,
                                      manual_metrics, instructions, created_at, updated_at, created_by, updated_by)
        select gen_random_uuid(), u.id,
               case r.recurrence when 'quarterly' then 'Báo cáo quý kết quả học tập và làm theo Bác'
                                 when 'six_month' then 'Báo cáo sơ kết 6 tháng thực hiện Kết luận 01-KL/TW'
                                 else 'Báo cáo tổng kết năm học tập và làm theo Bác' end,
               r.recurrence, make_date(${year + 1}, 1, 1), 10, 30,
               case when r.recurrence = 'quarterly' or u.depth >= 2 then '{"levels":[1]}'::jsonb else '{"levels":[1,2]}'::jsonb end,
               ${JSON.stringify(defaultSections)}::jsonb, '["people.active","people.joined","units.total"]'::jsonb,
               '[{"key":"sessions","label":"Buổi sinh hoạt chuyên đề","unit":"buổi"},{"key":"models","label":"Mô hình mới","unit":"mô hình"}]'::jsonb,
               'Các đơn vị báo cáo đúng hạn, số liệu tính đến hết kỳ báo cáo.',
               now() - interval '20 days', now() - interval '20 days', ${seed}::uuid, ${seed}::uuid
        from units u
        cross join lateral (select ${hash(sql`u.id::text || 'schedule'`)} as h) x
        cross join (values ('quarterly'), ('six_month'), ('annual')) r(recurrence)
        where u.status = 'active'
          and (u.depth <= 1 or (u.kind_id in (${kind("commune")}, ${kind("bloc")}) and x.h % 100 < 27
                                and r.recurrence = case when x.h % 2 = 0 then 'annual' else 'quarterly' end))`,
      );
      return { report_schedules: schedules };
    },
  );

  // 10. Two years of audit log ------------------------------------------------------------------
  await part(
    "audit log",
    async (tx) =>
      (await rows(tx, sql`select 1 from audit_log where request_id like 'seed-%' limit 1`)).length > 0,
    async (tx) => {
      const pool = auditPool.flatMap((e) => Array.from({ length: e.weight }, () => e));
      // Who acts where: each row starts from a cell; the actor is an account of the cell's
      // grassroots organisation (60%), commune (25%), province (10%) or the centre (disabled
      // accounts too: they acted before); the unit is the cell, the grassroots organisation or the
      // actor's own, as the event is. Inserted in time order, as the log grows (the indexes on the
      // time and on the time-ordered ids are then appended to, not written all over).
      await tx.execute(sql`
        create temporary table seed_cells on commit drop as
        select row_number() over (order by id)::int as n, id, path from units
        where kind_id = ${kind("cell")} and status = 'active' and depth = ${cellDepth}`);
      await tx.execute(sql`create unique index on seed_cells (n)`);
      await tx.execute(sql`
        create temporary table seed_actors on commit drop as
        select unit_id, array_agg(id order by username) as ids, array_agg(username order by username) as names
        from users where role in ('admin', 'officer', 'leader') and username <> ${SEED_USERNAME} group by unit_id`);
      await analyze(tx, "seed_cells", "seed_actors");
      const [{ n: cells } = { n: 0 }] = await rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from seed_cells`,
      );
      if (!cells) return {} as Record<string, number>;
      // Working hours in Vietnam over the last two years.
      const at = sql`least((((now() at time zone 'Asia/Ho_Chi_Minh')::date - x.h3 % 730)
                       + make_interval(hours => 7 + x.h4 % 11, mins => x.h2 % 60, secs => x.h1 % 60)) at time zone 'Asia/Ho_Chi_Minh', now())`;
      // A UUIDv7 of the row's time (as the application's ids are), so that id order follows time.
      const uuid7 = sql`(lpad(to_hex((extract(epoch from t.at) * 1000)::bigint), 12, '0') || '7' || substr(md5(i::text), 1, 3)
                         || to_hex(8 + x.h1 % 4) || substr(md5(i::text), 4, 15))::uuid`;
      const audit = await run(
        tx,
        sql`
        insert into audit_log (id, at, actor_id, actor_username, ip, request_id, unit_id, entity, entity_id, action, changes)
        select ${uuid7}, t.at, a.ids[1 + x.h2 % cardinality(a.ids)], a.names[1 + x.h2 % cardinality(a.ids)],
               '113.' || (160 + x.h1 % 32) || '.' || (x.h2 % 256) || '.' || (1 + x.h3 % 254), 'seed-' || i,
               case e.at when 'cell' then c.id when 'grassroots' then nullif(split_part(c.path, '/', 5), '')::uuid else a.unit_id end,
               split_part(e.event, '.', 1), gen_random_uuid()::text, split_part(e.event, '.', 2), e.changes::jsonb
        from generate_series(1, ${LIST_VOLUMES.audit}) i
        cross join lateral (select ${hash(sql`'a' || i`)} as h1, ${hash(sql`i || 'b'`)} as h2, ${hash(sql`'c' || i || 'c'`)} as h3,
                                   ${hash(sql`i || 'd' || i`)} as h4) x
        join seed_cells c on c.n = 1 + x.h1 % ${cells}
        join seed_actors a on a.unit_id = nullif(split_part(c.path, '/',
             case when x.h2 % 100 < 60 then 5 when x.h2 % 100 < 85 then 4 when x.h2 % 100 < 95 then 3 else 2 end), '')::uuid
        join unnest(${texts(pool.map((e) => e.event))}, ${texts(pool.map((e) => (e.changes ? JSON.stringify(e.changes) : "")))},
                    ${texts(pool.map((e) => e.at))}) with ordinality as p(event, changes, at, idx) on p.idx = 1 + x.h4 % ${pool.length}
        cross join lateral (select p.event, nullif(p.changes, '') as changes, p.at) e
        cross join lateral (select ${at} as at) t
        order by t.at`,
      );
      return { audit_log: audit };
    },
  );

  // 11. The figures of the modules filled here, rebuilt from their records when the national figure
  // differs from the records' count (after a fill, or a run that stopped before this step).
  const checks: { source: string; metric: string; live: SQL }[] = [
    {
      source: "exemplars",
      metric: "exemplars.registered",
      live: sql`select count(*)::int as n from exemplars where registered_on <= ${day}`,
    },
    {
      source: "plans",
      metric: "plans.issued",
      live: sql`select count(*)::int as n from plans where status = 'issued' and issued_on <= ${day}`,
    },
    {
      source: "topics",
      metric: `topics.studied:${year}`,
      live: sql`select count(distinct a.person_id)::int as n from study_attendance a
                join study_sessions s on s.id = a.session_id join topics t on t.id = s.topic_id
                where t.year = ${year} and s.held_on <= ${day}`,
    },
    {
      source: "commendations",
      metric: "commendations.decisions",
      live: sql`select count(*)::int as n from commendation_decisions where status = 'issued' and issued_on <= ${day}`,
    },
  ];
  const compare = async () => {
    const national = (await figuresAt(db, { id: root.id }, [today]))?.[0];
    const result: { source: string; metric: string; figure: number; live: number }[] = [];
    for (const c of checks) {
      const [{ n } = { n: 0 }] = await rows<{ n: number }>(db, c.live);
      result.push({ source: c.source, metric: c.metric, figure: national?.get(c.metric) ?? 0, live: n });
    }
    return result;
  };
  const stale = (await compare()).filter((c) => c.figure !== c.live).map((c) => c.source);
  const sources = figureSources().filter((s) => stale.includes(s.name));
  if (sources.length) {
    const t = Date.now();
    await db.transaction((tx) => rebuildFigures(tx, { sources, log }));
    log(`figures of ${stale.join(", ")} rebuilt in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  for (const c of await compare()) {
    log(
      `national ${c.metric}: figures ${c.figure}, records ${c.live}${c.figure === c.live ? " ✓" : " ✗ MISMATCH"}`,
    );
    if (c.figure !== c.live) throw new Error(`figures of ${c.source} do not match their records`);
  }
  const t = Date.now();
  const analysed =
    options.vacuum === false
      ? []
      : [...filled, ...(sources.length ? ["unit_figures", "subtree_figures"] : [])];
  for (const table of analysed) await db.execute(sql`vacuum analyze ${sql.identifier(table)}`);
  if (analysed.length)
    log(`vacuum analyze of ${analysed.length} tables in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const seconds = (Date.now() - t0) / 1000;
  log(`lists seeded in ${seconds.toFixed(1)} s`);
  return { counts, seconds };
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
  try {
    await seedLists(database.db, (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`));
  } catch (error) {
    // The failed statement's parameters (the text pools) would fill the screen: its cause is enough.
    const cause = (error as { cause?: { message?: string; position?: string } }).cause;
    console.error(`seed-lists failed: ${cause?.message ?? (error as Error).message}`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}
