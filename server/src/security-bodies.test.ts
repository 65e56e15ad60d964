import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyIdFields, type IdField } from "../test/body-ids.ts";
import { buildUser } from "../test/factories.ts";
import { type Client, createTestContext, type TestContext } from "../test/harness.ts";
import { buildSibling, type Sibling } from "../test/sibling.ts";
import { auditRows } from "../test/stats.ts";

let t: TestContext;
let foreign: Sibling;
let p1: Client;
/** The caller's own objects (P1), that the fixtures' bodies name. */
let own: {
  userId: string;
  personIds: string[];
  cell2PersonIds: string[];
  practiceId: string;
  recognisedPracticeId: string;
  exemplarId: string;
  exemplarKind: "collective" | "individual";
  bookletId: string;
  formId: string;
  higherFormId: string;
  proposalId: string;
  reviewProposalId: string;
  reviewRecipientId: string;
  decisionId: string;
  decisionRecipientId: string;
  planId: string;
  planTaskId: string;
  planObjectiveId: string;
  issuedPlanId: string;
  reportRequestId: string;
  reportScheduleId: string;
  topicId: string;
  studySessionId: string;
};

/** Id fields that name no scoped object: configurable lists the whole tree shares. */
const unscoped = new Set(["kindId"]);

/** A sibling's object for an id field, by the field's name (and, for a link, its type). */
function foreignIdFor(field: IdField): string {
  const name = field.name;
  if (
    /^(unitId|parentId|targetId|toUnitId|subjectUnitId|ownerUnitId|sourceIds|childIds|unitIds)$/.test(name)
  ) {
    return foreign.cellId;
  }
  if (/^person(Id|Ids)$/.test(name)) return foreign.personId;
  if (name === "practiceIds") return foreign.practiceId;
  if (name === "formId") return foreign.commendationFormId;
  if (name === "topicId") return foreign.topicId;
  if (name === "id") {
    const parent = field.path.at(-3);
    if (parent === "links") return foreign.practiceId;
    if (parent === "tasks" || parent === "objectives") return foreign.planTaskId;
    if (parent === "recipients") return foreign.decisionRecipientId;
  }
  throw new Error(`no sibling object for the id field ${field.path.join(".")}: add one to foreignIdFor`);
}

/** A valid body; given the id field about to be replaced, one where that field applies. */
type Fixture = (
  field?: IdField,
) => Promise<{ params?: Record<string, string>; body: Record<string, unknown> }>;
const year = 2026;
/** A cell's rating sheet: its version and every member on it, rated "good". */
async function ratingSheet(unitId: string) {
  const sheet = (await p1.get(`/api/units/${unitId}/ratings?year=${year}`)).body;
  expect(sheet.rows.length).toBeGreaterThan(0);
  const rows = sheet.rows.map((r: { personId: string }) => ({ personId: r.personId, grade: "good" }));
  return { version: sheet.version as number, rows: rows as { personId: string; grade: string }[] };
}

