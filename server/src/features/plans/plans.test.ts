import { eq } from "drizzle-orm";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { unitStats } from "../../../test/stats.ts";
import { auditLog } from "../../lib/audit-log.ts";
import { vnToday } from "../../lib/dates.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const onPostgres = inject("testDb").kind === "postgres";

const annual = (over: Record<string, unknown> = {}) => ({
  kind: "annual",
  year: 2026,
  title: "Kế hoạch thực hiện chuyên đề năm 2026",
  summary: "thực hiện chuyên đề năm 2026 về học tập và làm theo Bác",
  purpose: "Nâng cao nhận thức của cán bộ, đảng viên.\nGắn với nhiệm vụ chính trị của địa phương.",
  implementation: "Các cấp ủy trực thuộc xây dựng kế hoạch của cấp mình.",
  signer: { authority: "T/M BAN THƯỜNG VỤ", title: "BÍ THƯ", name: "Nguyễn Văn Minh" },
  objectives: [{ content: "100% chi bộ học tập chuyên đề." }, { content: "Mỗi chi bộ một việc làm cụ thể." }],
  tasks: [
    { content: "Học tập chuyên đề năm 2026 trong sinh hoạt chi bộ.", deadline: "2026-06-30" },
    { content: "Đăng ký bản cam kết làm theo Bác.", deadline: "2026-03-31" },
    { content: "Sơ kết, biểu dương điển hình cuối năm.", deadline: "2026-12-15" },
  ],
  ...over,
});

