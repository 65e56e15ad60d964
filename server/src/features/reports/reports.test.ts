import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { unitStats } from "../../../test/stats.ts";
import { auditLog } from "../../lib/audit-log.ts";
import { dayAfter, dayBefore, vnToday } from "../../lib/dates.ts";
import { notifications } from "../notifications/schema.ts";
import { type UnitRow, units } from "../units/schema.ts";
import { createDueReportRequests } from "./commands/create-due-report-requests.ts";
import { type Counts, readCompleteness, readSums, rebuildReportCounts } from "./counts.ts";
import { reportCounts, reportRequests, reportSums, reports } from "./schema.ts";

let t: TestContext;
let province: Client;
let commune: Client;
let communes: UnitRow[];
beforeAll(async () => {
  t = await createTestContext();
  province = await t.as("canbo.tinh1");
  commune = await t.as("canbo.xa");
  communes = t.demo.tree.all
    .filter((u) => u.parentId === t.demo.tree.p1.id)
    .sort((a, b) => (a.id === t.demo.tree.commune.id ? -1 : b.id === t.demo.tree.commune.id ? 1 : 0));
});
afterAll(() => t.close());

const today = vnToday();
const YEAR = Number(today.slice(0, 4));
const METRICS = ["people.active", "people.joined", "people.active.gender", "units.total", "units.kind"];

const body = (over: Record<string, unknown> = {}) => ({
  title: `Báo cáo kết quả học tập và làm theo Bác năm ${YEAR}`,
  kind: "annual",
  periodStart: `${YEAR}-01-01`,
  periodEnd: today,
  dueOn: dayAfter(today),
  targets: { levels: [1] },
  metrics: METRICS,
  manualMetrics: [
    { key: "sessions", label: "Buổi sinh hoạt chuyên đề", unit: "buổi" },
    { key: "funds", label: "Kinh phí", unit: "triệu đồng" },
  ],
  ...over,
});

/** An officer account of a unit (made for the test), signed in. */
async function officerOf(unit: UnitRow, role: "officer" | "secretary" | "leader" = "officer") {
  const made = await buildUser(t.database.db, { role, unit });
  return t.as(made.user.username, made.password);
}