/** For each write route with ids in its body: a body the P1 officer may send, naming P1's own objects. */
const fixtures: Record<string, Fixture> = {
  "POST /api/users": async () => ({
    body: {
      username: `moi.${Date.now()}`,
      displayName: "Tài khoản mới",
      role: "member",
      unitId: t.demo.tree.cell1.id,
      personId: own.cell2PersonIds[3],
    },
  }),
  "POST /api/users/bulk": async () => ({
    body: { unitId: t.demo.tree.cell2.id, personIds: own.cell2PersonIds.slice(4, 6), dryRun: true },
  }),
  "PATCH /api/users/:id": async () => ({
    params: { id: own.userId },
    body: { unitId: t.demo.tree.cell2.id, version: 1 },
  }),
  "POST /api/units": async () => ({ body: { parentId: t.demo.tree.grassroots.id, name: "Chi bộ mới" } }),
  "POST /api/units/:id/move": async () => ({
    params: { id: t.demo.tree.cell2.id },
    body: { parentId: t.demo.tree.commune.id, on: "2026-03-01", dryRun: true },
  }),
  "POST /api/units/merge": async () => ({
    body: {
      sourceIds: [t.demo.tree.cell2.id],
      targetId: t.demo.tree.cell1.id,
      on: "2026-03-01",
      dryRun: true,
    },
  }),
  "POST /api/units/:id/split": async () => ({
    params: { id: t.demo.tree.grassroots.id },
    body: {
      on: "2026-03-01",
      dryRun: true,
      parts: [{ name: "Đảng bộ tách ra", childIds: [t.demo.tree.cell2.id], personIds: [] }],
    },
  }),
  "POST /api/people": async () => ({ body: { unitId: t.demo.tree.cell1.id, fullName: "Nguyễn Văn Mới" } }),
  "POST /api/people/export-jobs": async () => ({ body: { unitId: t.demo.tree.cell1.id } }),
  "POST /api/people/:id/transfer": async () => ({
    params: { id: own.personIds[5] ?? "" },
    body: { toUnitId: t.demo.tree.cell2.id, on: "2026-03-01" },
  }),
  "POST /api/units/:id/ratings": async () => ({
    params: { id: t.demo.tree.cell1.id },
    body: await ratingSheet(t.demo.tree.cell1.id).then(({ version, rows }) => ({
      year,
      version,
      ratings: rows,
    })),
  }),
  "POST /api/units/:id/ratings/confirm": async () => ({
    params: { id: t.demo.tree.cell1.id },
    body: await ratingSheet(t.demo.tree.cell1.id).then(({ version, rows }) => ({
      year,
      version,
      changes: [{ personId: rows[0]?.personId, grade: "excellent", reason: "Đủ tiêu chuẩn" }],
    })),
  }),
  "POST /api/practices": async () => ({
    body: {
      kind: "individual",
      unitId: t.demo.tree.cell1.id,
      personId: own.personIds[1],
      title: "Mô hình mới",
      fieldCode: "economy",
    },
  }),
  "PATCH /api/practices/:id": async () => ({
    params: { id: own.practiceId },
    body: {
      version: await versionOf(`/api/practices/${own.practiceId}`, "practice"),
      personId: own.personIds[1],
    },
  }),
  "POST /api/practices/:id/adoptions": async () => ({
    params: { id: own.recognisedPracticeId },
    body: { unitId: t.demo.tree.cell2.id, startedOn: "2026-02-01" },
  }),
  "POST /api/exemplars": async (field) => ({
    body: {
      unitId: t.demo.tree.cell1.id,
      ...exemplarSubject(field),
      fieldCode: "economy",
      story: "Gương mới",
    },
  }),
  "PATCH /api/exemplars/:id": async (field) => ({
    params: { id: own.exemplarId },
    body: {
      version: await versionOf(`/api/exemplars/${own.exemplarId}`, "exemplar"),
      ...exemplarSubject(field, own.exemplarKind),
    },
  }),
  "PUT /api/exemplars/:id/practices": async () => ({
    params: { id: own.exemplarId },
    body: {
      version: await versionOf(`/api/exemplars/${own.exemplarId}`, "exemplar"),
      practiceIds: [own.recognisedPracticeId],
    },
  }),
  "POST /api/booklets": async () => ({
    body: { title: "Tập mới", practiceIds: [own.recognisedPracticeId] },
  }),
  "PUT /api/booklets/:id": async () => ({
    params: { id: own.bookletId },
    body: {
      version: await versionOf(`/api/booklets/${own.bookletId}`, "booklet"),
      practiceIds: [own.recognisedPracticeId],
    },
  }),
  "POST /api/commendations/recipients/resolve": async () => ({
    body: { unitId: t.demo.tree.p1.id, kind: "collective", lines: ["Chi bộ Văn phòng"] },
  }),
  "POST /api/commendations/proposals": async (field) => ({
    body: {
      formId: own.formId,
      periodStart: 2026,
      periodEnd: 2026,
      title: "Đề nghị mới",
      recipients: [recipientFor(field)],
    },
  }),
  "PUT /api/commendations/proposals/:id": async (field) => ({
    params: { id: own.proposalId },
    body: {
      version: await versionOf(`/api/commendations/proposals/${own.proposalId}`, "proposal"),
      formId: own.formId,
      recipients: [recipientFor(field)],
    },
  }),
  "POST /api/commendations/proposals/:id/submit": async () => ({
    params: { id: own.proposalId },
    body: { toUnitId: t.demo.tree.root.id },
  }),
  "POST /api/commendations/proposals/:id/review": async (field) => ({
    params: { id: own.reviewProposalId },
    body:
      field?.name === "formId"
        ? { action: "raise", formId: own.higherFormId }
        : { action: "trim", recipients: [{ id: own.reviewRecipientId, reason: "Chưa đủ thành tích" }] },
  }),
  "PUT /api/commendations/decisions/:id/recipients": async () => ({
    params: { id: own.decisionId },
    body: {
      version: await versionOf(`/api/commendations/decisions/${own.decisionId}`, "decision"),
      recipients: [
        { id: own.decisionRecipientId, name: "Người được khen", unitLabel: "Chi bộ", achievement: "" },
      ],
    },
  }),
  "POST /api/plans": async () => ({
    body: {
      unitId: t.demo.tree.p1.id,
      kind: "annual",
      year,
      title: "Kế hoạch mới",
      summary: "Học tập và làm theo Bác",
      objectives: [{ content: "Mục tiêu" }],
      tasks: [{ content: "Nhiệm vụ", ownerUnitId: t.demo.tree.commune.id }],
    },
  }),
  "PATCH /api/plans/:id": async () => ({
    params: { id: own.planId },
    body: {
      version: await versionOf(`/api/plans/${own.planId}`, "plan"),
      objectives: [{ id: own.planObjectiveId, content: "Mục tiêu đã sửa" }],
      tasks: [{ id: own.planTaskId, content: "Nhiệm vụ đã sửa", ownerUnitId: t.demo.tree.commune.id }],
    },
  }),
  "POST /api/plans/:id/derive": async () => ({
    params: { id: own.issuedPlanId },
    body: { unitId: t.demo.tree.commune.id },
  }),
  "POST /api/report-requests": async () => ({
    body: {
      unitId: t.demo.tree.p1.id,
      title: "Yêu cầu mới",
      kind: "ad_hoc",
      periodStart: "2026-01-01",
      periodEnd: "2026-06-30",
      dueOn: "2026-12-30",
      targets: { unitIds: [t.demo.tree.commune.id] },
    },
  }),
  "POST /api/report-requests/:id/remind": async () => ({
    params: { id: own.reportRequestId },
    body: { unitId: t.demo.tree.commune.id },
  }),
  "POST /api/report-schedules": async () => ({
    body: {
      unitId: t.demo.tree.p1.id,
      title: "Lịch mới",
      recurrence: "annual",
      startsOn: "2026-01-01",
      targets: { unitIds: [t.demo.tree.commune.id] },
    },
  }),
  "PUT /api/report-schedules/:id": async () => ({
    params: { id: own.reportScheduleId },
    body: {
      version: await versionOf(`/api/report-schedules/${own.reportScheduleId}`, "schedule"),
      targets: { unitIds: [t.demo.tree.commune.id] },
    },
  }),
  "POST /api/topics": async () => ({
    body: { unitId: t.demo.tree.commune.id, year: 2027, title: "Chuyên đề mới" },
  }),
  "POST /api/study-sessions": async () => ({
    body: {
      unitId: t.demo.tree.cell1.id,
      topicId: own.topicId,
      heldOn: "2026-04-04",
      personIds: own.personIds.slice(0, 2),
    },
  }),
  "PATCH /api/study-sessions/:id": async () => ({
    params: { id: own.studySessionId },
    body: {
      version: await versionOf(`/api/study-sessions/${own.studySessionId}`, "session"),
      topicId: own.topicId,
      personIds: own.personIds.slice(0, 3),
    },
  }),
  "POST /api/library": async () => ({
    body: { unitId: t.demo.tree.p1.id, kind: "bulletin", title: "Thông báo mới", issuedOn: "2026-04-04" },
  }),
  "POST /api/standards": async () => ({
    body: { unitId: t.demo.tree.p1.id, title: "Chuẩn mực mới", items: ["Gương mẫu"] },
  }),
};