/** A unit under a parent, made by an officer through the API (with a document code and terms). */
async function unitUnder(client: Client, parentId: string, body: Record<string, unknown>) {
  const res = await client.post("/api/units", { parentId, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.unit.id as string;
}

async function issuedPlan(
  client: Client,
  unitId: string,
  issuedOn: string,
  over: Record<string, unknown> = {},
) {
  const created = await client.post("/api/plans", annual({ unitId, ...over }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const issued = await client.post(`/api/plans/${created.body.plan.id}/issue`, { issuedOn });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return issued.body.plan as { id: string; number: string; numberTerm: string; issuedOn: string };
}

describe("refusals", () => {
  it("401 without a session, 400 for bad input, 403 for members, 422 for rules, 404 for the sibling", async () => {
    const anonymous = t.anonymous();
    expect((await anonymous.get("/api/plans")).status).toBe(401);
    expect((await anonymous.post("/api/plans", annual())).status).toBe(401);

    const c = await t.as("canbo.xa");
    expect((await c.post("/api/plans", annual({ title: "" }))).status).toBe(400);
    const noTerm = await c.post("/api/plans", annual({ kind: "whole_term", year: undefined }));
    expect(noTerm.status).toBe(400);
    expect(JSON.stringify(noTerm.body.error.details)).toContain("term");
    expect((await c.post("/api/plans", annual({ kind: "whole_term", term: "2030–2025" }))).status).toBe(422);
    const p2Cell = (await (await t.as("canbo.tinh2")).get("/api/units?pageSize=200")).body.items.find(
      (u: { kindCode: string }) => u.kindCode === "cell",
    );
    const foreignOwner = await c.post(
      "/api/plans",
      annual({ tasks: [{ content: "Nhiệm vụ giao cho đơn vị tỉnh bạn", ownerUnitId: p2Cell.id }] }),
    );
    expect(foreignOwner.status).toBe(422);
    expect(foreignOwner.body.error.details).toEqual([
      { path: "body.tasks.0.ownerUnitId", message: "out_of_unit" },
    ]);
    expect(foreignOwner.body.error.message).toMatch(/Đơn vị chủ trì/);

    const member = await t.as("dangvien1");
    expect((await member.post("/api/plans", annual())).status).toBe(403);
    // Members read what was published down to them.
    const seen = await member.get("/api/plans?pageSize=200");
    expect(seen.status).toBe(200);
    expect(seen.body.items.length).toBeGreaterThan(0);
    expect(seen.body.items.every((p: { status: string }) => p.status === "issued")).toBe(true);

    const draft = await c.post("/api/plans", annual());
    expect(draft.status).toBe(201);
    const id = draft.body.plan.id as string;
    const p2 = await t.as("canbo.tinh2");
    expect((await p2.get(`/api/plans/${id}`)).status).toBe(404);
    expect((await p2.get(`/api/plans/${id}/docx`)).status).toBe(404);
    expect((await p2.patch(`/api/plans/${id}`, { version: 1, title: "Bị sửa" })).status).toBe(404);
    expect((await p2.post(`/api/plans/${id}/issue`, {})).status).toBe(404);
    // A draft stays within its unit's subtree: the cell below does not see it yet.
    expect((await (await t.as("bithu.chibo1")).get(`/api/plans/${id}`)).status).toBe(404);
    // The member of the commune's subtree sees it as issued only: 404 now.
    expect((await member.get(`/api/plans/${id}`)).status).toBe(404);
    expect((await c.delete(`/api/plans/${id}`)).status).toBe(204);
    expect((await c.get(`/api/plans/${id}`)).status).toBe(404);
  });
});

describe("the cascade: upper level first, lower level after", () => {
  it("P1 issues, C derives, adapts and issues; P1 sees who issued and how inherited tasks progress", async () => {
    const { commune, grassroots, p1 } = t.demo.tree;
    const province = await t.as("canbo.tinh1");
    const c = await t.as("canbo.xa");
    const g = await t.as("canbo.coso");

    const created = await province.post("/api/plans", annual({ title: "Kế hoạch chuyên đề năm 2026 (thử)" }));
    expect(created.status).toBe(201);
    const plan = created.body.plan;
    expect(plan).toMatchObject({
      status: "draft",
      number: null,
      unit: { id: p1.id },
      year: 2026,
      allowedActions: expect.arrayContaining(["update", "issue", "delete", "cascade"]),
    });
    expect(plan.tasks).toHaveLength(3);
    expect(plan.recipients).toContain("Lưu Văn phòng");
    // Not issued: the commune cannot see it, nor start from it.
    expect((await c.get(`/api/plans/${plan.id}`)).status).toBe(404);
    expect((await c.post(`/api/plans/${plan.id}/derive`, {})).status).toBe(404);

    const before = await province.get(`/api/plans?unitId=${p1.id}&scope=unit&status=issued&pageSize=200`);
    const lastNumber = Math.max(
      0,
      ...before.body.items
        .filter((p: { issuedOn: string }) => p.issuedOn >= "2025-10-01")
        .map((p: { number: string }) => Number.parseInt(p.number, 10)),
    );
    const issued = await province.post(`/api/plans/${plan.id}/issue`, { issuedOn: "2026-02-10" });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.plan).toMatchObject({
      status: "issued",
      number: `${String(lastNumber + 1).padStart(2, "0")}-KH/TU`,
      numberTerm: "2025–2030",
      issuedOn: "2026-02-10",
      place: "Bắc Ninh",
      allowedActions: ["cascade"],
    });
    expect((await province.post(`/api/plans/${plan.id}/issue`, {})).status).toBe(409);

    // Published down: C, G and the cells read it; C may start its own plan from it.
    const seenByC = await c.get(`/api/plans/${plan.id}`);
    expect(seenByC.status).toBe(200);
    expect(seenByC.body.plan).toMatchObject({
      fromAbove: true,
      allowedActions: [],
      derivation: { mayDerive: true, derivedPlan: null },
    });
    expect((await (await t.as("bithu.chibo1")).get(`/api/plans/${plan.id}`)).status).toBe(200);
    expect((await (await t.as("canbo.tinh2")).get(`/api/plans/${plan.id}`)).status).toBe(404);
    const listedForC = await c.get("/api/plans?scope=above&year=2026&pageSize=200");
    expect(listedForC.body.items.map((p: { id: string }) => p.id)).toContain(plan.id);

    // G is not directly below P1; the member may not; C derives once.
    expect((await g.post(`/api/plans/${plan.id}/derive`, {})).status).toBe(422);
    expect((await (await t.as("dangvien1")).post(`/api/plans/${plan.id}/derive`, {})).status).toBe(403);
    const derived = await c.post(`/api/plans/${plan.id}/derive`, {});
    expect(derived.status, JSON.stringify(derived.body)).toBe(201);
    const draft = derived.body.plan;
    expect(draft).toMatchObject({
      status: "draft",
      unit: { id: commune.id },
      kind: "annual",
      year: 2026,
      parentPlan: { id: plan.id },
      signer: { authority: "T/M BAN THƯỜNG VỤ", title: "BÍ THƯ", name: "" },
    });
    expect(draft.preamble).toContain(`Kế hoạch số ${issued.body.plan.number} ngày 10/02/2026`);
    expect(draft.tasks.map((x: { inheritedFromId: string }) => x.inheritedFromId)).toEqual(
      plan.tasks.map((x: { id: string }) => x.id),
    );
    expect(draft.tasks.every((x: { ownerUnit: { id: string } }) => x.ownerUnit.id === commune.id)).toBe(true);
    expect(draft.objectives.map((o: { inheritedFromId: string }) => o.inheritedFromId)).toEqual(
      plan.objectives.map((o: { id: string }) => o.id),
    );
    const again = await c.post(`/api/plans/${plan.id}/derive`, { unitId: commune.id });
    expect(again.status).toBe(422);
    expect(again.body.error.details).toEqual([{ path: "body.unitId", message: "already_derived" }]);
    expect((await c.get(`/api/plans/${plan.id}`)).body.plan.derivation).toEqual({
      mayDerive: false,
      derivedPlan: { id: draft.id, status: "draft" },
    });

    // The parent sees the draft started, not issued.
    let cascade = await province.get(`/api/plans/${plan.id}/cascade`);
    expect(cascade.status).toBe(200);
    expect(cascade.body).toMatchObject({ issued: 0, total: 3 });
    const ofC = () => cascade.body.units.find((u: { unit: { id: string } }) => u.unit.id === commune.id);
    expect(ofC()).toMatchObject({
      unit: { id: commune.id },
      plan: { id: draft.id, status: "draft", number: null },
      tasks: { total: 3, notStarted: 3, progress: 0 },
    });
    expect(cascade.body.units.filter((u: { plan: unknown }) => u.plan === null)).toHaveLength(2);
    // The commune may not look at its siblings' progress.
    expect((await c.get(`/api/plans/${plan.id}/cascade`)).status).toBe(403);

    // C adapts: drops the last inherited task, rewrites one, adds its own for G; a stale version is refused.
    const [first, second] = draft.tasks;
    const adapt = {
      version: draft.version,
      signer: { name: "Trần Minh Đức" },
      tasks: [
        {
          id: first.id,
          content: `${first.content} Tổ chức tại 100% chi bộ khu dân cư.`,
          deadline: "2026-05-31",
        },
        { id: second.id, content: second.content, deadline: second.deadline },
        { content: "Hội nghị trực tuyến tại các điểm cầu khu dân cư.", ownerUnitId: grassroots.id },
      ],
    };
    const adapted = await c.patch(`/api/plans/${draft.id}`, adapt);
    expect(adapted.status, JSON.stringify(adapted.body)).toBe(200);
    expect(adapted.body.plan.tasks.map((x: { inheritedFromId: string | null }) => x.inheritedFromId)).toEqual(
      [first.inheritedFromId, second.inheritedFromId, null],
    );
    expect(adapted.body.plan.tasks[2].ownerUnit.id).toBe(grassroots.id);
    expect((await c.patch(`/api/plans/${draft.id}`, adapt)).status).toBe(409);

    const cIssued = await c.post(`/api/plans/${draft.id}/issue`, { issuedOn: "2026-02-20" });
    expect(cIssued.status, JSON.stringify(cIssued.body)).toBe(200);
    expect(cIssued.body.plan.number).toMatch(/^\d{2}-KH\/ĐU$/);
    // Published down to G, whose task it holds, not to P2.
    expect((await g.get(`/api/plans/${draft.id}`)).status).toBe(200);

    // Task progress by the owner unit, with the version it read.
    const task = cIssued.body.plan.tasks[0];
    expect(task).toMatchObject({ mayUpdate: true, status: "not_started", overdue: vnToday() > "2026-05-31" });
    const member = await t.as("dangvien1");
    expect(
      (await member.patch(`/api/plans/${draft.id}/tasks/${task.id}`, { version: task.version, progress: 50 }))
        .status,
    ).toBe(403);
    // G is below C: the task belongs to C, not to G.
    expect(
      (await g.patch(`/api/plans/${draft.id}/tasks/${task.id}`, { version: task.version, progress: 50 }))
        .status,
    ).toBe(403);
    const progressed = await c.patch(`/api/plans/${draft.id}/tasks/${task.id}`, {
      version: task.version,
      progress: 60,
      note: "Đã học tập tại 8/12 chi bộ.",
    });
    expect(progressed.status).toBe(200);
    expect(progressed.body.task).toMatchObject({
      status: "in_progress",
      progress: 60,
      version: task.version + 1,
    });
    expect(
      (await c.patch(`/api/plans/${draft.id}/tasks/${task.id}`, { version: task.version, progress: 70 }))
        .status,
    ).toBe(409);
    expect(
      (
        await c.patch(`/api/plans/${draft.id}/tasks/${task.id}`, {
          version: task.version + 1,
          status: "done",
          progress: 40,
        })
      ).status,
    ).toBe(422);
    const gTask = cIssued.body.plan.tasks[2];
    const byG = await g.patch(`/api/plans/${draft.id}/tasks/${gTask.id}`, {
      version: gTask.version,
      status: "done",
    });
    expect(byG.status).toBe(200);
    expect(byG.body.task).toMatchObject({ status: "done", progress: 100, overdue: false });

    // The parent sees C issued and the inherited tasks' progress; the new task is C's own.
    cascade = await province.get(`/api/plans/${plan.id}/cascade`);
    expect(cascade.body).toMatchObject({ issued: 1, total: 3 });
    expect(ofC()).toMatchObject({
      plan: { id: draft.id, status: "issued", number: cIssued.body.plan.number, issuedOn: "2026-02-20" },
      tasks: { total: 2, inProgress: 1, notStarted: 1, done: 0, progress: 30 },
    });
    expect(ofC().items[0]).toMatchObject({
      taskId: task.id,
      inheritedFromId: plan.tasks[0].id,
      status: "in_progress",
      progress: 60,
    });
    expect(cascade.body.byTask).toEqual([
      { taskId: plan.tasks[0].id, units: 1, done: 0, progress: 60 },
      { taskId: plan.tasks[1].id, units: 1, done: 0, progress: 0 },
      { taskId: plan.tasks[2].id, units: 0, done: 0, progress: 0 },
    ]);

    // The province's lists: its subordinates' plans, and the year filter.
    const below = await province.get(`/api/plans?scope=below&year=2026&pageSize=200`);
    expect(below.body.items.map((p: { id: string }) => p.id)).toContain(draft.id);
    const in2025 = await province.get(`/api/plans?scope=below&year=2025&pageSize=200`);
    expect(in2025.body.items.map((p: { id: string }) => p.id)).not.toContain(draft.id);

    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, draft.id));
    expect(audit.map((a) => `${a.entity}.${a.action}`)).toEqual(
      expect.arrayContaining(["plan.derive", "plan.update", "plan.issue"]),
    );
  });

  it("an issued plan no longer changes: edits and deletion answer 409, members 403", async () => {
    const province = await t.as("canbo.tinh1");
    const issued = await issuedPlan(province, t.demo.tree.p1.id, "2026-03-02");
    const res = await province.patch(`/api/plans/${issued.id}`, {
      version: 2,
      title: "Đổi tên sau khi ban hành",
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("STATE_CONFLICT");
    expect((await province.delete(`/api/plans/${issued.id}`)).status).toBe(409);
    const leader = await t.as("lanhdao.tinh1");
    expect((await leader.patch(`/api/plans/${issued.id}`, { version: 2, title: "Sửa" })).status).toBe(409);
    const member = await buildUser(t.database.db, { role: "member", unit: t.demo.tree.p1 as never });
    const m = await t.as(member.user.username, member.password);
    expect((await m.patch(`/api/plans/${issued.id}`, { version: 2, title: "Sửa" })).status).toBe(403);
    expect((await province.get(`/api/plans/${issued.id}`)).body.plan.title).toBe(annual().title);
  });
});

describe("document numbers", () => {
  it("restart at 01 for each term, follow on without gaps, and fall back to the year without a term", async () => {
    const province = await t.as("canbo.tinh1");
    const unitId = await unitUnder(province, t.demo.tree.p1.id, {
      name: "Đảng ủy phường Thử Số",
      documentCode: "ĐU",
      terms: [
        { name: "2020–2025", start: "2020-08-01", end: "2025-07-31" },
        { name: "2025–2030", start: "2025-08-01", end: null },
      ],
    });
    const numbers: string[] = [];
    for (const day of ["2025-03-01", "2025-05-01"])
      numbers.push((await issuedPlan(province, unitId, day)).number);
    // A plan that cannot be issued yet (no signer) takes no number.
    const unsigned = await province.post(
      "/api/plans",
      annual({ unitId, signer: { authority: "T/M BAN THƯỜNG VỤ", title: "BÍ THƯ", name: "" } }),
    );
    const refused = await province.post(`/api/plans/${unsigned.body.plan.id}/issue`, {
      issuedOn: "2025-09-01",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([{ path: "signer.name", message: "required" }]);
    for (const day of ["2025-09-01", "2025-10-01", "2026-01-05"])
      numbers.push((await issuedPlan(province, unitId, day)).number);
    expect(numbers).toEqual(["01-KH/ĐU", "02-KH/ĐU", "01-KH/ĐU", "02-KH/ĐU", "03-KH/ĐU"]);
    const listed = await province.get(`/api/plans?unitId=${unitId}&scope=unit&status=issued&pageSize=200`);
    expect(listed.body.total).toBe(5);

    // Under the root, with no term recorded anywhere above: numbers restart each calendar year.
    const admin = await t.as("admin");
    const loose = await unitUnder(admin, t.demo.tree.root.id, {
      name: "Đảng ủy Khối thử",
      documentCode: "ĐUK",
    });
    const a = await issuedPlan(admin, loose, "2025-12-30");
    const b = await issuedPlan(admin, loose, "2026-01-02");
    expect([a.number, a.numberTerm, b.number, b.numberTerm]).toEqual([
      "01-KH/ĐUK",
      "2025",
      "01-KH/ĐUK",
      "2026",
    ]);

    // A unit without a document code cannot issue: the header needs it.
    const noCode = await unitUnder(province, t.demo.tree.p1.id, { name: "Đảng ủy phường Chưa Có Ký Hiệu" });
    const created = await province.post("/api/plans", annual({ unitId: noCode }));
    const res = await province.post(`/api/plans/${created.body.plan.id}/issue`, {});
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: "unit.documentCode", message: "required" }]);
  });

  it.skipIf(!onPostgres)(
    "gives two plans issued at once distinct consecutive numbers (PostgreSQL)",
    async () => {
      const province = await t.as("canbo.tinh1");
      const unitId = await unitUnder(province, t.demo.tree.p1.id, {
        name: "Đảng ủy phường Song Song",
        documentCode: "ĐU",
      });
      for (let round = 0; round < 3; round++) {
        const drafts = await Promise.all(
          [1, 2, 3].map(
            async () => (await province.post("/api/plans", annual({ unitId }))).body.plan.id as string,
          ),
        );
        const results = await Promise.all(drafts.map((id) => province.post(`/api/plans/${id}/issue`, {})));
        expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
        const got = results.map((r) => Number.parseInt(r.body.plan.number, 10)).sort((x, y) => x - y);
        expect(got).toEqual([1, 2, 3].map((n) => n + round * 3));
      }
      // One plan issued twice at once: one succeeds, the other finds it issued; no number is lost.
      const one = (await province.post("/api/plans", annual({ unitId }))).body.plan.id;
      const twice = await Promise.all([1, 2].map(() => province.post(`/api/plans/${one}/issue`, {})));
      expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
      const next = await issuedPlan(province, unitId, vnToday());
      expect(next.number).toBe("11-KH/ĐU");
    },
  );
});

describe("statistics", () => {
  it("counts issued plans by kind in the unit's subtree and period; a rebuild agrees", async () => {
    const { commune, p1 } = t.demo.tree;
    const province = await t.as("canbo.tinh1");
    const c = await t.as("canbo.xa");
    const year = ["2026-01-01", "2026-12-31"] as const;
    const before = {
      c: await unitStats(c, commune.id, ...year),
      p1: await unitStats(province, p1.id, ...year),
    };
    expect(before.c["plans.issued"]).toBeGreaterThanOrEqual(1);

    await issuedPlan(c, commune.id, "2026-04-01");
    const wholeTerm = await c.post(
      "/api/plans",
      annual({ kind: "whole_term", year: undefined, term: "2025-2030" }),
    );
    expect(wholeTerm.status).toBe(201);
    expect(wholeTerm.body.plan).toMatchObject({
      term: "2025–2030",
      startYear: 2025,
      endYear: 2030,
      year: null,
    });
    expect(
      (await c.post(`/api/plans/${wholeTerm.body.plan.id}/issue`, { issuedOn: "2026-04-02" })).status,
    ).toBe(200);
    // A draft counts nowhere.
    await c.post("/api/plans", annual());

    const after = {
      c: await unitStats(c, commune.id, ...year),
      p1: await unitStats(province, p1.id, ...year),
    };
    for (const key of ["c", "p1"] as const) {
      const delta = (metric: string) => (after[key][metric] ?? 0) - (before[key][metric] ?? 0);
      expect(delta("plans.issued")).toBe(2);
      expect(delta("plans.issued.annual")).toBe(1);
      expect(delta("plans.issued.whole_term")).toBe(1);
      expect(delta("plans.issuedTotal")).toBe(2);
    }
    // Issued in April: not counted in the first quarter.
    const q1 = await unitStats(c, commune.id, "2026-01-01", "2026-03-31");
    expect((after.c["plans.issued"] ?? 0) - (q1["plans.issued"] ?? 0)).toBeGreaterThanOrEqual(2);
    const labels = (await c.get(`/api/units/${commune.id}/stats`)).body.labels;
    expect(labels["plans.issued.whole_term"]).toBe("Kế hoạch toàn khóa ban hành trong kỳ");

    const { rebuildFigures, figureSources } = await import("../figures/rebuild.ts");
    const source = figureSources().find((s) => s.name === "plans");
    expect(source).toMatchObject({ metricPrefix: "plans.", version: 1 });
    await t.database.db.transaction((tx) => rebuildFigures(tx, { sources: source ? [source] : [] }));
    const rebuilt = {
      c: await unitStats(c, commune.id, ...year),
      p1: await unitStats(province, p1.id, ...year),
    };
    expect(rebuilt).toEqual(after);
  });
});

describe("the demo plans", () => {
  it("cascade from the province to the cells, with progress and one cell still drafting", async () => {
    const { p1, commune, cell2 } = t.demo.tree;
    const province = await t.as("canbo.tinh1");
    const list = await province.get(`/api/plans?unitId=${p1.id}&scope=unit&status=issued&pageSize=200`);
    const byNumber = (n: string) => list.body.items.find((p: { number: string }) => p.number === n);
    expect(byNumber("01-KH/TU")).toMatchObject({ kind: "whole_term", term: "2025–2030" });
    const demoAnnual = byNumber("02-KH/TU");
    expect(demoAnnual).toMatchObject({ kind: "annual", year: 2026, issuedOn: "2026-01-08" });
    const cascade = await province.get(`/api/plans/${demoAnnual.id}/cascade`);
    const cRow = cascade.body.units.find((u: { unit: { id: string } }) => u.unit.id === commune.id);
    expect(cRow.plan).toMatchObject({ status: "issued", number: "02-KH/ĐU" });
    expect(cRow.tasks.done).toBeGreaterThanOrEqual(1);

    // K1 reads the chain above it; K2's own plan is still a draft its grassroots organisation sees.
    const k1 = await t.as("bithu.chibo1");
    const chain = await k1.get("/api/plans?year=2026&kind=annual&pageSize=200");
    expect(chain.body.items.filter((p: { fromAbove: boolean }) => p.fromAbove).length).toBeGreaterThanOrEqual(
      3,
    );
    const k2Plans = await (await t.as("canbo.coso")).get(`/api/plans?unitId=${cell2.id}&scope=unit`);
    expect(k2Plans.body.items).toHaveLength(1);
    expect(k2Plans.body.items[0]).toMatchObject({ status: "draft", parentPlan: { title: demoAnnual.title } });
  });
});

interface WordParagraph {
  text: string;
  bold: boolean;
  italics: boolean;
  underline: boolean;
  /** Half-points of the first run with text. */
  size: number | null;
  /** The top-level table and the cell of its row the paragraph sits in (null outside tables). */
  table: number | null;
  cell: number | null;
}

/** The paragraphs of word/document.xml with their run formatting and place; throws unless well-formed. */
function wordParagraphs(xml: string): WordParagraph[] {
  const parser = new SaxesParser();
  const out: WordParagraph[] = [];
  type Run = { text: string; b: boolean; i: boolean; u: boolean; sz: number | null };
  let runs: Run[] | null = null;
  let run: Run | null = null;
  let inRunProps = false;
  let inText = false;
  let depth = 0;
  let table = -1;
  let cell = -1;
  const on = (attrs: Record<string, unknown>) => attrs["w:val"] !== "false" && attrs["w:val"] !== "0";
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const attrs = tag.attributes as Record<string, unknown>;
    if (tag.name === "w:tbl" && depth++ === 0) table++;
    else if (tag.name === "w:tr") cell = -1;
    else if (tag.name === "w:tc") cell++;
    else if (tag.name === "w:p") runs = [];
    else if (tag.name === "w:r") run = { text: "", b: false, i: false, u: false, sz: null };
    else if (tag.name === "w:rPr") inRunProps = true;
    else if (run && inRunProps && tag.name === "w:b") run.b = on(attrs);
    else if (run && inRunProps && tag.name === "w:i") run.i = on(attrs);
    else if (run && inRunProps && tag.name === "w:u") run.u = attrs["w:val"] !== "none";
    else if (run && inRunProps && tag.name === "w:sz") run.sz = Number(attrs["w:val"]);
    else if (tag.name === "w:t") inText = true;
  });
  parser.on("closetag", (tag) => {
    if (tag.name === "w:tbl") depth--;
    else if (tag.name === "w:t") inText = false;
    else if (tag.name === "w:rPr") inRunProps = false;
    else if (tag.name === "w:r") {
      if (run && runs) runs.push(run);
      run = null;
    } else if (tag.name === "w:p" && runs) {
      const withText: Run[] = runs.filter((r) => r.text.trim());
      out.push({
        text: runs.map((r) => r.text).join(""),
        bold: withText.length > 0 && withText.every((r) => r.b),
        italics: withText.length > 0 && withText.every((r) => r.i),
        underline: withText.length > 0 && withText.every((r) => r.u),
        size: withText[0]?.sz ?? null,
        table: depth > 0 ? table : null,
        cell: depth > 0 ? cell : null,
      });
      runs = null;
    }
  });
  parser.on("text", (text) => {
    if (inText && run) run.text += text;
  });
  parser.write(xml).close();
  return out;
}