async function createRequest(client: Client, over: Record<string, unknown> = {}) {
  const res = await client.post("/api/report-requests", body(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.request as { id: string; targetCount: number; consolidationId: string; version: number };
}

async function reportOf(client: Client, requestId: string) {
  const res = await client.get(`/api/report-requests/${requestId}`);
  expect(res.status).toBe(200);
  const mine = res.body.request.myReport;
  expect(mine, "the caller's unit is a target").toBeTruthy();
  const report = await client.get(`/api/reports/${mine.id}`);
  expect(report.status).toBe(200);
  return report.body.report;
}

async function writeAndSubmit(client: Client, requestId: string, values: Record<string, number> = {}) {
  const report = await reportOf(client, requestId);
  const put = await client.put(`/api/reports/${report.id}`, {
    version: report.version,
    sections: { results: "Kết quả tốt.", limitations: "Còn hạn chế." },
    manualValues: values,
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  const submitted = await client.post(`/api/reports/${report.id}/submit`);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return submitted.body.report;
}

const completeness = async (client: Client, requestId: string, unitId?: string) => {
  const res = await client.get(
    `/api/report-requests/${requestId}/completeness${unitId ? `?unitId=${unitId}` : ""}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

const statusSum = (s: {
  notStarted: number;
  draft: number;
  submitted: number;
  returned: number;
  accepted: number;
}) => s.notStarted + s.draft + s.submitted + s.returned + s.accepted;

/** The counters checked against a direct count of the reports, and against a rebuild from them. */
async function expectCountersExact(requestId: string, unit: UnitRow) {
  const [request] = await t.database.db.select().from(reportRequests).where(eq(reportRequests.id, requestId));
  const [current] = await t.database.db.select().from(units).where(eq(units.id, unit.id));
  const [requesterNow] = await t.database.db
    .select()
    .from(units)
    .where(eq(units.id, request?.unitId ?? ""));
  if (!current || !requesterNow) throw new Error("no unit");
  const input = { requestId, requesterPath: requesterNow.path, unit: current };
  const folded = await readCompleteness(t.database.db, input);
  const direct = await readCompleteness(t.database.db, { ...input, direct: true });
  const sumOf = (m: Map<number, Counts>) =>
    [...m.values()].reduce((a, c) => a + c.notStarted + c.draft + c.submitted + c.returned + c.accepted, 0);
  expect(Object.fromEntries(folded.byDepth)).toEqual(Object.fromEntries(direct.byDepth));
  expect(Object.fromEntries(folded.byChild)).toEqual(Object.fromEntries(direct.byChild));
  expect(sumOf(folded.byDepth)).toBe(sumOf(direct.byDepth));
  expect((await readSums(t.database.db, input)).total).toEqual(
    (await readSums(t.database.db, { ...input, direct: true })).total,
  );
  // A rebuild from the reports gives the same counters.
  const before = await t.database.db.select().from(reportCounts).where(eq(reportCounts.requestId, requestId));
  await t.database.db.transaction((tx) => rebuildReportCounts(tx, { requestIds: [requestId] }));
  const rebuilt = await readCompleteness(t.database.db, input);
  expect(Object.fromEntries(rebuilt.byDepth)).toEqual(Object.fromEntries(folded.byDepth));
  expect(before.length).toBeGreaterThan(0);
}

describe("a report request", () => {
  it("is issued by an upper unit: 401 → 400 → 403 → 201, one report per target", async () => {
    expect((await t.anonymous().post("/api/report-requests", body())).status).toBe(401);
    const bad = await province.post("/api/report-requests", { ...body(), title: "", dueOn: "hôm nay" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    for (const who of ["bithu.chibo1", "dangvien1"]) {
      const res = await (await t.as(who)).post("/api/report-requests", body());
      expect(res.status, who).toBe(403);
    }
    const unknown = await province.post("/api/report-requests", body({ metrics: ["khong.co"] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0].path).toBe("body.metrics.0");
    const outside = await province.post(
      "/api/report-requests",
      body({ targets: { unitIds: [t.demo.tree.commune.id, t.demo.tree.p2.id] } }),
    );
    expect(outside.status).toBe(422);
    expect(outside.body.error.details).toEqual([{ path: "body.targets.unitIds.1", message: "not_below" }]);

    const request = await createRequest(province);
    expect(request.targetCount).toBe(communes.length);
    const detail = (await province.get(`/api/report-requests/${request.id}`)).body.request;
    expect(detail.sections.map((s: { key: string }) => s.key)).toEqual([
      "results",
      "limitations",
      "lessons",
      "directions",
      "proposals",
    ]);
    expect(detail.metrics.find((m: { key: string }) => m.key === "people.active").label).toBeTruthy();
    expect(detail.consolidationId).toBeTruthy();
    expect(detail.allowedActions).toEqual(["cancel", "remind", "edit"]);
    // Published down: the communes read it (with their own report); the sibling province does not.
    const seen = (await commune.get(`/api/report-requests/${request.id}`)).body.request;
    expect(seen).toMatchObject({ fromAbove: true, consolidationId: null, allowedActions: [] });
    expect(seen.myReport).toMatchObject({ status: "not_started", unitId: t.demo.tree.commune.id });
    expect((await (await t.as("canbo.tinh2")).get(`/api/report-requests/${request.id}`)).status).toBe(404);
    expect((await (await t.as("dangvien1")).get(`/api/report-requests/${request.id}`)).status).toBe(403);
    const received = await commune.get("/api/report-requests?scope=received");
    expect(received.body.items.map((i: { id: string }) => i.id)).toContain(request.id);
    const issued = await commune.get("/api/report-requests?scope=issued");
    expect(issued.body.items.map((i: { id: string }) => i.id)).not.toContain(request.id);
    // The creation is audited once, not once per report.
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, request.id));
    expect(audits.map((a) => `${a.entity}.${a.action}`)).toEqual(["report_request.create"]);
  });

  it("is written, submitted (figures frozen), reviewed: 401 → 400 → 403 → 200, 409 on a stale version", async () => {
    const request = await createRequest(province);
    const report = await reportOf(commune, request.id);
    expect(report).toMatchObject({
      status: "not_started",
      allowedActions: ["update", "submit"],
      counted: true,
    });
    const url = `/api/reports/${report.id}`;
    expect((await t.anonymous().put(url, { version: report.version })).status).toBe(401);
    expect((await commune.put(url, { version: "một" })).status).toBe(400);
    // The province reads but does not write a commune's report; a cell below does not either.
    expect((await province.put(url, { version: report.version })).status).toBe(403);
    expect((await (await t.as("canbo.coso")).get(url)).status).toBe(404);
    expect((await (await t.as("canbo.tinh2")).get(url)).status).toBe(404);
    expect((await province.get(url)).body.report.allowedActions).toEqual([]);
    const unknownKey = await commune.put(url, { version: report.version, manualValues: { nope: 1 } });
    expect(unknownKey.status).toBe(422);
    const written = await commune.put(url, {
      version: report.version,
      sections: { results: "Đã tổ chức 12 buổi sinh hoạt chuyên đề." },
      manualValues: { sessions: 12, funds: 10.5 },
    });
    expect(written.status).toBe(200);
    expect(written.body.report.status).toBe("draft");
    expect((await commune.put(url, { version: report.version, manualValues: { sessions: 1 } })).status).toBe(
      409,
    );
    // Submission: only the unit's own officers; the reviewer cannot review a draft.
    expect((await province.post(`${url}/submit`)).status).toBe(403);
    expect((await province.post(`${url}/review`, { decision: "accept" })).status).toBe(409);
    const submitted = await commune.post(`${url}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.report).toMatchObject({
      status: "submitted",
      timeliness: "on_time",
      overdue: false,
      allowedActions: [],
      figures: { frozen: true },
    });
    expect(submitted.body.report.number).toMatch(/^\d{2,}-BC\/ĐU$/);
    expect((await commune.post(`${url}/submit`)).status).toBe(409);
    expect((await commune.put(url, { version: submitted.body.report.version })).status).toBe(409);
    // Review: 403 for the commune itself, 400 on a bad decision, 422 returning without a reason.
    expect((await commune.post(`${url}/review`, { decision: "accept" })).status).toBe(403);
    expect((await province.post(`${url}/review`, { decision: "maybe" })).status).toBe(400);
    expect((await province.post(`${url}/review`, { decision: "return" })).status).toBe(422);
    const accepted = await (await t.as("lanhdao.tinh1")).post(`${url}/review`, { decision: "accept" });
    expect(accepted.status).toBe(200);
    expect(accepted.body.report.status).toBe("accepted");
    expect((await province.post(`${url}/review`, { decision: "return", comment: "Muộn" })).status).toBe(409);
    const versions = (await commune.get(`${url}/versions`)).body.items;
    expect(versions.map((v: { event: string }) => v.event)).toEqual(["accept", "submit", "update"]);
    const notified = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, "report.accept"));
    expect(notified.some((n) => n.link === `/reports/${report.id}`)).toBe(true);
  });
});