/** An exemplar's subject: a collective is a unit, an individual a person record. */
const exemplarSubject = (field?: IdField, kind?: "collective" | "individual") =>
  (kind ?? (field?.name === "subjectUnitId" ? "collective" : "individual")) === "collective"
    ? { ...(kind ? {} : { kind: "collective" }), subjectUnitId: t.demo.tree.cell1.id }
    : { ...(kind ? {} : { kind: "individual" }), personId: own.personIds[2] };

/** Edits whose bodies name no ids, for the no-change check: the object's version, nothing else. */
const plainEdits: Record<string, Fixture> = {
  "PATCH /api/units/:id": async () => ({
    params: { id: t.demo.tree.cell2.id },
    body: { version: await versionOf(`/api/units/${t.demo.tree.cell2.id}`, "unit") },
  }),
  "PATCH /api/people/:id": async () => ({
    params: { id: own.personIds[6] ?? "" },
    body: { version: await versionOf(`/api/people/${own.personIds[6]}`, "person") },
  }),
  "PATCH /api/topics/:id": async () => ({
    params: { id: own.topicId },
    body: { version: await versionOf(`/api/topics/${own.topicId}`, "topic") },
  }),
};

/** A recipient of a proposal: a collective names its unit, an individual their person record. */
const recipientFor = (field?: IdField) =>
  field?.name === "unitId" && field.path.length > 1
    ? { kind: "collective", unitId: t.demo.tree.cell1.id }
    : {
        kind: "individual",
        personId: own.personIds[3],
        links: [{ type: "practice", id: own.recognisedPracticeId }],
      };

