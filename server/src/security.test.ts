/**
 * The generated security suite: walks every /api route the app registered and checks, by the
 * route's declared visibility class, that
 *  - a non-public route refuses anonymous callers (401);
 *  - a cookie write without the CSRF token is refused (403) and changes nothing;
 *  - an object of the sibling province (own-subtree) or of another user (self) answers 404 and
 *    stays unchanged, and no list of the caller shows the sibling's objects.
 * A new route with a path parameter fails here until it gets an out-of-scope fixture below.
 */
import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../test/factories.ts";
import { type Client, createTestContext, type TestContext } from "../test/harness.ts";
import { auditLog } from "./features/audit/schema.ts";
import {
  commendationDecisions,
  commendationForms,
  commendationProposals,
  decisionRecipients,
  proposalRecipients,
} from "./features/commendations/schema.ts";
import { commitments, ratings } from "./features/commitments/schema.ts";
import { notify } from "./features/notifications/commands.ts";
import { practices } from "./features/practices/schema.ts";

let t: TestContext;
/** Ids of objects that belong to the sibling province P2 (or to a P2 user): never visible from P1. */
let foreign: {
  jobId: string;
  userId: string;
  tokenId: string;
  unitIds: string[];
  cellId: string;
  personId: string;
  personIds: string[];
  practiceId: string;
  practiceFileId: string;
  adoptionId: string;
  planId: string;
  planTaskId: string;
  bookletId: string;
  bookletFileId: string;
  exemplarId: string;
  topicId: string;
  topicFileId: string;
  studySessionId: string;
  documentId: string;
  documentVersionId: string;
  standardId: string;
  commitmentId: string;
  ratingId: string;
  notificationId: string;
  commendationFormId: string;
  proposalId: string;
  decisionId: string;
  decisionRecipientId: string;
  reportRequestId: string;
  reportId: string;
  reportScheduleId: string;
};
let p1GrassrootsId: string;
let p1Officer: Client;
let p1Admin: Client;