describe("completeness", () => {
  it("counts by status (summing to the total), on time, late, overdue, returned and resubmitted", async () => {
    // Due yesterday: a submission today is late; the units not submitted are overdue.
    const late = await createRequest(province, { dueOn: dayBefore(today), periodEnd: dayBefore(today) });
    const before = await completeness(province, late.id);
    expect(before).toMatchObject({
      total: 3,
      byStatus: { notStarted: 3, draft: 0, submitted: 0, returned: 0, accepted: 0 },
      onTime: 0,
      late: 0,
      overdue: 3,
      reportedRate: 0,
    });
    const submitted = await writeAndSubmit(commune, late.id, { sessions: 4 });
    expect(submitted).toMatchObject({ timeliness: "late", overdue: false });
    const second = await officerOf(communes[1] as UnitRow);
    const draft = await reportOf(second, late.id);
    await second.put(`/api/reports/${draft.id}`, { version: draft.version, manualValues: { sessions: 2 } });
    const now = await completeness(province, late.id);
    expect(now).toMatchObject({
      total: 3,
      byStatus: { notStarted: 1, draft: 1, submitted: 1, returned: 0, accepted: 0 },
      onTime: 0,
      late: 1,
      overdue: 2,
      reportedRate: 33.3,
      onTimeRate: 0,
    });
    expect(statusSum(now.byStatus)).toBe(now.total);
    expect(now.byChild).toHaveLength(3);
    expect(now.byChild.reduce((n: number, c: { total: number }) => n + c.total, 0)).toBe(now.total);
    expect(now.byLevel).toEqual([expect.objectContaining({ level: 1, total: 3, late: 1 })]);
    // Returned, then corrected and resubmitted: the timeliness stays that of the first submission.
    const returned = await province.post(`/api/reports/${submitted.id}/review`, {
      decision: "return",
      comment: "Bổ sung số liệu kinh phí.",
    });
    expect(returned.body.report).toMatchObject({
      status: "returned",
      reviewComment: "Bổ sung số liệu kinh phí.",
    });
    expect((await completeness(province, late.id)).byStatus).toMatchObject({ returned: 1, submitted: 0 });
    const again = await commune.put(`/api/reports/${submitted.id}`, {
      version: returned.body.report.version,
      manualValues: { funds: 3 },
    });
    expect(again.body.report.status).toBe("returned");
    const resubmitted = await commune.post(`/api/reports/${submitted.id}/submit`);
    expect(resubmitted.body.report).toMatchObject({ status: "submitted", timeliness: "late" });
    const after = await completeness(province, late.id);
    expect(after).toMatchObject({ total: 3, late: 1, overdue: 2, byStatus: { submitted: 1, returned: 0 } });
    const versions = (await commune.get(`/api/reports/${submitted.id}/versions`)).body.items;
    expect(versions.map((v: { event: string }) => v.event)).toEqual([
      "submit",
      "update",
      "return",
      "submit",
      "update",
    ]);
    await expectCountersExact(late.id, t.demo.tree.p1);

    // Due tomorrow: on time, nothing overdue.
    const onTime = await createRequest(province);
    await writeAndSubmit(commune, onTime.id);
    expect(await completeness(province, onTime.id)).toMatchObject({
      onTime: 1,
      late: 0,
      overdue: 0,
      onTimeRate: 33.3,
    });
    const list = await province.get(`/api/report-requests/${late.id}/reports?timeliness=overdue`);
    expect(list.body.total).toBe(2);
    expect(list.body.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
  });

  it("is seen from the requester and from every unit in between, by level and by child", async () => {
    const { commune: c, grassroots } = t.demo.tree;
    // Communes and grassroots organisations: two levels.
    const request = await createRequest(province, { targets: { levels: [1, 2] } });
    const grassrootsUnits = t.demo.tree.all.filter((u) => communes.some((k) => k.id === u.parentId));
    expect(request.targetCount).toBe(communes.length + grassrootsUnits.length);
    const top = await completeness(province, request.id);
    expect(top.byLevel.map((l: { level: number; total: number }) => [l.level, l.total])).toEqual([
      [1, communes.length],
      [2, grassrootsUnits.length],
    ]);
    expect(top.byChild.map((b: { unitId: string }) => b.unitId).sort()).toEqual(
      communes.map((u) => u.id).sort(),
    );
    // The commune in between: its own report and its grassroots organisations'.
    const g = await t.as("canbo.coso");
    await writeAndSubmit(g, request.id, { sessions: 5, funds: 1.25 });
    const mid = await completeness(commune, request.id);
    expect(mid).toMatchObject({ unit: { id: c.id }, total: 3, own: { status: "not_started" } });
    expect(mid.byChild).toEqual([
      expect.objectContaining({
        unitId: grassroots.id,
        total: 1,
        byStatus: expect.objectContaining({ submitted: 1 }),
      }),
      expect.objectContaining({ total: 1, byStatus: expect.objectContaining({ notStarted: 1 }) }),
    ]);
    // The commune's draft shows its subordinates' submitted figures; the province sees them summed.
    const own = await reportOf(commune, request.id);
    expect(own.figures.manual).toEqual([
      expect.objectContaining({ key: "sessions", own: null, subordinates: 5, total: 5 }),
      expect.objectContaining({ key: "funds", own: null, subordinates: 1.25, total: 1.25 }),
    ]);
    expect(top.byChild.find((b: { unitId: string }) => b.unitId === c.id).total).toBe(3);
    // Out of the caller's subtree, or outside the request's tree.
    expect((await g.get(`/api/report-requests/${request.id}/completeness?unitId=${c.id}`)).status).toBe(404);
    const other = await (await t.as("admin")).get(
      `/api/report-requests/${request.id}/completeness?unitId=${t.demo.tree.p2.id}`,
    );
    expect(other.status).toBe(422);
    expect(
      (await (await t.as("dangvien1")).get(`/api/report-requests/${request.id}/completeness`)).status,
    ).toBe(403);
    await expectCountersExact(request.id, t.demo.tree.p1);
    await expectCountersExact(request.id, c);
  });
});

describe("figures", () => {
  const stats = unitStats;
  const chosen = (all: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(all).filter(
        ([k]) =>
          [
            "people.active",
            "people.joined",
            "people.active.male",
            "people.active.female",
            "units.total",
          ].includes(k) || k.startsWith("units.kind."),
      ),
    );

  it("of a draft are the dashboard's; submission freezes them; a later change shows as a difference", async () => {
    const { commune: c, cell1 } = t.demo.tree;
    const request = await createRequest(province);
    const draft = await reportOf(commune, request.id);
    const live = Object.fromEntries(
      draft.figures.computed.map((f: { key: string; value: number }) => [f.key, f.value]),
    );
    expect(live).toEqual(chosen(await stats(commune, c.id, `${YEAR}-01-01`, today)));
    expect(live["people.active"]).toBeGreaterThan(10);
    // The dashboard of the same subtree and period (the year up to today) shows the same figures.
    const dashboard = await commune.get(`/api/dashboard?unitId=${c.id}&year=${YEAR}`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toMatchObject({ from: `${YEAR}-01-01`, to: today });
    for (const [key, value] of Object.entries(live)) expect(dashboard.body.metrics[key], key).toBe(value);
    expect(Object.keys(live)).not.toContain("people.active.age.under30");
    expect(draft.figures.frozen).toBe(false);

    const submitted = await writeAndSubmit(commune, request.id);
    const frozen = Object.fromEntries(
      submitted.figures.computed.map((f: { key: string; value: number }) => [f.key, f.value]),
    );
    expect(frozen).toEqual(chosen(await stats(commune, c.id, `${YEAR}-01-01`, today)));
    expect(submitted.differences).toEqual([]);

    // A member joins a cell of the commune today: the frozen figures stay, the difference shows.
    const joined = await commune.post("/api/people", {
      unitId: cell1.id,
      fullName: "Nguyễn Thị Mới",
      gender: "female",
      birthDate: "1995-04-04",
      joinedOn: today,
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    const after = (await commune.get(`/api/reports/${submitted.id}`)).body.report;
    expect(after.figures.computed).toEqual(submitted.figures.computed);
    const diff = Object.fromEntries(
      after.differences.map((d: { key: string; frozen: number; current: number }) => [
        d.key,
        [d.frozen, d.current],
      ]),
    );
    expect(diff["people.active"]).toEqual([frozen["people.active"], frozen["people.active"] + 1]);
    expect(diff["people.active.female"]).toEqual([
      frozen["people.active.female"],
      frozen["people.active.female"] + 1,
    ]);
    expect(diff["people.joined"]).toEqual([frozen["people.joined"], frozen["people.joined"] + 1]);
  });

  it("of the requester's report are summed, with a per-unit table; exported as .docx and .xlsx", async () => {
    const request = await createRequest(province, {
      title: "Báo cáo sơ kết công tác học tập và làm theo Bác",
    });
    await writeAndSubmit(commune, request.id, { sessions: 7, funds: 2.5 });
    const second = await officerOf(communes[1] as UnitRow);
    await writeAndSubmit(second, request.id, { sessions: 3, funds: 0.1 });
    const res = await province.get(`/api/reports/${request.consolidationId}`);
    expect(res.status).toBe(200);
    const own = res.body.report;
    expect(own.role).toBe("consolidation");
    expect(own.allowedActions).toEqual(["update", "submit"]);
    expect(own.consolidation.completeness).toMatchObject({ total: 3, onTime: 2, overdue: 0 });
    expect(own.consolidation.manualTotals).toEqual({ sessions: 10, funds: 2.6 });
    expect(own.figures.manual).toEqual([
      expect.objectContaining({ key: "sessions", subordinates: 10, total: 10 }),
      expect.objectContaining({ key: "funds", subordinates: 2.6, total: 2.6 }),
    ]);
    expect(own.consolidation.units).toHaveLength(3);
    const first = own.consolidation.units.find(
      (u: { unit: { id: string } }) => u.unit.id === t.demo.tree.commune.id,
    );
    expect(first).toMatchObject({
      report: { status: "submitted", timeliness: "on_time" },
      manual: { sessions: 7, funds: 2.5 },
    });
    expect(first.computed["people.active"]).toBeGreaterThan(0);
    const live = Object.fromEntries(
      own.figures.computed.map((f: { key: string; value: number }) => [f.key, f.value]),
    );
    expect(live["people.active"]).toBe(
      (await stats(province, t.demo.tree.p1.id, `${YEAR}-01-01`, today))["people.active"],
    );
    // The consolidated report is not reviewed; a commune cannot see it.
    expect((await province.post(`/api/reports/${own.id}/review`, { decision: "accept" })).status).toBe(403);
    expect((await commune.get(`/api/reports/${own.id}`)).status).toBe(404);

    const docx = await province.download(`/api/reports/${own.id}.docx`);
    expect(docx.status).toBe(200);
    expect(String(docx.headers["content-type"])).toContain("wordprocessingml.document");
    const xml = (await (await JSZip.loadAsync(docx.data)).file("word/document.xml")?.async("string")) ?? "";
    const text = xml.replace(/<w:tab\/>/g, "\t").replace(/<[^>]+>/g, "");
    for (const expected of [
      "ĐẢNG CỘNG SẢN VIỆT NAM",
      "TỈNH ỦY BẮC\u00a0NINH",
      "Số      -BC/TU",
      "BÁO CÁO",
      "Báo cáo sơ kết công tác học tập và làm theo Bác",
      // The request's title as written (never re-cased) in the opening sentence.
      "Thực hiện yêu cầu “Báo cáo sơ kết công tác học tập và làm theo Bác” (kỳ báo cáo",
      "I. KẾT QUẢ ĐẠT ĐƯỢC",
      "II. HẠN CHẾ, NGUYÊN NHÂN",
      "V. ĐỀ XUẤT, KIẾN NGHỊ",
      "1. Số liệu chủ yếu",
      "2. Tình hình báo cáo của các đơn vị",
      "Nơi nhận:",
      "T/M BAN THƯỜNG VỤ",
    ])
      expect(text, expected).toContain(expected);
    expect(text).toMatch(/Bắc Ninh, ngày\s+tháng\s+năm \d{4}/);
    // BÁO CÁO is not said twice, and the recipients name the body above, not "Cấp ủy cấp trên".
    expect(text).toContain("BÁO CÁOSơ kết công tác học tập và làm theo Bác-----");
    expect(text).not.toContain("Cấp ủy cấp trên");
    // A submitted commune report carries its number and date.
    const communeReport = await reportOf(commune, request.id);
    const communeDocx = await commune.download(`/api/reports/${communeReport.id}.docx`);
    const communeXml =
      (await (await JSZip.loadAsync(communeDocx.data)).file("word/document.xml")?.async("string")) ?? "";
    expect(communeXml).toContain(`Số ${communeReport.number}`);
    expect(communeXml).toContain("ĐẢNG BỘ TỈNH BẮC\u00a0NINH");
    expect(decodeURIComponent(String(communeDocx.headers["content-disposition"]))).toContain(
      `Báo cáo số ${communeReport.number.replace("/", "-")}.docx`,
    );

    const xlsx = await province.download(`/api/reports/${own.id}.xlsx`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.data as never);
    const figures = book.getWorksheet("Số liệu");
    const rows: unknown[][] = [];
    figures?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const sessionsRow = rows.find((r) => r[1] === "sessions") ?? [];
    expect(sessionsRow.slice(0, 4)).toEqual(["Nhập tay", "sessions", "Buổi sinh hoạt chuyên đề", "buổi"]);
    expect([sessionsRow[5], sessionsRow[6]]).toEqual([10, 10]);
    expect(rows.find((r) => r[1] === "people.active")?.[6]).toBe(live["people.active"]);
    const unitsSheet = book.getWorksheet("Các đơn vị");
    const unitRows: unknown[][] = [];
    unitsSheet?.eachRow((row, n) => {
      if (n > 2) unitRows.push((row.values as unknown[]).slice(1));
    });
    expect(unitRows).toHaveLength(3);
    // "Gửi lần đầu" is a real date-time in Vietnam's time, and the sheet prints landscape with its header repeated.
    const submitted = unitRows.map((r) => r[6]).filter((v) => v !== undefined && v !== null);
    expect(submitted.length).toBeGreaterThan(0);
    for (const v of submitted) expect(v).toBeInstanceOf(Date);
    expect(unitsSheet?.getCell("G3").numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(unitsSheet?.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToWidth: 1,
      printTitlesRow: "2:2",
    });
    const header = ((unitsSheet?.getRow(2).values ?? []) as unknown[]).slice(1);
    const sessionsColumn = header.indexOf("Buổi sinh hoạt chuyên đề (buổi)");
    expect(unitRows.map((r) => r[sessionsColumn] ?? null).sort()).toEqual([3, 7, null].sort());

    // A unit's name that would start a formula is written neutralised (OWASP's CSV-injection advice).
    const renamed = communes[1] as UnitRow;
    const risky = '=HYPERLINK("http://example.com","Xã")';
    await t.database.db.update(units).set({ name: risky }).where(eq(units.id, renamed.id));
    try {
      const again = new ExcelJS.Workbook();
      await again.xlsx.load((await province.download(`/api/reports/${own.id}.xlsx`)).data as never);
      const texts: string[] = [];
      for (const ws of again.worksheets)
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (typeof cell.value === "string") texts.push(cell.value);
          }),
        );
      expect(texts).toContain(`'${risky}`);
      expect(texts.filter((v) => /^[=+\-@\t\r]/u.test(v))).toEqual([]);
    } finally {
      await t.database.db.update(units).set({ name: renamed.name }).where(eq(units.id, renamed.id));
    }
  });
});

describe("the period rule", () => {
  it("folds a target merged during the period into its successor: no rate above 100%, figures equal the dashboard's", async () => {
    const p2 = await t.as("canbo.tinh2");
    const admin = await t.as("admin");
    const p2Communes = t.demo.tree.all.filter((u) => u.parentId === t.demo.tree.p2.id);
    expect(p2Communes).toHaveLength(2);
    const [a, b] = p2Communes as [UnitRow, UnitRow];
    const request = await createRequest(p2, { periodStart: `${YEAR}-01-01`, periodEnd: dayAfter(today) });
    // A submits, then merges into B (both targets): its report folds into B's.
    const officerA = await officerOf(a);
    await writeAndSubmit(officerA, request.id, { sessions: 2 });
    expect(await completeness(p2, request.id)).toMatchObject({ total: 2, onTime: 1, reportedRate: 50 });
    const merged = await admin.post("/api/units/merge", { sourceIds: [a.id], targetId: b.id, on: today });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const after = await completeness(p2, request.id);
    expect(after).toMatchObject({ total: 1, onTime: 0, byStatus: { notStarted: 1, submitted: 0 } });
    expect(after.reportedRate).toBeLessThanOrEqual(100);
    expect(after.byChild).toEqual([expect.objectContaining({ unitId: b.id, total: 1 })]);
    const folded = (await p2.get(`/api/report-requests/${request.id}/reports`)).body;
    expect(folded.total).toBe(1);
    const officerB = await officerOf(b);
    const bReport = await reportOf(officerB, request.id);
    const aReport = (await t.database.db.select().from(reports).where(eq(reports.originalUnitId, a.id))).find(
      (r) => r.requestId === request.id,
    );
    expect(aReport).toMatchObject({ counted: false, closedReason: "merged", foldedIntoId: bReport.id });
    const aView = (await p2.get(`/api/reports/${aReport?.id}`)).body.report;
    expect(aView).toMatchObject({
      counted: false,
      foldedInto: { reportId: bReport.id, unit: { id: b.id } },
      allowedActions: [],
    });
    expect((await officerA.post(`/api/reports/${aReport?.id}/submit`)).status).not.toBe(200);
    // B's figures hold A's records (the period rule of the figures): B's submission equals the dashboard's.
    const submitted = await writeAndSubmit(officerB, request.id, { sessions: 1 });
    const stats = (await p2.get(`/api/units/${b.id}/stats?from=${YEAR}-01-01&to=${dayAfter(today)}`)).body
      .metrics;
    for (const f of submitted.figures.computed) expect(stats[f.key], f.key).toBe(f.value);
    expect(await completeness(p2, request.id)).toMatchObject({
      total: 1,
      onTime: 1,
      reportedRate: 100,
      onTimeRate: 100,
    });
    await expectCountersExact(request.id, t.demo.tree.p2);

    // A target merged into a unit that is not a target passes its report to it.
    const kinds = (await admin.get("/api/unit-kinds")).body.items as { id: string; code: string }[];
    const created = await admin.post("/api/units", {
      parentId: t.demo.tree.p2.id,
      name: "Đảng ủy xã Mới Hợp Nhất",
      kindId: kinds.find((k) => k.code === "commune")?.id,
    });
    expect(created.status).toBe(201);
    const n = created.body.unit.id as string;
    const request2 = await createRequest(p2, { targets: { unitIds: [b.id] } });
    const passed = await admin.post("/api/units/merge", { sourceIds: [b.id], targetId: n, on: today });
    expect(passed.status).toBe(200);
    const c2 = await completeness(p2, request2.id);
    expect(c2).toMatchObject({ total: 1, byChild: [expect.objectContaining({ unitId: n, total: 1 })] });
    const nRow = (await t.database.db.select().from(reports).where(eq(reports.requestId, request2.id))).find(
      (r) => r.role === "target",
    );
    const [nUnit] = await t.database.db.select().from(units).where(eq(units.id, n));
    expect(nRow).toMatchObject({ unitId: n, originalUnitId: b.id, counted: true });
    const officerN = await officerOf(nUnit as UnitRow);
    expect((await reportOf(officerN, request2.id)).originalUnit).toMatchObject({ id: b.id });
    await writeAndSubmit(officerN, request2.id);
    await expectCountersExact(request2.id, t.demo.tree.p2);
    // The first request too, after B moved under N (its counters moved with it).
    expect(await completeness(p2, request.id)).toMatchObject({ total: 1, onTime: 1, reportedRate: 100 });
    await expectCountersExact(request.id, t.demo.tree.p2);

    // The requester itself merges into a new province: its open requests pass to the successor.
    const province2 = await admin.post("/api/units", {
      parentId: t.demo.tree.root.id,
      name: "Tỉnh ủy Hợp Nhất",
      kindId: kinds.find((k) => k.code === "province")?.id,
    });
    expect(province2.status).toBe(201);
    const x = province2.body.unit.id as string;
    const before = await completeness(admin, request.id);
    expect(
      (await admin.post("/api/units/merge", { sourceIds: [t.demo.tree.p2.id], targetId: x, on: today }))
        .status,
    ).toBe(200);
    const moved = (await admin.get(`/api/report-requests/${request.id}`)).body.request;
    expect(moved.unit.id).toBe(x);
    const afterMerge = await completeness(admin, request.id);
    expect(afterMerge).toMatchObject({ unit: { id: x }, total: before.total, onTime: before.onTime });
    const [xUnit] = await t.database.db.select().from(units).where(eq(units.id, x));
    await expectCountersExact(request.id, xUnit as UnitRow);
    expect((await admin.get(`/api/reports/${moved.consolidationId}`)).body.report.unit.id).toBe(x);
  });
});

describe("reminders and cancelling", () => {
  it("remind all late units once a day (in-app), then a cancelled request takes no more writes", async () => {
    const request = await createRequest(province, { dueOn: dayBefore(today), periodEnd: dayBefore(today) });
    const secondOfficer = await officerOf(communes[1] as UnitRow);
    await writeAndSubmit(commune, request.id);
    const url = `/api/report-requests/${request.id}/remind`;
    expect((await t.anonymous().post(url, {})).status).toBe(401);
    expect((await province.post(url, { unitId: "x" })).status).toBe(400);
    expect((await commune.post(url, {})).status).toBe(200); // the commune reminds its own part (none late)
    expect((await (await t.as("bithu.chibo1")).post(url, {})).status).toBe(403);
    const first = await province.post(url, {});
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ lateUnits: 2, alreadyReminded: 0 });
    expect(first.body.notified).toBeGreaterThanOrEqual(1);
    const again = await province.post(url, {});
    expect(again.body).toMatchObject({ lateUnits: 2, notified: 0, alreadyReminded: 2 });
    const secondId = (await secondOfficer.get(`/api/report-requests/${request.id}`)).body.request.myReport
      .id as string;
    const inbox = (await secondOfficer.get("/api/notifications")).body.items as {
      link: string;
      title: string;
    }[];
    expect(inbox.find((n) => n.link === `/reports/${secondId}`)?.title).toContain("quá hạn");

    const cancel = `/api/report-requests/${request.id}/cancel`;
    expect((await commune.post(cancel)).status).toBe(403);
    expect((await province.post(cancel)).status).toBe(200);
    expect((await province.post(cancel)).status).toBe(409);
    const draft = await reportOf(secondOfficer, request.id);
    expect((await secondOfficer.put(`/api/reports/${draft.id}`, { version: draft.version })).status).toBe(
      409,
    );
    expect((await province.post(url, {})).status).toBe(409);
  });
});