/** The current version of an object read through the API (under `key`, or at the top). */
async function versionOf(url: string, key?: string): Promise<number> {
  const res = await p1.get(url);
  expect(res.status, url).toBe(200);
  const object = key ? res.body[key] : res.body;
  expect(object?.version, `${url} has a version`).toBeTypeOf("number");
  return object.version;
}

/** A copy of the body with the field at `path` set (the first row of a list; a list of ids → [id]). */
function withId(body: Record<string, unknown>, field: IdField, id: string) {
  const copy = structuredClone(body);
  let node: Record<string, unknown> | unknown[] = copy;
  const path = field.path;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string;
    const nextIsRow = path[i + 1] === "[]";
    if (key === "[]") continue;
    const container = node as Record<string, unknown>;
    if (nextIsRow) {
      const list = (container[key] as unknown[] | undefined) ?? [];
      container[key] = list;
      if (!list[0]) list[0] = {};
      node = list[0] as Record<string, unknown>;
      i++;
    } else {
      container[key] = (container[key] as Record<string, unknown> | undefined) ?? {};
      node = container[key] as Record<string, unknown>;
    }
  }
  (node as Record<string, unknown>)[field.name] = field.many ? [id] : id;
  return copy;
}

/**
 * The paths a 422 names: `[{path}]`, one `{path}`, or a rating sheet's row report
 * `{rows: [{row, field}]}` (rows counted from 1, in the list the field belongs to).
 */
function detailPaths(details: unknown, field: IdField): string[] {
  const rows = (details as { rows?: { row: number; field: string }[] } | null)?.rows;
  if (rows) return rows.map((r) => `body.${String(field.path[0])}.${r.row - 1}.${r.field}`);
  return (Array.isArray(details) ? details : [details]).map((d: { path?: string } | null) => d?.path ?? "");
}

/** A 422's path names the field (`body.recipients.0.personId`), or for a row's id the row. */
function namesField(path: string, field: IdField) {
  const concrete = `body.${field.path.map((k) => (k === "[]" ? "0" : k)).join(".")}`;
  const row = field.name === "id" ? concrete.replace(/\.id$/, "") : concrete;
  return path === concrete || path === row || path.startsWith(`${concrete}.`);
}

const fill = (url: string, params: Record<string, string> = {}) =>
  url.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "");
const auditCount = () => auditRows(t.database.db);
const routesWithBodyIds = () =>
  t.app.routeTable
    .map((route) => ({ route, fields: bodyIdFields(route.body).filter((f) => !unscoped.has(f.name)) }))
    .filter(({ route, fields }) => route.visibility !== "public" && fields.length > 0);

beforeAll(async () => {
  t = await createTestContext();
  foreign = await buildSibling(t);
  p1 = await t.as("canbo.tinh1");
  own = await buildOwn();
}, 120_000);
afterAll(() => t.close());