type Fixture = () => { params: Record<string, string>; body?: unknown };
/** For each route with a path parameter: an object the P1 caller must not reach, and a valid body. */
const outOfScope: Record<string, Fixture> = {
  "GET /api/users/:id": () => ({ params: { id: foreign.userId } }),
  "PATCH /api/users/:id": () => ({
    params: { id: foreign.userId },
    body: { displayName: "Bị sửa", version: 1 },
  }),
  "POST /api/users/:id/reset-password": () => ({ params: { id: foreign.userId } }),
  "DELETE /api/tokens/:id": () => ({ params: { id: foreign.tokenId } }),
  "GET /api/jobs/:id": () => ({ params: { id: foreign.jobId } }),
  "GET /api/units/:id": () => ({ params: { id: foreign.cellId } }),
  "GET /api/units/:id/children": () => ({ params: { id: foreign.cellId } }),
  "GET /api/units/:id/history": () => ({ params: { id: foreign.cellId } }),
  "GET /api/units/:id/stats": () => ({ params: { id: foreign.cellId } }),
  "PATCH /api/units/:id": () => ({ params: { id: foreign.cellId }, body: { name: "Bị sửa", version: 1 } }),
  "POST /api/units/:id/move": () => ({
    params: { id: foreign.cellId },
    body: { parentId: p1GrassrootsId, on: "2026-01-01" },
  }),
  "POST /api/units/:id/dissolve": () => ({ params: { id: foreign.cellId }, body: { on: "2026-01-01" } }),
  "POST /api/units/:id/split": () => ({
    params: { id: foreign.cellId },
    body: { on: "2026-01-01", parts: [{ name: "Bị tách", personIds: foreign.personIds.slice(0, 1) }] },
  }),
  "GET /api/practices/:id": () => ({ params: { id: foreign.practiceId } }),
  "PATCH /api/practices/:id": () => ({
    params: { id: foreign.practiceId },
    body: { version: 1, title: "Bị sửa" },
  }),
  "POST /api/practices/:id/submit": () => ({ params: { id: foreign.practiceId }, body: {} }),
  "POST /api/practices/:id/review": () => ({
    params: { id: foreign.practiceId },
    body: { decision: "recognise" },
  }),
  "POST /api/practices/:id/publication": () => ({
    params: { id: foreign.practiceId },
    body: { public: true },
  }),
  "POST /api/practices/:id/files": () => ({ params: { id: foreign.practiceId } }),
  "GET /api/practices/:id/files/:fileId": () => ({
    params: { id: foreign.practiceId, fileId: foreign.practiceFileId },
  }),
  "DELETE /api/practices/:id/files/:fileId": () => ({
    params: { id: foreign.practiceId, fileId: foreign.practiceFileId },
  }),
  "POST /api/practices/:id/adoptions": () => ({
    params: { id: foreign.practiceId },
    body: { startedOn: "2026-01-01" },
  }),
  "GET /api/practices/:id/adoptions": () => ({ params: { id: foreign.practiceId } }),
  "GET /api/practices/:id/spread": () => ({ params: { id: foreign.practiceId } }),
  "PATCH /api/adoptions/:id": () => ({
    params: { id: foreign.adoptionId },
    body: { version: 1, results: "Bị sửa" },
  }),
  "GET /api/booklets/:id": () => ({ params: { id: foreign.bookletId } }),
  "PUT /api/booklets/:id": () => ({
    params: { id: foreign.bookletId },
    body: { version: 1, title: "Bị sửa" },
  }),
  "POST /api/booklets/:id/exports": () => ({ params: { id: foreign.bookletId }, body: { format: "pdf" } }),
  "GET /api/booklets/:id/files/:fileId": () => ({
    params: { id: foreign.bookletId, fileId: foreign.bookletFileId },
  }),
  "GET /api/plans/:id": () => ({ params: { id: foreign.planId } }),
  "PATCH /api/plans/:id": () => ({ params: { id: foreign.planId }, body: { version: 2, title: "Bị sửa" } }),
  "DELETE /api/plans/:id": () => ({ params: { id: foreign.planId } }),
  "POST /api/plans/:id/issue": () => ({ params: { id: foreign.planId }, body: {} }),
  "POST /api/plans/:id/derive": () => ({ params: { id: foreign.planId }, body: {} }),
  "GET /api/plans/:id/cascade": () => ({ params: { id: foreign.planId } }),
  "GET /api/plans/:id/docx": () => ({ params: { id: foreign.planId } }),
  "PATCH /api/plans/:id/tasks/:taskId": () => ({
    params: { id: foreign.planId, taskId: foreign.planTaskId },
    body: { version: 1, progress: 50 },
  }),
  "GET /api/exemplars/:id": () => ({ params: { id: foreign.exemplarId } }),
  "PATCH /api/exemplars/:id": () => ({
    params: { id: foreign.exemplarId },
    body: { version: 1, story: "Bị sửa" },
  }),
  "POST /api/exemplars/:id/submit": () => ({ params: { id: foreign.exemplarId }, body: {} }),
  "POST /api/exemplars/:id/review": () => ({
    params: { id: foreign.exemplarId },
    body: { decision: "recognise" },
  }),
  "POST /api/exemplars/:id/publication": () => ({
    params: { id: foreign.exemplarId },
    body: { public: true },
  }),
  "POST /api/exemplars/:id/photo": () => ({ params: { id: foreign.exemplarId } }),
  "GET /api/exemplars/:id/photo": () => ({ params: { id: foreign.exemplarId } }),
  "PUT /api/exemplars/:id/practices": () => ({
    params: { id: foreign.exemplarId },
    body: { practiceIds: [], version: 1 },
  }),
  "GET /api/commitments/:id": () => ({ params: { id: foreign.commitmentId } }),
  "POST /api/commitments/:id/review": () => ({
    params: { id: foreign.commitmentId },
    body: { comment: "Bị duyệt", score: 50, version: 1 },
  }),
  "GET /api/units/:id/commitments": () => ({ params: { id: foreign.cellId } }),
  "GET /api/units/:id/commitment-template": () => ({ params: { id: foreign.cellId } }),
  "PUT /api/units/:id/commitment-template": () => ({ params: { id: foreign.cellId }, body: { year: 2026 } }),
  "GET /api/units/:id/ratings": () => ({ params: { id: foreign.cellId } }),
  "POST /api/units/:id/ratings": () => ({
    params: { id: foreign.cellId },
    body: { year: 2026, version: 1, ratings: [] },
  }),
  "POST /api/units/:id/ratings/confirm": () => ({
    params: { id: foreign.cellId },
    body: { year: 2026, version: 1 },
  }),
  "POST /api/units/:id/years/:year/close": () => ({ params: { id: foreign.cellId, year: "2026" } }),
  "POST /api/ratings/:id/corrections": () => ({
    params: { id: foreign.ratingId },
    body: { grade: "good", reason: "Bị sửa" },
  }),
  "GET /api/topics/:id": () => ({ params: { id: foreign.topicId } }),
  "PATCH /api/topics/:id": () => ({ params: { id: foreign.topicId }, body: { version: 1, title: "Bị sửa" } }),
  "POST /api/topics/:id/files": () => ({ params: { id: foreign.topicId } }),
  "GET /api/topics/:id/files/:fileId": () => ({
    params: { id: foreign.topicId, fileId: foreign.topicFileId },
  }),
  "DELETE /api/topics/:id/files/:fileId": () => ({
    params: { id: foreign.topicId, fileId: foreign.topicFileId },
  }),
  "GET /api/study-sessions/:id": () => ({ params: { id: foreign.studySessionId } }),
  "PATCH /api/study-sessions/:id": () => ({
    params: { id: foreign.studySessionId },
    body: { version: 1, notes: "Bị sửa" },
  }),
  "DELETE /api/study-sessions/:id": () => ({ params: { id: foreign.studySessionId }, body: { version: 1 } }),
  "GET /api/library/:id": () => ({ params: { id: foreign.documentId } }),
  "PATCH /api/library/:id": () => ({
    params: { id: foreign.documentId },
    body: { version: 1, title: "Bị sửa" },
  }),
  "POST /api/library/:id/versions": () => ({ params: { id: foreign.documentId } }),
  "GET /api/library/:id/versions/:versionId": () => ({
    params: { id: foreign.documentId, versionId: foreign.documentVersionId },
  }),
  "POST /api/library/:id/read": () => ({ params: { id: foreign.documentId } }),
  "GET /api/library/:id/reads": () => ({ params: { id: foreign.documentId } }),
  "GET /api/standards/:id": () => ({ params: { id: foreign.standardId } }),
  "PUT /api/standards/:id": () => ({
    params: { id: foreign.standardId },
    body: { version: 1, title: "Bị sửa", items: ["Bị sửa"] },
  }),
  "GET /api/standards/:id/poster": () => ({ params: { id: foreign.standardId } }),
  "POST /api/standards/:id/confirm": () => ({ params: { id: foreign.standardId }, body: { version: 1 } }),
  "GET /api/standards/:id/confirmations": () => ({ params: { id: foreign.standardId } }),
  "POST /api/notifications/:id/read": () => ({ params: { id: foreign.notificationId } }),
  "GET /api/units/:id/reminder-settings": () => ({ params: { id: foreign.cellId } }),
  "PUT /api/units/:id/reminder-settings": () => ({
    params: { id: foreign.cellId },
    body: { year: 2026, ratingsDue: "2026-12-01" },
  }),
  "PATCH /api/commendations/forms/:id": () => ({
    params: { id: foreign.commendationFormId },
    body: { version: 1, rank: 3 },
  }),
  "GET /api/commendations/proposals/:id": () => ({ params: { id: foreign.proposalId } }),
  "PUT /api/commendations/proposals/:id": () => ({
    params: { id: foreign.proposalId },
    body: { version: 1, title: "Bị sửa" },
  }),
  "POST /api/commendations/proposals/:id/submit": () => ({ params: { id: foreign.proposalId }, body: {} }),
  "POST /api/commendations/proposals/:id/review": () => ({
    params: { id: foreign.proposalId },
    body: { action: "approve" },
  }),
  "GET /api/commendations/decisions/:id": () => ({ params: { id: foreign.decisionId } }),
  "PATCH /api/commendations/decisions/:id": () => ({
    params: { id: foreign.decisionId },
    body: { version: 1, summary: "Bị sửa" },
  }),
  "PUT /api/commendations/decisions/:id/recipients": () => ({
    params: { id: foreign.decisionId },
    body: {
      version: 1,
      recipients: [{ id: foreign.decisionRecipientId, name: "Bị sửa", unitLabel: "", achievement: "" }],
    },
  }),
  "DELETE /api/commendations/decisions/:id": () => ({ params: { id: foreign.decisionId } }),
  "POST /api/commendations/decisions/:id/issue": () => ({ params: { id: foreign.decisionId }, body: {} }),
  "POST /api/commendations/decisions/:id/corrections": () => ({
    params: { id: foreign.decisionId },
    body: { reason: "Bị đính chính" },
  }),
  "GET /api/commendations/decisions/:id/document": () => ({ params: { id: foreign.decisionId } }),
  "GET /api/commendations/decisions/:id/export": () => ({ params: { id: foreign.decisionId } }),
  "POST /api/commendations/decisions/:id/certificates": () => ({ params: { id: foreign.decisionId } }),
  "GET /api/commendations/decisions/:id/files/:fileId": () => ({
    params: { id: foreign.decisionId, fileId: foreign.decisionId },
  }),
  "GET /api/commendations/decisions/:id/recipients/:recipientId/certificate": () => ({
    params: { id: foreign.decisionId, recipientId: foreign.decisionRecipientId },
  }),
  "GET /api/people/:id/commendations": () => ({ params: { id: foreign.personId } }),
  "GET /api/units/:id/commendations": () => ({ params: { id: foreign.cellId } }),
  "GET /api/report-requests/:id": () => ({ params: { id: foreign.reportRequestId } }),
  "POST /api/report-requests/:id/cancel": () => ({ params: { id: foreign.reportRequestId } }),
  "PATCH /api/report-requests/:id": () => ({
    params: { id: foreign.reportRequestId },
    body: { version: 1, dueOn: "2030-01-01" },
  }),
  "GET /api/report-requests/:id/completeness": () => ({ params: { id: foreign.reportRequestId } }),
  "GET /api/report-requests/:id/reports": () => ({ params: { id: foreign.reportRequestId } }),
  "POST /api/report-requests/:id/remind": () => ({ params: { id: foreign.reportRequestId }, body: {} }),
  "GET /api/reports/:id": () => ({ params: { id: foreign.reportId } }),
  "PUT /api/reports/:id": () => ({
    params: { id: foreign.reportId },
    body: { version: 1, sections: { results: "Bị sửa" } },
  }),
  "POST /api/reports/:id/submit": () => ({ params: { id: foreign.reportId } }),
  "POST /api/reports/:id/review": () => ({ params: { id: foreign.reportId }, body: { decision: "accept" } }),
  "GET /api/reports/:id/versions": () => ({ params: { id: foreign.reportId } }),
  "GET /api/reports/:id.docx": () => ({ params: { id: foreign.reportId } }),
  "GET /api/reports/:id.xlsx": () => ({ params: { id: foreign.reportId } }),
  "GET /api/report-schedules/:id": () => ({ params: { id: foreign.reportScheduleId } }),
  "PUT /api/report-schedules/:id": () => ({
    params: { id: foreign.reportScheduleId },
    body: { version: 1, active: false },
  }),
  "GET /api/people/:id": () => ({ params: { id: foreign.personId } }),
  "PATCH /api/people/:id": () => ({
    params: { id: foreign.personId },
    body: { fullName: "Bị sửa", version: 1 },
  }),
  "POST /api/people/:id/transfer": () => ({
    params: { id: foreign.personId },
    body: { toUnitId: t.demo.tree.cell1.id, on: "2026-01-01" },
  }),
};

