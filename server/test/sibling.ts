/**
 * The sibling province P2's private objects (and a P2 account's own ones), built through the API
 * where it can and written directly where only the ids matter: the generated security suite checks
 * that a caller of P1 never reaches any of them, by path, by query or inside a body.
 */
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { expect } from "vitest";
import {
  commendationDecisions,
  commendationForms,
  commendationProposals,
  decisionRecipients,
  proposalRecipients,
} from "../src/features/commendations/schema.ts";
import { commitments, ratings } from "../src/features/commitments/schema.ts";
import { notify } from "../src/features/notifications/commands/notify.ts";
import { practices } from "../src/features/practices/schema.ts";
import { buildUser } from "./factories.ts";
import type { Client, TestContext } from "./harness.ts";

/** Ids of objects that belong to the sibling province P2 (or to a P2 user): never visible from P1. */
export interface Sibling {
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
}

let t: TestContext;

export async function buildSibling(context: TestContext): Promise<Sibling> {
  t = context;
  const p2 = await t.as("canbo.tinh2");
  const token = await p2.post("/api/tokens", { name: "P2" });
  expect(token.status, JSON.stringify(token.body)).toBe(201);
  const p2Member = await buildUser(t.database.db, { role: "member", unit: t.demo.tree.p2 as never });
  const p2Units = (await p2.get("/api/units?pageSize=200")).body.items as { id: string; kindCode: string }[];
  const p2People = (await p2.get("/api/people?pageSize=200")).body.items.map(
    (p: { id: string }) => p.id,
  ) as string[];
  const job = await p2.upload("/api/imports/people", "empty.csv", Buffer.from("Họ và tên\n"));
  expect(job.status).toBe(202);
  const cellId = p2Units.find((u) => u.kindCode === "cell")?.id ?? "";
  const sibling: Sibling = {
    jobId: job.body.jobId,
    userId: p2Member.user.id,
    tokenId: token.body.item.id,
    unitIds: p2Units.map((u) => u.id),
    cellId,
    personId: p2People[0] ?? "",
    personIds: p2People,
    ...(await p2Practices(p2, p2Units)),
    ...(await p2Booklet(p2)),
    ...(await p2Plan(p2)),
    exemplarId: await p2Exemplar(p2, p2Units),
    notificationId: await p2Notification(p2Member.user.id),
    ...(await p2Reports(p2)),
    ...(await p2TopicsLibraryStandards(p2, p2Units)),
    ...(await p2Commitment(p2People[0] ?? "", cellId)),
    ...(await p2Commendations(t.demo.tree.p2.id, p2People[0] ?? "")),
  };
  expect(sibling.cellId).toBeTruthy();
  expect(sibling.personIds.length).toBeGreaterThan(10);
  expect(sibling.userId).toBeTruthy();
  expect(sibling.unitIds.length).toBeGreaterThan(3);
  return sibling;
}

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
  const topicFile = await p2.upload(`/api/topics/${topic.body.topic.id}/files`, "a.pdf", pdf);
  expect(topicFile.status).toBe(201);
  const cellId = p2Units.find((u) => u.kindCode === "cell")?.id ?? "";
  const roster = await p2.get(`/api/study-sessions/roster?unitId=${cellId}`);
  const session = await p2.post("/api/study-sessions", {
    unitId: cellId,
    topicId: topic.body.topic.id,
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
    topicId: topic.body.topic.id as string,
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