describe("ids inside bodies", () => {
  it("has a fixture for every write route with ids in its body", () => {
    const routes = routesWithBodyIds();
    expect(routes.length).toBeGreaterThan(30);
    for (const { route } of routes) {
      expect(
        fixtures[`${route.method} ${route.url}`],
        `${route.method} ${route.url} needs a fixture`,
      ).toBeDefined();
    }
  });

  it("refuses a sibling province's object in every id field (404, or 422 naming the field), changing nothing", async () => {
    const before = await auditCount();
    let tried = 0;
    for (const { route, fields } of routesWithBodyIds()) {
      const fixture = fixtures[`${route.method} ${route.url}`];
      if (!fixture) continue; // reported above
      for (const field of fields) {
        const { params, body } = await fixture(field);
        const label = `${route.method} ${route.url} ${field.path.join(".")}`;
        const res = await p1.request(route.method, fill(route.url, params), {
          body: withId(body, field, foreignIdFor(field)),
        });
        if (res.status === 422) {
          const paths = detailPaths(res.body.error.details, field);
          expect
            .soft(
              paths.some((p) => namesField(p, field)),
              `${label}: the 422 names the field: ${paths}`,
            )
            .toBe(true);
        } else {
          expect.soft(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(404);
        }
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(50);
    expect(await auditCount()).toBe(before);
  });

  it("writes nothing for an edit that changes nothing (only the version read): no audit row", async () => {
    let tried = 0;
    const edits = [
      ...routesWithBodyIds().map(({ route }) => `${route.method} ${route.url}`),
      ...Object.keys(plainEdits),
    ];
    for (const key of edits) {
      const [method = "", url = ""] = key.split(" ");
      if (!["PATCH", "PUT"].includes(method)) continue;
      const route = { method, url };
      const fixture = fixtures[key] ?? plainEdits[key];
      const { params, body } = (await fixture?.()) ?? { body: {} };
      if (typeof body.version !== "number") continue;
      const label = `${route.method} ${route.url}`;
      const at = await auditCount();
      const res = await p1.request(route.method, fill(route.url, params), {
        body: { version: body.version },
      });
      // A replace of a whole list (a model's links, a decision's recipients) requires the list: 400.
      expect.soft([200, 400], `${label}: ${JSON.stringify(res.body)}`).toContain(res.status);
      expect.soft(await auditCount(), `${label} wrote an audit row`).toBe(at);
      if (res.status === 200) {
        expect
          .soft(
            res.body[Object.keys(res.body)[0] ?? ""]?.version ?? res.body.version,
            `${label} kept its version`,
          )
          .toBe(body.version);
      }
      tried++;
    }
    // (Reading a person's record to learn its version is itself audited: rows are counted per edit.)
    expect(tried).toBeGreaterThan(10);
  });

  it("accepts each fixture with the caller's own ids (the refusals above are the foreign ids')", async () => {
    for (const { route } of routesWithBodyIds()) {
      const fixture = fixtures[`${route.method} ${route.url}`];
      if (!fixture) continue;
      const { params, body } = await fixture();
      const res = await p1.request(route.method, fill(route.url, params), { body });
      expect.soft(res.status, `${route.method} ${route.url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
  });
});

/** P1's own objects for the fixtures, made through the API as an officer of P1 would. */
async function buildOwn(): Promise<typeof own> {
  const cell = t.demo.tree.cell1.id;
  const peopleOf = (unitId: string) => peopleOfAs(p1, unitId);
  const personIds = await peopleOf(cell);
  const cell2PersonIds = await peopleOf(t.demo.tree.cell2.id);
  expect(personIds.length).toBeGreaterThan(5);
  const member = await buildUser(t.database.db, { role: "member", unit: t.demo.tree.cell1 as never });
  const practice = await p1.post("/api/practices", {
    kind: "individual",
    unitId: cell,
    personId: personIds[1],
    title: "Mô hình của tỉnh",
    fieldCode: "economy",
  });
  expect(practice.status).toBe(201);
  const recognised = (await p1.get("/api/practices?status=recognised&pageSize=1")).body.items[0];
  expect(recognised).toBeDefined();
  const exemplar = await p1.post("/api/exemplars", {
    kind: "collective",
    unitId: cell,
    fieldCode: "economy",
    story: "Gương",
  });
  expect(exemplar.status).toBe(201);
  const booklet = await p1.post("/api/booklets", { title: "Tập của tỉnh", practiceIds: [recognised.id] });
  expect(booklet.status).toBe(201);
  const forms = (await p1.get("/api/commendations/forms?pageSize=50")).body.items as {
    id: string;
    rank: number;
  }[];
  const ranked = [...forms].sort((a, b) => a.rank - b.rank);
  const formId = ranked[0]?.id ?? "";
  const higherFormId = ranked.find((f) => f.rank > (ranked[0]?.rank ?? 0))?.id ?? "";
  const proposalBody = (title: string, ...personIds: string[]) => ({
    formId,
    periodStart: 2026,
    periodEnd: 2026,
    title,
    recipients: personIds.map((personId) => ({ kind: "individual", personId })),
  });
  const proposal = await p1.post(
    "/api/commendations/proposals",
    proposalBody("Đề nghị của tỉnh", personIds[4] ?? ""),
  );
  expect(proposal.status, JSON.stringify(proposal.body)).toBe(201);
  // A commune's proposal waiting for the province's review.
  const commune = await t.as("canbo.xa");
  const communeCell = (await commune.get("/api/units?kind=cell&pageSize=1")).body.items[0]?.id ?? cell;
  const [communePerson = "", secondPerson = ""] = await peopleOfAs(commune, communeCell);
  const waiting = await commune.post(
    "/api/commendations/proposals",
    proposalBody("Đề nghị của xã", communePerson, secondPerson),
  );
  expect(waiting.status, JSON.stringify(waiting.body)).toBe(201);
  const submitted = await commune.post(`/api/commendations/proposals/${waiting.body.proposal.id}/submit`, {
    toUnitId: t.demo.tree.p1.id,
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  // Another one, approved by the province: its draft decision.
  const approved = await commune.post(
    "/api/commendations/proposals",
    proposalBody("Đề nghị của xã được duyệt", communePerson),
  );
  await commune.post(`/api/commendations/proposals/${approved.body.proposal.id}/submit`, {
    toUnitId: t.demo.tree.p1.id,
  });
  const approval = await p1.post(`/api/commendations/proposals/${approved.body.proposal.id}/review`, {
    action: "approve",
  });
  expect(approval.status, JSON.stringify(approval.body)).toBe(200);
  const decisionId = (await p1.get(`/api/commendations/proposals/${approved.body.proposal.id}`)).body.proposal
    .decision.id;
  const decision = (await p1.get(`/api/commendations/decisions/${decisionId}`)).body.decision;
  const plan = await p1.post("/api/plans", {
    kind: "annual",
    year,
    title: "Kế hoạch nháp của tỉnh",
    summary: "Học tập và làm theo Bác",
    objectives: [{ content: "Mục tiêu" }],
    tasks: [{ content: "Nhiệm vụ" }],
  });
  expect(plan.status).toBe(201);
  const issued = await p1.post("/api/plans", {
    kind: "annual",
    year,
    title: "Kế hoạch ban hành của tỉnh",
    summary: "Học tập và làm theo Bác",
    signer: { name: "Trần Quốc Hùng" },
    tasks: [{ content: "Nhiệm vụ" }],
  });
  expect((await p1.post(`/api/plans/${issued.body.plan.id}/issue`, {})).status).toBe(200);
  const request = await p1.post("/api/report-requests", {
    title: "Yêu cầu của tỉnh",
    kind: "annual",
    periodStart: "2025-01-01",
    periodEnd: "2025-12-31",
    dueOn: "2026-01-10",
    targets: { levels: [1] },
  });
  expect(request.status).toBe(201);
  const schedule = await p1.post("/api/report-schedules", {
    title: "Lịch của tỉnh",
    recurrence: "quarterly",
    startsOn: "2026-01-01",
    targets: { levels: [1] },
  });
  expect(schedule.status).toBe(201);
  const topic = await p1.post("/api/topics", { year, title: "Chuyên đề của tỉnh" });
  expect(topic.status).toBe(201);
  const session = await p1.post("/api/study-sessions", {
    unitId: cell,
    topicId: topic.body.topic.id,
    heldOn: "2026-05-05",
    personIds: personIds.slice(0, 2),
  });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  const reviewed = (await p1.get(`/api/commendations/proposals/${waiting.body.proposal.id}`)).body.proposal;
  return {
    userId: member.user.id,
    personIds,
    cell2PersonIds,
    practiceId: practice.body.practice.id,
    recognisedPracticeId: recognised.id,
    exemplarId: exemplar.body.exemplar.id,
    exemplarKind: "collective",
    decisionId,
    decisionRecipientId: decision.recipients[0].id,
    bookletId: booklet.body.id,
    formId,
    higherFormId,
    proposalId: proposal.body.proposal.id,
    reviewProposalId: waiting.body.proposal.id,
    reviewRecipientId: reviewed.recipients[0].id,
    planId: plan.body.plan.id,
    planTaskId: plan.body.plan.tasks[0].id,
    planObjectiveId: plan.body.plan.objectives[0].id,
    issuedPlanId: issued.body.plan.id,
    reportRequestId: request.body.request.id,
    reportScheduleId: schedule.body.schedule.id,
    topicId: topic.body.topic.id,
    studySessionId: session.body.session.id,
  };
}

/** The active members of a cell (its study roster). */
async function peopleOfAs(client: Client, unitId: string) {
  const roster = await client.get(`/api/study-sessions/roster?unitId=${unitId}`);
  expect(roster.status).toBe(200);
  return roster.body.items.map((p: { id: string }) => p.id) as string[];
}