beforeAll(async () => {
  t = await createTestContext();
  const p2 = await t.as("canbo.tinh2");
  const token = await p2.post("/api/tokens", { name: "P2" });
  const p2Member = await buildUser(t.database.db, { role: "member", unit: t.demo.tree.p2 as never });
  const p2Units = (await p2.get("/api/units?pageSize=200")).body.items as { id: string; kindCode: string }[];
  const p2UnitIds = p2Units.map((u) => u.id);
  const p2People = (await p2.get("/api/people?pageSize=200")).body.items.map(
    (p: { id: string }) => p.id,
  ) as string[];
  p1GrassrootsId = t.demo.tree.grassroots.id;
  const job = await p2.upload("/api/imports/people", "empty.csv", Buffer.from("Họ và tên\n"));
  expect(job.status).toBe(202);
  foreign = {
    jobId: job.body.jobId,
    userId: p2Member.user.id,
    tokenId: token.body.item.id,
    unitIds: p2UnitIds,
    cellId: p2Units.find((u) => u.kindCode === "cell")?.id ?? "",
    personId: p2People[0] ?? "",
    personIds: p2People,
    ...(await p2Practices(p2, p2Units)),
    ...(await p2Booklet(p2)),
    ...(await p2Plan(p2)),
    exemplarId: await p2Exemplar(p2, p2Units),
    notificationId: await p2Notification(p2Member.user.id),
    ...(await p2Reports(p2)),
    ...(await p2TopicsLibraryStandards(p2, p2Units)),
    ...(await p2Commitment(p2People[0] ?? "", p2Units.find((u) => u.kindCode === "cell")?.id ?? "")),
    ...(await p2Commendations(t.demo.tree.p2.id, p2People[0] ?? "")),
  };
  expect(foreign.cellId).toBeTruthy();
  expect(foreign.personIds.length).toBeGreaterThan(10);
  expect(foreign.userId).toBeTruthy();
  expect(foreign.unitIds.length).toBeGreaterThan(3);
  p1Officer = await t.as("canbo.tinh1");
  const admin = await buildUser(t.database.db, { role: "admin", unit: t.demo.tree.p1 as never });
  p1Admin = await t.as(admin.user.username, admin.password);
});
afterAll(() => t.close());