describe("the Word document", () => {
  it("carries the official header, KẾ HOẠCH, the summary, the body, the signing block and the recipients", async () => {
    const province = await t.as("canbo.tinh1");
    const kinhBac = await unitUnder(province, t.demo.tree.p1.id, {
      name: "Đảng ủy phường Kinh Bắc",
      adminAreaCode: "09187",
      documentCode: "ĐU",
    });
    // Eleven plans issued earlier in the term.
    for (let day = 2; day <= 12; day++)
      await issuedPlan(province, kinhBac, `2026-01-${String(day).padStart(2, "0")}`);
    const plan = await issuedPlan(province, kinhBac, "2026-01-15", {
      title: "Kế hoạch học tập và làm theo Bác năm 2026",
      summary: "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026",
      preamble:
        "Thực hiện Kế hoạch số 02-KH/TU ngày 08/01/2026 của Tỉnh ủy Bắc Ninh, Ban Thường vụ Đảng ủy phường xây dựng kế hoạch như sau:",
      recipients: "- Tỉnh ủy Bắc Ninh (để báo cáo),\n- Các chi bộ trực thuộc,\n- Lưu Văn phòng Đảng ủy.",
      signer: { authority: "T/M BAN THƯỜNG VỤ", title: "Bí thư", name: "Nguyễn Văn Minh" },
    });
    expect(plan.number).toBe("12-KH/ĐU");

    const file = await province.download(`/api/plans/${plan.id}/docx`);
    expect(file.status).toBe(200);
    expect(String(file.headers["content-type"])).toContain("wordprocessingml.document");
    expect(String(file.headers["content-disposition"])).toContain("attachment");
    expect(decodeURIComponent(String(file.headers["content-disposition"]))).toContain(
      "Kế hoạch số 12-KH-ĐU.docx",
    );
    const zip = await JSZip.loadAsync(file.data);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const paragraphs = wordParagraphs(xml);
    const at = (text: string) => paragraphs.findIndex((p) => p.text === text);

    // The header: two columns of the first table, before anything else.
    expect(paragraphs[0]?.table).toBe(0);
    const left = paragraphs.filter((p) => p.table === 0 && p.cell === 0);
    const right = paragraphs.filter((p) => p.table === 0 && p.cell === 1);
    // Place names held together by non-breaking spaces: a line breaks only before the place.
    expect(left.map((p) => p.text)).toEqual([
      "ĐẢNG BỘ TỈNH BẮC\u00a0NINH",
      "ĐẢNG ỦY PHƯỜNG KINH\u00a0BẮC",
      "*",
      "Số 12-KH/ĐU",
    ]);
    expect(left.map((p) => [p.bold, p.size])).toEqual([
      [false, 28],
      [true, 28],
      [false, 28],
      [false, 28],
    ]);
    // The party's name, then a short rule of its own (no text underline through Ộ and Ệ), then the date.
    expect(right.map((p) => p.text)).toEqual([
      "ĐẢNG CỘNG SẢN VIỆT NAM",
      "",
      "Kinh Bắc, ngày 15 tháng 01 năm 2026",
    ]);
    expect(right[0]).toMatchObject({ bold: true, underline: false, size: 30 });
    expect(xml).toMatch(/<w:pBdr><w:bottom [^>]*w:val="single"/);
    expect(right[2]).toMatchObject({ italics: true, bold: false, size: 28 });

    // Then the type and the summary line, outside any table, then the body in its order.
    const title = at("KẾ HOẠCH");
    expect(title).toBeGreaterThan(paragraphs.lastIndexOf(right[2] as WordParagraph));
    expect(paragraphs[title]).toMatchObject({ bold: true, size: 32, table: null });
    expect(paragraphs[title + 1]).toMatchObject({
      text: "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026",
      bold: true,
      table: null,
    });
    const order = [
      paragraphs.findIndex((p) => p.text.startsWith("Thực hiện Kế hoạch số 02-KH/TU")),
      at("I. MỤC ĐÍCH, YÊU CẦU"),
      at("II. MỤC TIÊU, NHIỆM VỤ"),
      at("- 100% chi bộ học tập chuyên đề."),
      at("Đơn vị chủ trì"),
      at("Học tập chuyên đề năm 2026 trong sinh hoạt chi bộ."),
      at("III. TỔ CHỨC THỰC HIỆN"),
    ];
    expect(
      order.every((i, k) => i > title && (k === 0 || i > (order[k - 1] as number))),
      JSON.stringify(order),
    ).toBe(true);
    expect(paragraphs[at("30/06/2026")]?.table).toBe(paragraphs[at("Đơn vị chủ trì")]?.table);

    // The closing row, last: the signing block on the right, the recipients on the left.
    const last = Math.max(...paragraphs.map((p) => p.table ?? -1));
    expect(last).toBeGreaterThan(paragraphs[at("Đơn vị chủ trì")]?.table ?? 0);
    const signing = paragraphs.filter((p) => p.table === last && p.cell === 1 && p.text);
    const recipients = paragraphs.filter((p) => p.table === last && p.cell === 0 && p.text);
    expect(signing.map((p) => [p.text, p.bold])).toEqual([
      ["T/M BAN THƯỜNG VỤ", true],
      ["BÍ THƯ", true],
      ["Nguyễn Văn Minh", true],
    ]);
    expect(recipients.map((p) => p.text)).toEqual([
      "Nơi nhận:",
      "- Tỉnh ủy Bắc Ninh (để báo cáo),",
      "- Các chi bộ trực thuộc,",
      "- Lưu Văn phòng Đảng ủy.",
    ]);
    expect(at("Nơi nhận:")).toBeGreaterThan(at("III. TỔ CHỨC THỰC HIỆN"));

    // A4, the official margins, Times New Roman.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:left="1701"/);
    const styles = (await zip.file("word/styles.xml")?.async("string")) ?? "";
    expect(styles).toContain('w:ascii="Times New Roman"');
  });

  it("prints a draft with blanks for its number and date, for the readers of the draft only", async () => {
    const c = await t.as("canbo.xa");
    const draft = await c.post("/api/plans", annual());
    const file = await c.download(`/api/plans/${draft.body.plan.id}/docx`);
    expect(file.status).toBe(200);
    const zip = await JSZip.loadAsync(file.data);
    const paragraphs = wordParagraphs((await zip.file("word/document.xml")?.async("string")) ?? "");
    const header = paragraphs.filter((p) => p.table === 0).map((p) => p.text);
    expect(header).toEqual([
      "ĐẢNG BỘ TỈNH BẮC\u00a0NINH",
      "ĐẢNG ỦY PHƯỜNG BẮC\u00a0GIANG",
      "*",
      "Số      -KH/ĐU",
      "ĐẢNG CỘNG SẢN VIỆT NAM",
      "",
      "Bắc Giang, ngày     tháng     năm 2026",
    ]);
    expect(
      (await (await t.as("bithu.chibo1")).download(`/api/plans/${draft.body.plan.id}/docx`)).status,
    ).toBe(404);
  });
});