describe("moving the due date", () => {
  it("judges the reports not yet submitted by the new date; one submitted late stays late", async () => {
    const request = await createRequest(province, { dueOn: dayBefore(today), periodEnd: dayBefore(today) });
    await writeAndSubmit(commune, request.id);
    const completeness = async () =>
      (await province.get(`/api/report-requests/${request.id}/completeness`)).body as {
        total: number;
        onTime: number;
        late: number;
        overdue: number;
      };
    expect(await completeness()).toMatchObject({ total: 3, onTime: 0, late: 1, overdue: 2 });
    const url = `/api/report-requests/${request.id}`;
    const later = dayAfter(dayAfter(today));
    expect((await t.anonymous().patch(url, { version: request.version, dueOn: later })).status).toBe(401);
    expect((await province.patch(url, { version: request.version, dueOn: "30/11/2026" })).status).toBe(400);
    expect((await commune.patch(url, { version: request.version, dueOn: later })).status).toBe(403);
    expect(
      (await (await t.as("canbo.tinh2")).patch(url, { version: request.version, dueOn: later })).status,
    ).toBe(404);
    const early = await province.patch(url, { version: request.version, dueOn: "2000-01-01" });
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.body)).toContain("body.dueOn");
    expect((await province.patch(url, { version: request.version - 1, dueOn: later })).status).toBe(409);
    const moved = await province.patch(url, { version: request.version, dueOn: later });
    expect(moved.status).toBe(200);
    expect(moved.body.request).toMatchObject({ dueOn: later, version: request.version + 1 });
    expect(await completeness()).toMatchObject({ total: 3, onTime: 0, late: 1, overdue: 0 });
    expect((await province.post(`${url}/remind`, {})).body).toMatchObject({ lateUnits: 0 });
    // The same version again is stale; a cancelled request's date does not move.
    expect((await province.patch(url, { version: request.version, dueOn: today })).status).toBe(409);
    expect((await province.post(`${url}/cancel`)).status).toBe(200);
    expect((await province.patch(url, { version: request.version + 2, dueOn: today })).status).toBe(409);
  });
});