/** P2's report request to its communes (published down P2's tree), a commune's report, a schedule. */
async function p2Reports(p2: Client) {
  const request = await p2.post("/api/report-requests", {
    title: "Yêu cầu báo cáo riêng của tỉnh bạn",
    kind: "annual",
    periodStart: "2026-01-01",
    periodEnd: "2026-12-31",
    dueOn: "2027-01-10",
    targets: { levels: [1] },
  });
  expect(request.status).toBe(201);
  const reportsOf = await p2.get(`/api/report-requests/${request.body.request.id}/reports`);
  expect(reportsOf.body.total).toBeGreaterThan(0);
  const schedule = await p2.post("/api/report-schedules", {
    title: "Báo cáo quý riêng của tỉnh bạn",
    recurrence: "quarterly",
    startsOn: "2026-01-01",
    targets: { levels: [1] },
  });
  expect(schedule.status).toBe(201);
  return {
    reportRequestId: request.body.request.id as string,
    reportId: reportsOf.body.items[0].id as string,
    reportScheduleId: schedule.body.schedule.id as string,
  };
}

/** An in-app notification of a P2 account (only its owner may read it). */
async function p2Notification(userId: string) {
  const [row] = await t.database.db.transaction((tx) =>
    notify(tx, [{ userId, kind: "test", title: "Thông báo riêng", body: "Của tài khoản tỉnh bạn" }]),
  );
  return row?.id ?? "";
}

