import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../test/factories.ts";
import { type Client, createTestContext, type TestContext } from "../test/harness.ts";
import { buildSibling, type Sibling } from "../test/sibling.ts";
import { auditRows } from "../test/stats.ts";

let t: TestContext;
let foreign: Sibling;
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
  "GET /api/people/export-jobs/:id/file": () => ({ params: { id: foreign.jobId } }),
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
  foreign = await buildSibling(t);
  p1GrassrootsId = t.demo.tree.grassroots.id;
  p1Officer = await t.as("canbo.tinh1");
  const admin = await buildUser(t.database.db, { role: "admin", unit: t.demo.tree.p1 as never });
  p1Admin = await t.as(admin.user.username, admin.password);
});
afterAll(() => t.close());

const fill = (url: string, params: Record<string, string>) =>
  url.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "00000000-0000-7000-8000-000000000000");
const hasParams = (url: string) => url.includes(":");
const isWrite = (method: string) => !["GET", "HEAD", "OPTIONS"].includes(method);
const auditCount = () => auditRows(t.database.db);

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
  "GET /api/people/export": () => `unitId=${foreign.cellId}`,
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

describe("read-only API tokens, on every write route", () => {
  it("refuse every write (403) before anything runs, and change nothing", async () => {
    const created = await p1Officer.post("/api/tokens", { name: "Chỉ đọc", scope: "read" });
    expect(created.status).toBe(201);
    const reader = t.anonymous();
    reader.bearer = created.body.token;
    expect((await reader.get("/api/auth/me")).status).toBe(200);
    const before = await auditCount();
    for (const route of t.app.routeTable.filter((r) => r.visibility !== "public" && isWrite(r.method))) {
      const fixture = outOfScope[`${route.method} ${route.url}`]?.();
      const res = await reader.request(route.method, fill(route.url, fixture?.params ?? {}), {
        body: fixture?.body ?? {},
      });
      expect.soft(res.status, `${route.method} ${route.url}`).toBe(403);
      expect.soft(res.body.error?.code, `${route.method} ${route.url}`).toBe("FORBIDDEN");
    }
    expect(await auditCount()).toBe(before);
  });
});

describe("invalid text, on every route", () => {
  const nul = "a\u0000b";
  const halfPair = "a\uD800b";
  it("answers 400 naming the field for a NUL or broken Unicode in the path, query or body, changing nothing", async () => {
    const before = await auditCount();
    for (const route of t.app.routeTable) {
      const label = `${route.method} ${route.url}`;
      const fixture = outOfScope[label]?.();
      const expectRefused = (res: { status: number; body: any }, path: string) => {
        expect(res.status, `${label}: ${path}`).toBe(400);
        expect(res.body.error.code, label).toBe("VALIDATION_FAILED");
        expect(res.body.error.details, label).toContainEqual(expect.objectContaining({ path }));
      };
      const url = fill(route.url, fixture?.params ?? {});
      const query = await p1Officer.request(route.method, `${url}?q=${encodeURIComponent(nul)}`, {
        ...(isWrite(route.method) ? { body: {} } : {}),
      });
      expectRefused(query, "query.q");
      if (isWrite(route.method)) {
        const base = (fixture?.body ?? {}) as Record<string, unknown>;
        for (const text of [nul, halfPair]) {
          const res = await p1Officer.request(route.method, url, {
            rawBody: JSON.stringify({ ...base, note: { lines: ["ok", text] } }),
          });
          expectRefused(res, "body.note.lines.1");
        }
      }
      const param = route.url.match(/:(\w+)/)?.[1];
      if (param) {
        const res = await p1Officer.request(
          route.method,
          fill(route.url, { ...fixture?.params, [param]: encodeURIComponent(nul) }),
          isWrite(route.method) ? { body: {} } : {},
        );
        expectRefused(res, `params.${param}`);
      }
    }
    // The public login route, where the attack was seen, for a caller who is not signed in.
    const login = await t.anonymous().post("/api/auth/login", { username: nul, password: nul });
    expectLoginRefused(login);
    expect(await auditCount()).toBe(before);
  });

  it("refuses a JSON body that is not UTF-8 (400), instead of storing replacement characters", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: Buffer.concat([
        Buffer.from('{"username":"a'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('","password":"x"}'),
      ]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: "body" })]);
  });
});

function expectLoginRefused(res: { status: number; body: any }) {
  expect(res.status).toBe(400);
  expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: "body.username" }));
}
