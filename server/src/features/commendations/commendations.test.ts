import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, like } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { pdfTools } from "../../../test/tools.ts";
import { vnToday } from "../../lib/dates.ts";
import { figureSources, rebuildFigures } from "../figures/index.ts";
import { unitFigures } from "../figures/schema.ts";
import { commendationDecisions } from "./schema.ts";

/** A collective's achievement as long as offices write them: four lines of the certificate's box. */
const LONG_ACHIEVEMENT =
  "Hoàn thành xuất sắc nhiệm vụ chính trị năm; lãnh đạo thực hiện tốt việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với nhiệm vụ chuyên môn; xây dựng và nhân rộng nhiều mô hình hay, cách làm sáng tạo trong cải cách hành chính, chuyển đổi số và chăm lo đời sống nhân dân, góp phần đưa phường đạt chuẩn văn minh đô thị kiểu mẫu";

let t: TestContext;
let g: Client; // canbo.coso, grassroots G
let c: Client; // canbo.xa, commune C
let p1: Client; // canbo.tinh1, province P1
let p2: Client; // canbo.tinh2, the sibling province
let forms: Map<string, { id: string; code: string; rank: number }>;

beforeAll(async () => {
  t = await createTestContext();
  [g, c, p1, p2] = await Promise.all([
    t.as("canbo.coso"),
    t.as("canbo.xa"),
    t.as("canbo.tinh1"),
    t.as("canbo.tinh2"),
  ]);
  const res = await c.get("/api/commendations/forms");
  expect(res.status).toBe(200);
  forms = new Map(res.body.items.map((f: { code: string }) => [f.code, f]));
});
afterAll(() => t.close());

const form = (code: string) => {
  const found = forms.get(code);
  if (!found) throw new Error(`no form ${code}`);
  return found.id;
};
const today = vnToday();
const year = Number(today.slice(0, 4));

/** Active people of a unit (by the API, as the proposing officer sees them). */
async function peopleOf(client: Client, unitId: string, n: number) {
  const res = await client.get(`/api/people?unitId=${unitId}&status=active&pageSize=200`);
  expect(res.status).toBe(200);
  return (res.body.items as { id: string; fullName: string }[]).slice(0, n);
}
/** A proposal of G for a form and a period, with collectives and individuals. */
async function propose(
  client: Client,
  input: {
    formCode: string;
    period?: [number, number];
    unitIds?: string[];
    personIds?: string[];
    extra?: object[];
  },
) {
  const [periodStart, periodEnd] = input.period ?? [year, year];
  return client.post("/api/commendations/proposals", {
    formId: form(input.formCode),
    periodStart,
    periodEnd,
    title: `Đề nghị khen thưởng năm ${periodEnd}`,
    reason: "đã có thành tích tiêu biểu trong học tập và làm theo Bác",
    recipients: [
      ...(input.unitIds ?? []).map((unitId) => ({
        kind: "collective",
        unitId,
        achievement: "Hoàn thành xuất sắc nhiệm vụ.",
      })),
      ...(input.personIds ?? []).map((personId) => ({ kind: "individual", personId })),
      ...(input.extra ?? []),
    ],
  });
}