/**
 * P2's own form of commendation, a proposal of P2 with one recipient and a draft decision of P2
 * (written directly: only the ids matter here).
 */
async function p2Commendations(p2UnitId: string, personId: string) {
  const db = t.database.db;
  const [form] = await db
    .insert(commendationForms)
    .values({ unitId: p2UnitId, code: "p2-own", name: "Giấy khen riêng", nameEn: "Own", rank: 5 })
    .returning();
  const formId = form?.id ?? "";
  const period = { formId, periodStart: 2026, periodEnd: 2026 };
  const [proposal] = await db
    .insert(commendationProposals)
    .values({ unitId: p2UnitId, ...period, title: "Đề nghị riêng của tỉnh bạn" })
    .returning();
  const recipient = { position: 1, kind: "individual" as const, personId, name: "Người của tỉnh bạn" };
  await db
    .insert(proposalRecipients)
    .values({ proposalId: proposal?.id ?? "", ...recipient, unitId: p2UnitId });
  const [decision] = await db
    .insert(commendationDecisions)
    .values({ unitId: p2UnitId, ...period })
    .returning();
  const [decided] = await db
    .insert(decisionRecipients)
    .values({ decisionId: decision?.id ?? "", ...recipient, unitId: p2UnitId })
    .returning();
  return {
    commendationFormId: formId,
    proposalId: proposal?.id ?? "",
    decisionId: decision?.id ?? "",
    decisionRecipientId: decided?.id ?? "",
  };
}