describe("schedules", () => {
  it("create each period's request once, when its day comes", async () => {
    const schedule = await province.post("/api/report-schedules", {
      title: "Báo cáo quý công tác học tập và làm theo Bác",
      recurrence: "quarterly",
      startsOn: "2026-01-01",
      dueDays: 10,
      leadDays: 20,
      targets: { levels: [1] },
      metrics: ["people.active"],
    });
    expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
    const id = schedule.body.schedule.id as string;
    expect((await (await t.as("canbo.tinh2")).get(`/api/report-schedules/${id}`)).status).toBe(404);
    expect((await province.post("/api/report-schedules", { title: "Thiếu" })).status).toBe(400);
    expect(
      (
        await (
          await t.as("bithu.chibo1")
        ).post("/api/report-schedules", {
          title: "Báo cáo quý của chi bộ",
          recurrence: "quarterly",
          startsOn: "2026-01-01",
          targets: { levels: [1] },
        })
      ).status,
    ).toBe(403);
    // Quarter II of 2026 ends 30 June, is due 10 July, created 20 June.
    const early = await createDueReportRequests({ db: t.database.db, today: "2026-06-19" });
    expect(early.created.filter((c) => c.scheduleId === id)).toEqual([]);
    const due = await createDueReportRequests({ db: t.database.db, today: "2026-06-20" });
    expect(due.created.filter((c) => c.scheduleId === id)).toEqual([
      expect.objectContaining({ periodStart: "2026-04-01" }),
    ]);
    const twice = await createDueReportRequests({ db: t.database.db, today: "2026-06-21" });
    expect(twice.created.filter((c) => c.scheduleId === id)).toEqual([]);
    const created = await province.get(
      `/api/report-requests/${due.created.find((c) => c.scheduleId === id)?.requestId}`,
    );
    expect(created.body.request).toMatchObject({
      title: "Báo cáo quý công tác học tập và làm theo Bác quý II năm 2026",
      kind: "quarterly",
      periodStart: "2026-04-01",
      periodEnd: "2026-06-30",
      dueOn: "2026-07-10",
      scheduleId: id,
      targetCount: 3,
    });
    // Stopped: nothing more.
    const stopped = await province.put(`/api/report-schedules/${id}`, {
      version: schedule.body.schedule.version,
      active: false,
    });
    expect(stopped.status).toBe(200);
    // Only what was sent changed: the metrics, lead and due days stay.
    expect(stopped.body.schedule).toMatchObject({
      active: false,
      dueDays: 10,
      leadDays: 20,
      metrics: ["people.active"],
    });
    expect(
      (
        await province.put(`/api/report-schedules/${id}`, {
          version: schedule.body.schedule.version,
          active: true,
        })
      ).status,
    ).toBe(409);
    expect(
      (await createDueReportRequests({ db: t.database.db, today: "2026-09-20" })).created.filter(
        (c) => c.scheduleId === id,
      ),
    ).toEqual([]);
  });
});