describe("forms and who may issue them", () => {
  it("lists the national catalogue by rank, with the caller's entitlement", async () => {
    expect([...forms.keys()]).toEqual(["praise", "merit", "commendation", "banner", "badge"]);
    const commune = (await c.get("/api/commendations/forms")).body.items;
    expect(commune.map((f: { code: string; entitled: boolean }) => [f.code, f.entitled])).toEqual([
      ["praise", true],
      ["merit", true],
      ["commendation", false],
      ["banner", false],
      ["badge", false],
    ]);
    const province = (await p1.get("/api/commendations/forms")).body.items;
    expect(
      province.filter((f: { entitled: boolean }) => f.entitled).map((f: { code: string }) => f.code),
    ).toEqual(["praise", "commendation", "banner", "badge"]);
    const cell = (await (await t.as("bithu.chibo1")).get("/api/commendations/forms")).body.items;
    expect(
      cell.filter((f: { entitled: boolean }) => f.entitled).map((f: { code: string }) => f.code),
    ).toEqual(["praise"]);
    expect((await t.anonymous().get("/api/commendations/forms")).status).toBe(401);
    // Where a proposal of each form would be decided: giấy khen at the commune above G, bằng khen at the province.
    const fromG = (await g.get("/api/commendations/forms")).body.items as {
      code: string;
      name: string;
      nameVi: string;
      issuer: { id: string } | null;
    }[];
    const issuerOf = (code: string) => fromG.find((f) => f.code === code)?.issuer?.id;
    expect(issuerOf("merit")).toBe(t.demo.tree.commune.id);
    expect(issuerOf("commendation")).toBe(t.demo.tree.p1.id);
    expect(issuerOf("praise")).toBe(t.demo.tree.commune.id);
    // Asked for one of its cells, the commune answers for that cell: G itself gives giấy khen.
    const forCell = (await c.get(`/api/commendations/forms?unitId=${t.demo.tree.cell1.id}`)).body.items as {
      code: string;
      entitled: boolean;
      issuer: { id: string } | null;
    }[];
    expect(forCell.find((f) => f.code === "merit")).toMatchObject({
      entitled: false,
      issuer: { id: t.demo.tree.grassroots.id },
    });
    expect((await g.get(`/api/commendations/forms?unitId=${t.demo.tree.commune.id}`)).status).toBe(404);
    const english = await c.request("GET", "/api/commendations/forms", {
      headers: { "accept-language": "en" },
    });
    const merit = english.body.items.find((f: { code: string }) => f.code === "merit");
    expect(merit).toMatchObject({ name: "Certificate of merit", nameVi: "Giấy khen" });
  });

  it("admins edit their subtree's definitions: the root the national ones, a province its own override", async () => {
    const rootAdmin = await t.as("admin");
    const p1AdminUser = await buildUser(t.database.db, { role: "admin", unit: t.demo.tree.p1 as never });
    const p1Admin = await t.as(p1AdminUser.user.username, p1AdminUser.password);
    const praise = forms.get("praise") as { id: string };
    const national = (await rootAdmin.get("/api/commendations/forms")).body.items.find(
      (f: { code: string }) => f.code === "praise",
    );
    expect(national.allowedActions).toEqual(["update"]);
    // Officers may not; a province's admin may not edit the national definition.
    expect((await c.patch(`/api/commendations/forms/${praise.id}`, { version: 1, rank: 11 })).status).toBe(
      403,
    );
    expect(
      (await p1Admin.patch(`/api/commendations/forms/${praise.id}`, { version: 1, rank: 11 })).status,
    ).toBe(403);
    expect(
      (await rootAdmin.patch(`/api/commendations/forms/${praise.id}`, { version: 1, rank: -1 })).status,
    ).toBe(400);
    const edited = await rootAdmin.patch(`/api/commendations/forms/${praise.id}`, {
      version: national.version,
      nameEn: "Public praise",
    });
    expect(edited.status).toBe(200);
    expect(edited.body.form.nameEn).toBe("Public praise");
    expect(
      (
        await rootAdmin.patch(`/api/commendations/forms/${praise.id}`, {
          version: national.version,
          rank: 12,
        })
      ).status,
    ).toBe(409);

    // P1 lets its communes' grassroots issue its own "Giấy khen của Đảng ủy khối" form… and P2 does not see it.
    const own = await p1Admin.post("/api/commendations/forms", {
      code: "bloc_merit",
      name: "Giấy khen khối",
      nameEn: "Bloc certificate of merit",
      rank: 25,
      issuerKinds: ["commune"],
      recipientKinds: ["collective"],
    });
    expect(own.status).toBe(201);
    expect(own.body.form.unit).toEqual({ id: t.demo.tree.p1.id, name: t.demo.tree.p1.name });
    expect(
      (await c.get("/api/commendations/forms")).body.items.map((f: { code: string }) => f.code),
    ).toContain("bloc_merit");
    expect(
      (await p2.get("/api/commendations/forms?view=all")).body.items.map((f: { code: string }) => f.code),
    ).not.toContain("bloc_merit");
    expect(
      (await p2.patch(`/api/commendations/forms/${own.body.form.id}`, { version: 1, rank: 1 })).status,
    ).toBe(404);
    const unknownKind = await p1Admin.post("/api/commendations/forms", {
      code: "odd",
      name: "Lạ",
      nameEn: "Odd",
      rank: 5,
      issuerKinds: ["nowhere"],
      recipientKinds: ["individual"],
    });
    expect(unknownKind.status).toBe(422);
    // Switched off for P1's subtree only.
    expect(
      (await p1Admin.patch(`/api/commendations/forms/${own.body.form.id}`, { version: 1, active: false }))
        .status,
    ).toBe(200);
    expect(
      (await c.get("/api/commendations/forms")).body.items.map((f: { code: string }) => f.code),
    ).not.toContain("bloc_merit");
  });
});