/** A P2 member's commitment and rating (written directly: only the ids matter here). */
async function p2Commitment(personId: string, cellId: string) {
  const [commitment] = await t.database.db
    .insert(commitments)
    .values({ personId, unitId: cellId, year: 2026, study: "Riêng của tỉnh bạn" })
    .returning();
  const [rating] = await t.database.db
    .insert(ratings)
    .values({ personId, unitId: cellId, year: 2025, proposedGrade: "good" })
    .returning();
  return { commitmentId: commitment?.id ?? "", ratingId: rating?.id ?? "" };
}

/**
 * P2's topic (with a material) and a study session of one of its cells, a bulletin of P2 with a
 * file version, and P2's ethics standards: published down P2's tree (or private to it), never sideways.
 */
async function p2TopicsLibraryStandards(p2: Client, p2Units: { id: string; kindCode: string }[]) {
  const pdf = Buffer.from("%PDF-1.4\n%\n");
  const topic = await p2.post("/api/topics", { year: 2026, title: "Chuyên đề riêng của tỉnh bạn" });
  expect(topic.status).toBe(201);
  const topicFile = await p2.upload(`/api/topics/${topic.body.theme.id}/files`, "a.pdf", pdf);
  expect(topicFile.status).toBe(201);
  const cellId = p2Units.find((u) => u.kindCode === "cell")?.id ?? "";
  const roster = await p2.get(`/api/study-sessions/roster?unitId=${cellId}`);
  const session = await p2.post("/api/study-sessions", {
    unitId: cellId,
    themeId: topic.body.theme.id,
    heldOn: "2026-05-05",
    personIds: roster.body.items.slice(0, 2).map((p: { id: string }) => p.id),
  });
  expect(session.status).toBe(201);
  const document = await p2.post("/api/library", {
    kind: "bulletin",
    title: "Thông báo nội bộ riêng của tỉnh bạn",
    issuedOn: "2026-05-05",
  });
  expect(document.status).toBe(201);
  const version = await p2.upload(`/api/library/${document.body.document.id}/versions`, "a.pdf", pdf);
  expect(version.status).toBe(201);
  const standard = await p2.post("/api/standards", {
    title: "Chuẩn mực đạo đức riêng của tỉnh bạn",
    items: ["Chuẩn mực riêng"],
  });
  expect(standard.status).toBe(201);
  return {
    topicId: topic.body.theme.id as string,
    topicFileId: topicFile.body.file.id as string,
    studySessionId: session.body.session.id as string,
    documentId: document.body.document.id as string,
    documentVersionId: version.body.version.id as string,
    standardId: standard.body.standard.id as string,
  };
}

/** P2's private objects of the models module: a draft with a file, and an adoption by a P2 unit. */
async function p2Practices(p2: Client, p2Units: { id: string; kindCode: string }[]) {
  const cells = p2Units.filter((u) => u.kindCode === "cell");
  const body = (unitId: string, title: string) => ({ unitId, title, fieldCode: "economy" });
  const created = await p2.post("/api/practices", body(cells[0]?.id ?? "", "Mô hình riêng của tỉnh bạn"));
  expect(created.status).toBe(201);
  const file = await p2.upload(
    `/api/practices/${created.body.practice.id}/files`,
    "a.pdf",
    Buffer.from("%PDF-1.4\n%\n"),
  );
  expect(file.status).toBe(201);
  // A recognised model of P2, adopted by another P2 cell (recognised directly, as a paper record would be).
  const shared = await p2.post(
    "/api/practices",
    body(cells[0]?.id ?? "", "Mô hình đã công nhận của tỉnh bạn"),
  );
  await t.database.db
    .update(practices)
    .set({ status: "recognised", recognisedOn: "2025-01-01" })
    .where(eq(practices.id, shared.body.practice.id));
  const adoption = await p2.post(`/api/practices/${shared.body.practice.id}/adoptions`, {
    unitId: cells[1]?.id,
    startedOn: "2025-06-01",
  });
  expect(adoption.status).toBe(201);
  return {
    practiceId: created.body.practice.id,
    practiceFileId: file.body.file.id,
    adoptionId: adoption.body.adoption.id,
  };
}