describe("the demo", () => {
  it("has a request with some submitted reports (one on time and accepted, one late, one overdue)", async () => {
    const list = await province.get("/api/report-requests?scope=issued");
    const demo = list.body.items.find((i: { title: string }) =>
      i.title.endsWith("thực hiện Chỉ thị 05-CT/TW"),
    );
    expect(demo).toBeTruthy();
    expect(await completeness(province, demo.id)).toMatchObject({
      total: 3,
      onTime: 1,
      late: 1,
      overdue: 1,
      byStatus: { accepted: 1, submitted: 1, notStarted: 1 },
    });
    const sums = await t.database.db.select().from(reportSums).where(eq(reportSums.requestId, demo.id));
    expect(sums.length).toBeGreaterThan(0);
  });
});

// PGlite has one connection, so a race there proves nothing: this runs on PostgreSQL only.
describe.runIf(process.env.TEST_DATABASE_URL)("races (PostgreSQL)", () => {
  it("exactly one review wins, the other gets 409; counters stay exact", async () => {
    const leader = await t.as("lanhdao.tinh1");
    for (let round = 0; round < 4; round++) {
      const request = await createRequest(province);
      const submitted = await writeAndSubmit(commune, request.id, { sessions: round });
      const results = await Promise.all([
        province.post(`/api/reports/${submitted.id}/review`, { decision: "accept" }),
        leader.post(`/api/reports/${submitted.id}/review`, { decision: "return", comment: "Bổ sung." }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const c = await completeness(province, request.id);
      expect(c.byStatus.accepted + c.byStatus.returned).toBe(1);
      expect(statusSum(c.byStatus)).toBe(c.total);
      await expectCountersExact(request.id, t.demo.tree.p1);
    }
  });

  it("many units submitting at once all succeed (sharded counters, no deadlock), counters stay exact", async () => {
    const request = await createRequest(province, { targets: { levels: [1, 2] } });
    const targets = t.demo.tree.all.filter(
      (u) => u.parentId === t.demo.tree.p1.id || communes.some((c) => c.id === u.parentId),
    );
    const clients = await Promise.all(targets.map((u) => officerOf(u)));
    const reportIds = await Promise.all(
      clients.map(async (c) => (await reportOf(c, request.id)).id as string),
    );
    const results = await Promise.all(clients.map((c, i) => c.post(`/api/reports/${reportIds[i]}/submit`)));
    expect(results.map((r) => r.status)).toEqual(targets.map(() => 200));
    expect(await completeness(province, request.id)).toMatchObject({
      total: targets.length,
      onTime: targets.length,
      byStatus: { submitted: targets.length },
    });
    await expectCountersExact(request.id, t.demo.tree.p1);
  });

  it("two submissions of one report at once: one wins", async () => {
    const request = await createRequest(province);
    const report = await reportOf(commune, request.id);
    const other = await officerOf(t.demo.tree.commune);
    const results = await Promise.all([
      commune.post(`/api/reports/${report.id}/submit`),
      other.post(`/api/reports/${report.id}/submit`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await completeness(province, request.id)).byStatus.submitted).toBe(1);
  });
});