describe("a proposal goes up the chain to a unit entitled to the form", () => {
  let proposalId: string;
  let decisionId: string;
  let names: string[];

  it("G proposes collectives and individuals of its subtree, with the records behind them (401 → 400 → 403 → 422 → 201)", async () => {
    const { grassroots, cell1, cell2 } = t.demo.tree;
    const members = await peopleOf(g, cell1.id, 3);
    const model = (await g.get("/api/practices?status=recognised&pageSize=200")).body.items[0];
    const exemplar = (await g.get("/api/exemplars?status=recognised&pageSize=200")).body.items[0];
    expect(model && exemplar).toBeTruthy();
    const body = {
      formId: form("merit"),
      periodStart: year,
      periodEnd: year,
      title: `Đề nghị tặng Giấy khen năm ${year}`,
      reason: "đã có thành tích tiêu biểu trong học tập và làm theo Bác",
      recipients: [
        {
          kind: "collective",
          unitId: cell1.id,
          achievement: LONG_ACHIEVEMENT,
          links: [{ type: "practice", id: model.id }],
        },
        { kind: "collective", unitId: cell2.id },
        ...members.map((m) => ({
          kind: "individual",
          personId: m.id,
          links: [{ type: "exemplar", id: exemplar.id }],
        })),
        { kind: "individual", personName: "Lê Thị Thuỷ", personUnitName: "Tổ dân phố số 5" },
      ],
    };
    expect((await t.anonymous().post("/api/commendations/proposals", body)).status).toBe(401);
    expect((await g.post("/api/commendations/proposals", { ...body, periodStart: "năm nay" })).status).toBe(
      400,
    );
    const member = await t.as("dangvien1");
    expect((await member.post("/api/commendations/proposals", { ...body, unitId: cell1.id })).status).toBe(
      403,
    );
    // A person of the sibling province, a draft model: 422 naming each.
    const foreign = (await p2.get("/api/people?pageSize=1")).body.items[0];
    const bad = await g.post("/api/commendations/proposals", {
      ...body,
      recipients: [
        { kind: "individual", personId: foreign.id },
        { kind: "collective", unitId: cell1.id, links: [{ type: "practice", id: foreign.id }] },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([
      { path: "body.recipients.0.personId", message: "out_of_scope" },
      { path: "body.recipients.1.links.0", message: "unknown" },
    ]);
    // A banner is for collectives only.
    const banner = await g.post("/api/commendations/proposals", { ...body, formId: form("badge") });
    expect(banner.status).toBe(422);

    const created = await g.post("/api/commendations/proposals", body);
    expect(created.status).toBe(201);
    const p = created.body.proposal;
    proposalId = p.id;
    names = [cell1.name, cell2.name, ...members.map((m) => m.fullName), "Lê Thị Thuỷ"];
    expect(p).toMatchObject({
      status: "draft",
      unit: { id: grassroots.id },
      form: { code: "merit", name: "Giấy khen" },
      recipientCount: 6,
      collectiveCount: 2,
      individualCount: 4,
      allowedActions: ["update", "submit"],
      issuer: { id: t.demo.tree.commune.id, entitled: true },
      reviewActions: [],
    });
    expect(p.recipients.map((r: { name: string }) => r.name)).toEqual(names);
    expect(p.recipients[0]).toMatchObject({
      unitLabel: grassroots.name,
      links: [{ type: "practice", id: model.id, title: model.title }],
    });
    expect(p.recipients[2].unitLabel).toBe(`${cell1.name}, ${grassroots.name}`);
    expect(p.recipients[5]).toMatchObject({
      kind: "individual",
      personId: null,
      unitLabel: "Tổ dân phố số 5",
    });
    // Private to G's subtree and the chain above it.
    expect((await p2.get(`/api/commendations/proposals/${p.id}`)).status).toBe(404);
    expect((await (await t.as("bithu.chibo1")).get(`/api/commendations/proposals/${p.id}`)).status).toBe(404);
    expect((await c.get(`/api/commendations/proposals/${p.id}`)).status).toBe(200);
  });

  it("finds pasted names among the proposing unit's units and people, without diacritics (401 → 400 → 403 → 422 → 200)", async () => {
    const { grassroots, cell1, cell2 } = t.demo.tree;
    const [first, second] = await peopleOf(g, cell1.id, 2);
    const folded = (name: string) =>
      name
        .normalize("NFD")
        .replace(/\p{M}+/gu, "")
        .replace(/[Đđ]/g, (c) => (c === "Đ" ? "D" : "d"));
    const body = {
      unitId: grassroots.id,
      kind: "individual",
      lines: [first?.fullName ?? "", folded(second?.fullName ?? "").toLowerCase(), "Không Có Ai Tên Này"],
    };
    expect((await t.anonymous().post("/api/commendations/recipients/resolve", body)).status).toBe(401);
    expect((await g.post("/api/commendations/recipients/resolve", { ...body, lines: [] })).status).toBe(400);
    expect(
      (
        await (
          await t.as("dangvien1")
        ).post("/api/commendations/recipients/resolve", { ...body, unitId: cell1.id })
      ).status,
    ).toBe(403);
    expect(
      (await g.post("/api/commendations/recipients/resolve", { ...body, unitId: t.demo.tree.commune.id }))
        .status,
    ).toBe(422);
    const people = await g.post("/api/commendations/recipients/resolve", body);
    expect(people.status).toBe(200);
    const [a, b, none] = people.body.items;
    expect(a.line).toBe(first?.fullName);
    expect(a.matches.map((m: { id: string }) => m.id)).toContain(first?.id);
    expect(b.matches.map((m: { id: string }) => m.id)).toContain(second?.id);
    expect(b.matches[0]).toMatchObject({ unitId: cell1.id, unitName: cell1.name });
    expect(none.matches).toEqual([]);
    const units = await g.post("/api/commendations/recipients/resolve", {
      unitId: grassroots.id,
      kind: "collective",
      lines: [cell2.name, folded(cell1.name)],
    });
    expect(units.body.items.map((i: { matches: { id: string }[] }) => i.matches.map((m) => m.id))).toEqual([
      [cell2.id],
      [cell1.id],
    ]);
    expect(units.body.items[0].matches[0].unitName).toBe(grassroots.name);
  });

  it("warns, without blocking, of a recipient proposed twice for the same form and period", async () => {
    const { cell1 } = t.demo.tree;
    const [first] = await peopleOf(g, cell1.id, 1);
    const twice = await propose(g, { formCode: "merit", personIds: [first?.id ?? "", first?.id ?? ""] });
    expect(twice.status).toBe(201);
    const warnings = twice.body.proposal.warnings as {
      code: string;
      recipientId: string;
      other: unknown;
      message: string;
    }[];
    expect(warnings.filter((w) => w.code === "duplicate" && w.other === null)).toHaveLength(1);
    const elsewhere = warnings.find((w) => w.other !== null);
    expect(elsewhere).toMatchObject({ code: "duplicate", other: { type: "proposal" } });
    expect(elsewhere?.message).toContain(first?.fullName);
    // Another period, or another form: no warning from elsewhere.
    const other = await propose(g, {
      formCode: "merit",
      period: [year - 1, year - 1],
      personIds: [first?.id ?? ""],
    });
    expect(other.body.proposal.warnings).toEqual([]);
  });

  it("G submits to C; C sees it in its queue, may not forward a form it may issue, trims one (kept with its reason), and approves", async () => {
    const { commune } = t.demo.tree;
    const queueBefore = (await c.get("/api/commendations/queue-count")).body.proposals;
    expect(
      (await (await t.as("dangvien1")).post(`/api/commendations/proposals/${proposalId}/submit`, {})).status,
    ).toBe(404);
    const submitted = await g.post(`/api/commendations/proposals/${proposalId}/submit`, {
      comment: "Kính trình",
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.proposal).toMatchObject({
      status: "submitted",
      waitingAt: { id: commune.id },
      allowedActions: [],
    });
    expect((await g.post(`/api/commendations/proposals/${proposalId}/submit`, {})).status).toBe(409);
    expect(
      (await g.put(`/api/commendations/proposals/${proposalId}`, { version: 1, title: "Sửa" })).status,
    ).toBe(409);
    expect((await c.get("/api/commendations/queue-count")).body.proposals).toBe(queueBefore + 1);
    const queue = await c.get("/api/commendations/proposals/queue");
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(proposalId);

    const view = (await c.get(`/api/commendations/proposals/${proposalId}`)).body.proposal;
    expect(view.waitingForMe).toBe(true);
    expect(view.reviewActions).toEqual(["approve", "trim", "return", "raise"]);
    expect(view.higherForms.map((f: { code: string }) => f.code)).toEqual(["commendation"]);
    // G may not review what waits at C.
    expect(
      (await g.post(`/api/commendations/proposals/${proposalId}/review`, { action: "approve" })).status,
    ).toBe(409);
    const forward = await c.post(`/api/commendations/proposals/${proposalId}/review`, { action: "forward" });
    expect(forward.status).toBe(422);
    expect(
      (await c.post(`/api/commendations/proposals/${proposalId}/review`, { action: "return" })).status,
    ).toBe(400);

    const citizen = view.recipients.find((r: { name: string }) => r.name === "Lê Thị Thuỷ");
    const trimmed = await c.post(`/api/commendations/proposals/${proposalId}/review`, {
      action: "trim",
      recipients: [{ id: citizen.id, reason: "Chưa có xác nhận của khu dân cư" }],
    });
    expect(trimmed.status).toBe(200);
    const kept = trimmed.body.proposal;
    expect(kept.recipientCount).toBe(5);
    expect(kept.trimmedCount).toBe(1);
    expect(kept.recipients.find((r: { id: string }) => r.id === citizen.id)).toMatchObject({
      status: "trimmed",
      trimReason: "Chưa có xác nhận của khu dân cư",
      trimmedBy: "Phạm Thị Hồng Nhung",
      trimmedUnit: { id: commune.id },
    });
    expect(kept.steps.at(-1)).toMatchObject({ action: "trim", from: { id: commune.id } });

    const approved = await c.post(`/api/commendations/proposals/${proposalId}/review`, {
      action: "approve",
      comment: "Đồng ý",
    });
    expect(approved.status).toBe(200);
    expect(approved.body.proposal).toMatchObject({
      status: "approved",
      approvedBy: { id: commune.id },
      decision: { status: "draft", symbol: null },
    });
    expect(approved.body.proposal.steps.map((s: { action: string }) => s.action)).toEqual([
      "submit",
      "trim",
      "approve",
    ]);
    expect(
      (await c.post(`/api/commendations/proposals/${proposalId}/review`, { action: "approve" })).status,
    ).toBe(409);
    decisionId = approved.body.proposal.decision.id;
    names = names.filter((n) => n !== "Lê Thị Thuỷ");
  });

  it("C edits and issues the decision: a number in the official format; issued, no route may edit or delete it", async () => {
    const { commune } = t.demo.tree;
    const draft = (await c.get(`/api/commendations/decisions/${decisionId}`)).body.decision;
    expect(draft).toMatchObject({
      status: "draft",
      symbol: null,
      unit: { id: commune.id },
      form: { code: "merit" },
      recipientCount: 5,
      collectiveCount: 2,
      signer: { authority: "T/M BAN THƯỜNG VỤ", title: "BÍ THƯ", name: "" },
      allowedActions: ["update", "issue"],
    });
    expect(draft.recipients.map((r: { name: string }) => r.name)).toEqual(names);
    expect(draft.numberPreview).toMatch(/^\d{2,}-QĐ\/ĐU$/);
    // A draft is not published down: G does not read it yet.
    expect((await g.get(`/api/commendations/decisions/${decisionId}`)).status).toBe(404);
    const incomplete = await c.post(`/api/commendations/decisions/${decisionId}/issue`, {});
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.details).toContainEqual({ path: "signer.name", message: "required" });
    const signed = await c.patch(`/api/commendations/decisions/${decisionId}`, {
      version: draft.version,
      signer: { name: "Nguyễn Văn Thành" },
    });
    expect(signed.status).toBe(200);
    expect(
      (await c.patch(`/api/commendations/decisions/${decisionId}`, { version: draft.version })).status,
    ).toBe(409);
    expect((await c.post(`/api/commendations/decisions/${decisionId}/certificates`)).status).toBe(409);
    expect(
      (await c.post(`/api/commendations/decisions/${decisionId}/issue`, { issuedOn: "2999-01-01" })).status,
    ).toBe(422);
    const issued = await c.post(`/api/commendations/decisions/${decisionId}/issue`, {});
    expect(issued.status).toBe(200);
    const d = issued.body.decision;
    expect(d.status).toBe("issued");
    expect(d.symbol).toMatch(/^\d{2,}-QĐ\/ĐU$/);
    expect(d.symbol).toBe(draft.numberPreview);
    expect(d.numberPreview).toBeNull();
    expect(d.issuedOn).toBe(today);
    expect(d.allowedActions).toEqual(["correct", "certificates"]);
    expect(d.recipients[0].certificateUrl).toMatch(/\/certificate$/);

    // Published down: G and its cells read it; P2 does not.
    expect((await g.get(`/api/commendations/decisions/${decisionId}`)).status).toBe(200);
    expect(
      (await (await t.as("bithu.chibo1")).get(`/api/commendations/decisions/${decisionId}`)).status,
    ).toBe(200);
    expect((await p2.get(`/api/commendations/decisions/${decisionId}`)).status).toBe(404);

    // Immutable, through every route that edits or deletes.
    for (const [method, url, body] of [
      ["PATCH", `/api/commendations/decisions/${decisionId}`, { version: d.version, summary: "Sửa" }],
      [
        "PUT",
        `/api/commendations/decisions/${decisionId}/recipients`,
        {
          version: d.version,
          recipients: d.recipients.map((r: { id: string }) => ({
            id: r.id,
            name: "X",
            unitLabel: "",
            achievement: "",
          })),
        },
      ],
      ["DELETE", `/api/commendations/decisions/${decisionId}`, undefined],
      ["POST", `/api/commendations/decisions/${decisionId}/issue`, {}],
    ] as const) {
      for (const client of [c, p1, await t.as("admin")]) {
        const res = await client.request(method, url, body === undefined ? {} : { body });
        expect(res.status, `${method} ${url}`).toBe(409);
        expect(res.body.error.code).toBe("STATE_CONFLICT");
      }
    }
    const [row] = await t.database.db
      .select()
      .from(commendationDecisions)
      .where(eq(commendationDecisions.id, decisionId));
    expect(row).toMatchObject({ status: "issued", summary: d.summary, version: d.version });
  });

  it("the decision as .docx in the official format, with the recipients as an annex", async () => {
    const d = (await g.get(`/api/commendations/decisions/${decisionId}`)).body.decision;
    const file = await g.download(d.documentUrl);
    expect(file.status).toBe(200);
    expect(String(file.headers["content-type"])).toContain("wordprocessingml");
    const xml = await (await JSZip.loadAsync(file.data)).file("word/document.xml")?.async("string");
    const text = (xml ?? "").replace(/<[^>]+>/g, "");
    expect(text).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(text).toContain(`Số ${d.symbol}`);
    expect(text).toContain("QUYẾT ĐỊNH");
    expect(text).toContain("Điều 1.");
    expect(text).toContain("Tặng Giấy khen cho 2 tập thể và 3 cá nhân");
    expect(text).toContain("Nơi nhận:");
    expect(text).toContain("Nguyễn Văn Thành");
    expect(text).toContain("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN");
    // The annex names the deciding body as its name is written, never lower-cased.
    expect(text).toContain(`(Kèm theo Quyết định số ${d.symbol}, ngày `);
    expect(text).toContain(` của Ban Thường vụ ${d.unit.name})`);
    for (const name of names) expect(text).toContain(name);
    expect(text).not.toContain("Lê Thị Thuỷ");
    const sheet = await g.download(`/api/commendations/decisions/${decisionId}/export`);
    expect(sheet.status).toBe(200);
    expect(String(sheet.headers["content-type"])).toContain("spreadsheetml");
  });

  it("certificates: a job with progress stores one page per recipient; one recipient's downloads directly", async () => {
    const started = await c.post(`/api/commendations/decisions/${decisionId}/certificates`);
    expect(started.status).toBe(202);
    const { job } = await c.waitForJob(started.body.jobId);
    expect(job.status).toBe("succeeded");
    expect(job.result).toMatchObject({ pages: names.length });
    expect(job.result.url).toMatch(/^\/api\/commendations\/decisions\/[^/]+\/files\/[^/]+$/);
    const pdf = await g.download(job.result.url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.data.subarray(0, 5).toString()).toBe("%PDF-");
    // G reads the decision and its certificates, but does not make them.
    expect((await g.post(`/api/commendations/decisions/${decisionId}/certificates`)).status).toBe(403);
    const d = (await g.get(`/api/commendations/decisions/${decisionId}`)).body.decision;
    expect(d.certificates).toHaveLength(1);
    const one = await g.download(d.recipients[2].certificateUrl);
    expect(one.status).toBe(200);
    expect(one.data.subarray(0, 5).toString()).toBe("%PDF-");
    if (pdfTools) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-cert-"));
      const all = path.join(dir, "all.pdf");
      const single = path.join(dir, "one.pdf");
      fs.writeFileSync(all, pdf.data);
      fs.writeFileSync(single, one.data);
      const info = execFileSync("pdfinfo", [all], { encoding: "utf8" });
      expect(info).toMatch(new RegExp(`Pages:\\s+${names.length}\\b`));
      expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", all, "-"], { encoding: "utf8" }).normalize(
        "NFC",
      );
      const pages = text.split("\f");
      names.forEach((name, i) => {
        expect(pages[i]).toContain(name);
      });
      expect(text).toContain("GIẤY KHEN");
      expect(text).toContain(d.symbol);
      // A long achievement wraps and shrinks within its box, to its last word (it was cut mid-word).
      expect(text.replace(/\s+/g, " ")).toContain("đạt chuẩn văn minh đô thị kiểu mẫu");
      expect(
        execFileSync("pdftotext", ["-enc", "UTF-8", single, "-"], { encoding: "utf8" }).normalize("NFC"),
      ).toContain(names[2]);
      const fonts = execFileSync("pdffonts", [all], { encoding: "utf8" });
      expect(fonts).toContain("LiberationSerif");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a correction is a new decision with its own number; both are kept and listed, and the histories follow", async () => {
    const { cell1 } = t.demo.tree;
    const before = (await c.get(`/api/commendations/decisions/${decisionId}`)).body.decision;
    expect(
      (await g.post(`/api/commendations/decisions/${decisionId}/corrections`, { reason: "Sai tên" })).status,
    ).toBe(403);
    const started = await c.post(`/api/commendations/decisions/${decisionId}/corrections`, {
      reason: "Đính chính họ tên một cá nhân",
    });
    expect(started.status).toBe(201);
    const draft = started.body.decision;
    expect(draft).toMatchObject({ status: "draft", corrects: { id: decisionId, symbol: before.symbol } });
    expect(draft.recipients.map((r: { name: string }) => r.name)).toEqual(names);
    expect(
      (await c.post(`/api/commendations/decisions/${decisionId}/corrections`, { reason: "Lần nữa" })).status,
    ).toBe(409);
    const renamed = draft.recipients.map(
      (r: { id: string; name: string; unitLabel: string; achievement: string }, i: number) => ({
        id: r.id,
        name: i === 2 ? `${r.name} (đính chính)` : r.name,
        unitLabel: r.unitLabel,
        achievement: r.achievement,
      }),
    );
    const edited = await c.put(`/api/commendations/decisions/${draft.id}/recipients`, {
      version: draft.version,
      recipients: renamed,
    });
    expect(edited.status).toBe(200);
    const issued = await c.post(`/api/commendations/decisions/${draft.id}/issue`, {});
    expect(issued.status).toBe(200);
    const correction = issued.body.decision;
    expect(correction.number).toBe(before.number + 1);
    expect(correction.corrects).toMatchObject({ id: decisionId, status: "corrected" });
    const old = (await c.get(`/api/commendations/decisions/${decisionId}`)).body.decision;
    expect(old).toMatchObject({
      status: "corrected",
      symbol: before.symbol,
      correctedBy: { id: draft.id, status: "issued" },
    });
    expect(old.allowedActions).toEqual(["certificates"]);
    const list = await g.get(`/api/commendations/decisions?unitId=${t.demo.tree.commune.id}`);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([decisionId, draft.id]),
    );
    const docx = await c.download(correction.documentUrl);
    const xml = await (await JSZip.loadAsync(docx.data)).file("word/document.xml")?.async("string");
    expect((xml ?? "").replace(/<[^>]+>/g, "")).toContain(`thay thế Quyết định số ${before.symbol}`);

    // The person renamed has both: the corrected decision marked, and its correction.
    const personId = before.recipients[2].personId as string;
    const history = await g.get(`/api/people/${personId}/commendations`);
    expect(history.status).toBe(200);
    // Newest first (the demo's provincial decision of last year may name them too).
    expect(
      history.body.items
        .slice(0, 2)
        .map((h: { decision: { id: string; status: string } }) => [h.decision.id, h.decision.status]),
    ).toEqual([
      [draft.id, "issued"],
      [decisionId, "corrected"],
    ]);
    expect(history.body.items[0].name).toContain("(đính chính)");
    expect((await p2.get(`/api/people/${personId}/commendations`)).status).toBe(404);
    const unit = await g.get(`/api/units/${cell1.id}/commendations`);
    expect(unit.body.items[0]).toMatchObject({
      kind: "collective",
      name: cell1.name,
      decision: { id: draft.id },
    });
    expect(unit.body.items[0].links[0].type).toBe("practice");
    const subtree = await g.get(
      `/api/units/${t.demo.tree.grassroots.id}/commendations?scope=subtree&pageSize=200`,
    );
    expect(subtree.body.total).toBeGreaterThanOrEqual(10);
    const sheet = await g.download("/api/commendations/decisions/export");
    expect(sheet.status).toBe(200);
    expect((await g.download("/api/commendations/proposals/export")).status).toBe(200);
  });

  it("counts in the figures of the subtree and the period, by form and kind, and a rebuild agrees", async () => {
    const { commune, cell1 } = t.demo.tree;
    const stats = async (unitId: string) => {
      const res = await c.get(`/api/units/${unitId}/stats?from=${year}-01-01&to=${today}`);
      expect(res.status).toBe(200);
      return res.body.metrics as Record<string, number>;
    };
    const m = await stats(commune.id);
    // The corrected decision left the figures; its correction counts (one decision, 5 recipients).
    expect(m["commendations.decisions"]).toBe(1);
    expect(m["commendations.corrections"]).toBe(1);
    expect(m["commendations.recipients"]).toBe(5);
    expect(m["commendations.kind.collective"]).toBe(2);
    expect(m["commendations.kind.individual"]).toBe(3);
    expect(m["commendations.form.merit"]).toBe(5);
    expect(m["commendations.formKind.merit.individual"]).toBe(3);
    expect((await stats(cell1.id))["commendations.recipients"]).toBe(4);
    const own = async () =>
      (
        await t.database.db
          .select({
            unitId: unitFigures.unitId,
            day: unitFigures.day,
            metric: unitFigures.metric,
            value: unitFigures.value,
          })
          .from(unitFigures)
          .where(like(unitFigures.metric, "commendations.%"))
      ).reduce((map, r) => {
        const key = `${r.unitId}|${r.day}|${r.metric}`;
        map.set(key, (map.get(key) ?? 0) + Number(r.value));
        return map;
      }, new Map<string, number>());
    const incremental = [...(await own())].filter(([, v]) => v !== 0).sort();
    await t.database.db.transaction((tx) =>
      rebuildFigures(tx, { sources: figureSources().filter((s) => s.name === "commendations") }),
    );
    expect([...(await own())].filter(([, v]) => v !== 0).sort()).toEqual(incremental);
    expect(await stats(commune.id)).toEqual(m);
  });
});

describe("a unit issues only the forms its kind is entitled to", () => {
  /** Signs and issues a draft decision as its unit's officer. */
  async function signAndIssue(client: Client, id: string) {
    const d = (await client.get(`/api/commendations/decisions/${id}`)).body.decision;
    const signed = await client.patch(`/api/commendations/decisions/${id}`, {
      version: d.version,
      signer: { name: "Hoàng Văn Ký" },
    });
    expect(signed.status).toBe(200);
    return client.post(`/api/commendations/decisions/${id}/issue`, {});
  }

  const cases = [
    { code: "praise", issuer: "commune" },
    { code: "merit", issuer: "commune" },
    { code: "commendation", issuer: "province" },
    { code: "banner", issuer: "province" },
    { code: "badge", issuer: "province" },
  ] as const;
  for (const { code, issuer } of cases) {
    it(`${code}: refused below the ${issuer} level, approved and issued at it`, async () => {
      const { cell1, commune, p1: province } = t.demo.tree;
      const [member] = await peopleOf(g, cell1.id, 1);
      const collective = code !== "badge";
      const individual = code !== "banner";
      const created = await propose(g, {
        formCode: code,
        period: [2019, 2023],
        ...(collective ? { unitIds: [cell1.id] } : {}),
        ...(individual ? { personIds: [member?.id ?? ""] } : {}),
      });
      expect(created.status).toBe(201);
      const id = created.body.proposal.id;
      expect(created.body.proposal.issuer).toMatchObject({
        id: issuer === "commune" ? commune.id : province.id,
      });
      expect((await g.post(`/api/commendations/proposals/${id}/submit`, {})).status).toBe(200);
      const review = (client: Client, body: object) =>
        client.post(`/api/commendations/proposals/${id}/review`, body);
      if (issuer === "province") {
        const atCommune = (await c.get(`/api/commendations/proposals/${id}`)).body.proposal;
        expect(atCommune.issuer).toMatchObject({ id: commune.id, entitled: false });
        expect(atCommune.reviewActions).toContain("forward");
        expect(atCommune.reviewActions).not.toContain("approve");
        const refused = await review(c, { action: "approve" });
        expect(refused.status).toBe(422);
        expect(refused.body.error.details).toEqual([{ path: "formId", message: "not_entitled" }]);
        expect((await review(c, { action: "forward", comment: "Kính chuyển Tỉnh ủy" })).status).toBe(200);
      }
      const reviewer = issuer === "commune" ? c : p1;
      const approved = await review(reviewer, { action: "approve" });
      expect(approved.status).toBe(200);
      const issued = await signAndIssue(reviewer, approved.body.proposal.decision.id);
      expect(issued.status).toBe(200);
      expect(issued.body.decision.symbol).toMatch(issuer === "commune" ? /-QĐ\/ĐU$/ : /-QĐ\/TU$/);
      expect(issued.body.decision.form.code).toBe(code);
    });
  }

  it("a province may not approve giấy khen sent straight to it, and a draft is not issued once its unit's kind loses the form", async () => {
    const { cell2, p1: province } = t.demo.tree;
    const straight = await propose(g, { formCode: "merit", period: [2018, 2018], unitIds: [cell2.id] });
    const id = straight.body.proposal.id;
    expect(
      (await g.post(`/api/commendations/proposals/${id}/submit`, { toUnitId: t.demo.tree.p2.id })).status,
    ).toBe(422);
    expect(
      (await g.post(`/api/commendations/proposals/${id}/submit`, { toUnitId: province.id })).status,
    ).toBe(200);
    expect((await p1.post(`/api/commendations/proposals/${id}/review`, { action: "approve" })).status).toBe(
      422,
    );
    // Returned with a comment, sent to C, approved there…
    expect(
      (
        await p1.post(`/api/commendations/proposals/${id}/review`, {
          action: "return",
          comment: "Gửi Đảng ủy xã",
        })
      ).status,
    ).toBe(200);
    const back = (await g.get(`/api/commendations/proposals/${id}`)).body.proposal;
    expect(back).toMatchObject({ status: "returned", allowedActions: ["update", "submit"] });
    expect(back.steps.at(-1)).toMatchObject({ action: "return", comment: "Gửi Đảng ủy xã" });
    expect((await g.post(`/api/commendations/proposals/${id}/submit`, {})).status).toBe(200);
    const approved = await c.post(`/api/commendations/proposals/${id}/review`, { action: "approve" });
    const decisionId = approved.body.proposal.decision.id;
    // …then the catalogue no longer lets communes issue giấy khen: the draft cannot be issued.
    const rootAdmin = await t.as("admin");
    const merit = (await rootAdmin.get("/api/commendations/forms")).body.items.find(
      (f: { code: string }) => f.code === "merit",
    );
    const narrowed = await rootAdmin.patch(`/api/commendations/forms/${merit.id}`, {
      version: merit.version,
      issuerKinds: ["grassroots", "bloc"],
    });
    expect(narrowed.status).toBe(200);
    try {
      const refused = await signAndIssue(c, decisionId);
      expect(refused.status).toBe(422);
      expect(refused.body.error.details).toEqual([{ path: "formId", message: "not_entitled" }]);
    } finally {
      await rootAdmin.patch(`/api/commendations/forms/${merit.id}`, {
        version: narrowed.body.form.version,
        issuerKinds: ["grassroots", "commune", "bloc"],
      });
    }
    // Discarding the draft puts the proposal back in C's queue.
    expect((await c.delete(`/api/commendations/decisions/${decisionId}`)).status).toBe(204);
    const again = (await c.get(`/api/commendations/proposals/${id}`)).body.proposal;
    expect(again).toMatchObject({ status: "submitted", waitingForMe: true, decision: null });
    expect(again.steps.at(-1).action).toBe("discard");
  });

  it("an entitled unit raises a proposal to a higher form: it goes further up", async () => {
    const { cell2, p1: province } = t.demo.tree;
    const created = await propose(g, { formCode: "merit", period: [2017, 2017], unitIds: [cell2.id] });
    const id = created.body.proposal.id;
    await g.post(`/api/commendations/proposals/${id}/submit`, {});
    expect(
      (await c.post(`/api/commendations/proposals/${id}/review`, { action: "raise", formId: form("praise") }))
        .status,
    ).toBe(422);
    const raised = await c.post(`/api/commendations/proposals/${id}/review`, {
      action: "raise",
      formId: form("commendation"),
      comment: "Thành tích đặc biệt xuất sắc, đề nghị Tỉnh ủy tặng Bằng khen",
    });
    expect(raised.status).toBe(200);
    expect(raised.body.proposal).toMatchObject({
      status: "submitted",
      form: { code: "commendation" },
      waitingAt: { id: province.id },
    });
    expect(raised.body.proposal.steps.at(-1)).toMatchObject({
      action: "raise",
      details: { from: { code: "merit" }, to: { code: "commendation" } },
    });
    expect((await p1.post(`/api/commendations/proposals/${id}/review`, { action: "approve" })).status).toBe(
      200,
    );
  });

  it("warns when the proposing unit was moved out of the issuing unit's subtree meanwhile", async () => {
    const { grassroots, p1: province } = t.demo.tree;
    const rootAdmin = await t.as("admin");
    const newUnit = await rootAdmin.post("/api/units", { parentId: grassroots.id, name: "Chi bộ Thôn Đông" });
    expect(newUnit.status).toBe(201);
    const cellId = newUnit.body.unit.id;
    const secretary = await buildUser(t.database.db, {
      role: "secretary",
      unit: { ...grassroots, id: cellId } as never,
    });
    const k = await t.as(secretary.user.username, secretary.password);
    const created = await k.post("/api/commendations/proposals", {
      formId: form("praise"),
      periodStart: year,
      periodEnd: year,
      title: "Đề nghị biểu dương",
      recipients: [{ kind: "individual", personName: "Đinh Văn Tốt", personUnitName: "Thôn Đông" }],
    });
    expect(created.status).toBe(201);
    const id = created.body.proposal.id;
    expect((await k.post(`/api/commendations/proposals/${id}/submit`, {})).status).toBe(200);
    // Moved under another commune while it waits at G.
    const otherCommune = (await p1.get(`/api/units/${province.id}/children?pageSize=200`)).body.items.find(
      (u: { id: string }) => u.id !== t.demo.tree.commune.id,
    );
    expect(
      (await rootAdmin.post(`/api/units/${cellId}/move`, { parentId: otherCommune.id, on: today })).status,
    ).toBe(200);
    const seen = await g.get(`/api/commendations/proposals/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.proposal.warnings.map((w: { code: string }) => w.code)).toContain("outside_issuer");
  });
});

describe("demo data", () => {
  it("holds the province's issued decision for last year and a proposal waiting at the commune", async () => {
    const decisions = (await p1.get("/api/commendations/decisions?form=commendation")).body.items;
    const demo = decisions.find((d: { symbol: string | null }) => d.symbol === "01-QĐ/TU");
    expect(demo).toMatchObject({
      status: "issued",
      periodStart: 2025,
      unit: { id: t.demo.tree.p1.id },
      recipientCount: 4,
    });
    const detail = (await g.get(`/api/commendations/decisions/${demo.id}`)).body.decision;
    expect(detail.recipients.some((r: { links: unknown[] }) => r.links.length > 0)).toBe(true);
    const waiting = (await c.get("/api/commendations/proposals/queue")).body.items;
    expect(
      waiting.some(
        (p: { unit: { id: string }; form: { code: string } }) =>
          p.unit.id === t.demo.tree.grassroots.id && p.form.code === "merit",
      ),
    ).toBe(true);
  });
});

describe.runIf(() => t.database.kind === "postgres")("at the same time (PostgreSQL)", () => {
  it("two reviewers approving at once: one 200, one 409, one decision", async () => {
    const { commune, cell2 } = t.demo.tree;
    const other = await buildUser(t.database.db, { role: "officer", unit: commune as never });
    const c2 = await t.as(other.user.username, other.password);
    const created = await propose(g, { formCode: "merit", period: [2016, 2020], unitIds: [cell2.id] });
    const id = created.body.proposal.id;
    await g.post(`/api/commendations/proposals/${id}/submit`, {});
    const results = await Promise.all([
      c.post(`/api/commendations/proposals/${id}/review`, { action: "approve" }),
      c2.post(`/api/commendations/proposals/${id}/review`, { action: "approve" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const drafts = await t.database.db
      .select()
      .from(commendationDecisions)
      .where(eq(commendationDecisions.proposalId, id));
    expect(drafts).toHaveLength(1);
  });

  it("decisions issued at once get distinct consecutive numbers", async () => {
    const { cell1 } = t.demo.tree;
    const members = await peopleOf(g, cell1.id, 4);
    const ids: string[] = [];
    for (const [i, m] of members.entries()) {
      const created = await propose(g, {
        formCode: "praise",
        period: [2010 + i, 2010 + i],
        personIds: [m.id],
      });
      const id = created.body.proposal.id;
      await g.post(`/api/commendations/proposals/${id}/submit`, {});
      const approved = await c.post(`/api/commendations/proposals/${id}/review`, { action: "approve" });
      const decision = approved.body.proposal.decision.id;
      const d = (await c.get(`/api/commendations/decisions/${decision}`)).body.decision;
      await c.patch(`/api/commendations/decisions/${decision}`, {
        version: d.version,
        signer: { name: "Lý Văn Ký" },
      });
      ids.push(decision);
    }
    const issued = await Promise.all(ids.map((id) => c.post(`/api/commendations/decisions/${id}/issue`, {})));
    expect(issued.map((r) => r.status)).toEqual(ids.map(() => 200));
    const numbers = issued.map((r) => r.body.decision.number as number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.at(-1)).toBe((numbers[0] ?? 0) + numbers.length - 1);
  });
});