/** P2's private exemplar: a draft with a photo. */
async function p2Exemplar(p2: Client, p2Units: { id: string; kindCode: string }[]) {
  const cell = p2Units.find((u) => u.kindCode === "cell");
  const created = await p2.post("/api/exemplars", {
    kind: "collective",
    unitId: cell?.id,
    fieldCode: "economy",
    story: "Điển hình riêng của tỉnh bạn",
  });
  expect(created.status).toBe(201);
  const photo = await sharp({
    create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 20, b: 30 } },
  })
    .png()
    .toBuffer();
  const uploaded = await p2.upload(`/api/exemplars/${created.body.exemplar.id}/photo`, "a.png", photo);
  expect(uploaded.status).toBe(200);
  return created.body.exemplar.id as string;
}

/** P2's plan, issued (published down P2's tree, never sideways), with a task. */
async function p2Plan(p2: Client) {
  const created = await p2.post("/api/plans", {
    kind: "annual",
    year: 2026,
    title: "Kế hoạch riêng của tỉnh bạn",
    summary: "học tập và làm theo Bác năm 2026",
    signer: { name: "Lê Văn Đức" },
    tasks: [{ content: "Nhiệm vụ của tỉnh bạn" }],
  });
  expect(created.status).toBe(201);
  const issued = await p2.post(`/api/plans/${created.body.plan.id}/issue`, {});
  expect(issued.status).toBe(200);
  return { planId: created.body.plan.id as string, planTaskId: created.body.plan.tasks[0].id as string };
}

/** P2's booklet of a recognised model, with an exported PDF. */
async function p2Booklet(p2: Client) {
  const [model] = (await p2.get("/api/practices?status=recognised&pageSize=1")).body.items;
  const created = await p2.post("/api/booklets", {
    title: "Tập mô hình của tỉnh bạn",
    practiceIds: [model.id],
  });
  expect(created.status).toBe(201);
  const started = await p2.post(`/api/booklets/${created.body.id}/exports`, { format: "pdf" });
  expect(started.status).toBe(202);
  const { job } = await p2.waitForJob(started.body.jobId);
  expect(job.status).toBe("succeeded");
  return { bookletId: created.body.id as string, bookletFileId: job.result.fileId as string };
}

const fill = (url: string, params: Record<string, string>) =>
  url.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "00000000-0000-7000-8000-000000000000");
const hasParams = (url: string) => url.includes(":");
const isWrite = (method: string) => !["GET", "HEAD", "OPTIONS"].includes(method);
const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]?.n ?? 0;

describe("route table", () => {
  it("declares a visibility class on every /api route and documents each in OpenAPI", async () => {
    expect(t.app.routeTable.length).toBeGreaterThan(10);
    const doc = (await t.anonymous().get("/api/openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    for (const route of t.app.routeTable) {
      if (route.url === "/api/openapi.json") continue;
      const path = route.url.replace(/:(\w+)/g, "{$1}");
      expect(
        doc.paths[path]?.[route.method.toLowerCase()],
        `${route.method} ${route.url} in OpenAPI`,
      ).toBeDefined();
    }
  });

  it("has an out-of-scope fixture for every scoped route with a path parameter", () => {
    for (const route of t.app.routeTable) {
      if (route.visibility === "public" || !hasParams(route.url)) continue;
      expect(
        outOfScope[`${route.method} ${route.url}`],
        `${route.method} ${route.url} needs a fixture`,
      ).toBeDefined();
    }
  });
});

describe("every non-public route", () => {
  it("refuses anonymous callers with 401 and the error body", async () => {
    for (const route of t.app.routeTable.filter((r) => r.visibility !== "public")) {
      const res = await t
        .anonymous()
        .request(route.method, fill(route.url, {}), isWrite(route.method) ? { body: {} } : {});
      expect(res.status, `${route.method} ${route.url}`).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("refuses cookie writes without the CSRF token (403) and changes nothing", async () => {
    const before = await auditCount();
    for (const route of t.app.routeTable.filter((r) => r.visibility !== "public" && isWrite(r.method))) {
      const fixture = outOfScope[`${route.method} ${route.url}`]?.();
      const res = await p1Officer.request(route.method, fill(route.url, fixture?.params ?? {}), {
        body: fixture?.body ?? {},
        csrf: false,
      });
      expect(res.status, `${route.method} ${route.url}`).toBe(403);
      expect(res.body.error.code).toBe("CSRF_TOKEN_INVALID");
    }
    expect(await auditCount()).toBe(before);
  });
});

describe("sibling scope", () => {
  it("answers 404 for the sibling's objects, on every route with a path parameter, changing nothing", async () => {
    const before = await auditCount();
    for (const route of t.app.routeTable.filter((r) => r.visibility !== "public" && hasParams(r.url))) {
      const fixture = outOfScope[`${route.method} ${route.url}`]?.();
      if (!fixture) continue; // reported by the fixture test above
      for (const caller of [p1Officer, p1Admin]) {
        const res = await caller.request(route.method, fill(route.url, fixture.params), {
          ...(fixture.body !== undefined
            ? { body: fixture.body }
            : isWrite(route.method)
              ? { body: {} }
              : {}),
        });
        expect(res.status, `${route.method} ${route.url}`).toBe(404);
        expect(res.body.error.code).toBe("NOT_FOUND");
      }
    }
    expect(await auditCount()).toBe(before);
  });

  it("shows none of the sibling's objects in any list", async () => {
    // Shared lists (recognised models, …) may name the units that own what they share; never a private object.
    const privateIds = [
      foreign.jobId,
      foreign.userId,
      foreign.tokenId,
      foreign.practiceId,
      foreign.practiceFileId,
      foreign.adoptionId,
      foreign.planId,
      foreign.planTaskId,
      foreign.commitmentId,
      foreign.ratingId,
      foreign.notificationId,
      foreign.bookletId,
      foreign.bookletFileId,
      foreign.exemplarId,
      foreign.topicId,
      foreign.topicFileId,
      foreign.studySessionId,
      foreign.documentId,
      foreign.documentVersionId,
      foreign.standardId,
      foreign.commendationFormId,
      foreign.proposalId,
      foreign.decisionId,
      foreign.decisionRecipientId,
      foreign.reportRequestId,
      foreign.reportId,
      foreign.reportScheduleId,
    ];
    const ownIds = [...privateIds, ...foreign.unitIds, ...foreign.personIds];
    for (const route of t.app.routeTable.filter(
      (r) => r.method === "GET" && r.visibility !== "public" && !hasParams(r.url),
    )) {
      const ids = route.visibility === "shared" ? privateIds : ownIds;
      for (const caller of [p1Officer, p1Admin]) {
        const res = await caller.get(`${route.url}?pageSize=200`);
        expect([200, 403], `${route.url}`).toContain(res.status);
        const text = JSON.stringify(res.body);
        for (const id of ids) expect(text.includes(id), `${route.url} leaks ${id}`).toBe(false);
      }
    }
  });
});

/**
 * Routes whose unit is named in the query string rather than the path (`?unitId=`): the sibling
 * province's unit answers 404 like an absent one.
 */
const outOfScopeQuery: Record<string, () => string> = {
  "GET /api/dashboard": () => `unitId=${foreign.cellId}`,
};

describe("sibling scope named in the query", () => {
  it("answers 404 for the sibling's units named in the query string", async () => {
    for (const [route, query] of Object.entries(outOfScopeQuery)) {
      const [method = "GET", url = ""] = route.split(" ");
      expect(
        t.app.routeTable.some((r) => r.method === method && r.url === url),
        `${route} is registered`,
      ).toBe(true);
      for (const caller of [p1Officer, p1Admin]) {
        const res = await caller.request(method, `${url}?${query()}`);
        expect(res.status, route).toBe(404);
        expect(res.body.error.code).toBe("NOT_FOUND");
      }
    }
  });
});
