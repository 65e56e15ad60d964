import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { unitStats } from "../../../test/stats.ts";
import { vnToday } from "../../lib/dates.ts";
import { figureSources, rebuildFigures } from "../figures/index.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const png = (w = 1200, h = 900, r = 30) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r, g: 120, b: 200 } } })
    .png()
    .toBuffer();
const today = vnToday();
const stats = (client: Client, unitId: string) =>
  unitStats(client, unitId, `${today.slice(0, 4)}-01-01`, today);
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((e) => e.id);

/** An individual of the registry nominated by a unit. */
const individual = (
  unitId: string,
  personId: string,
  story = "Đồng chí tận tụy giúp đỡ đồng bào vùng lũ.",
) => ({
  kind: "individual",
  unitId,
  personId,
  fieldCode: "social_welfare",
  story,
  achievements: "Vận động 40 triệu đồng ủng hộ; 3 năm liền hoàn thành xuất sắc nhiệm vụ.",
});
/** A citizen outside the registry, with their address. */
const citizen = (unitId: string, personName = "Nguyễn Văn Thiện") => ({
  kind: "individual",
  unitId,
  personName,
  personUnitName: "Số 12, tổ dân phố Đông Sơn",
  fieldCode: "social_welfare",
  story: "Ông nhặt được ví tiền và trả lại người đánh rơi.",
  achievements: "Được công an phường khen ngợi.",
});

describe("an exemplar goes up the chain", () => {
  it("K1 nominates a member with a photo and a model, G forwards, C recognises (public); the tree, the showcase and the figures follow", async () => {
    const { cell1, grassroots, commune, p1 } = t.demo.tree;
    const k1 = await t.as("bithu.chibo1");
    const g = await t.as("canbo.coso");
    const c = await t.as("canbo.xa");
    const p2 = await t.as("canbo.tinh2");
    const memberId = t.account("dangvien1").personId as string;
    const before = {
      commune: await stats(c, commune.id),
      province: await stats(await t.as("canbo.tinh1"), p1.id),
    };

    const created = await k1.post(
      "/api/exemplars",
      individual(cell1.id, memberId, "Đồng chí tận tụy giúp đỡ đồng bào vùng lũ, “làm theo Bác” mỗi ngày."),
    );
    expect(created.status).toBe(201);
    const id = created.body.exemplar.id as string;
    expect(created.body.exemplar).toMatchObject({
      kind: "individual",
      title: "Ngô Văn An",
      person: { id: memberId, fullName: "Ngô Văn An", unitName: cell1.name },
      unit: { id: cell1.id },
      status: "draft",
      photo: null,
      allowedActions: expect.arrayContaining(["update", "submit"]),
    });

    // One photo, images only; a new one replaces the old.
    const first = await k1.upload(`/api/exemplars/${id}/photo`, "chan-dung.png", await png());
    expect(first.status).toBe(200);
    expect(first.body.exemplar.photo).toMatchObject({ width: 1200, height: 900 });
    const pdf = await k1.upload(`/api/exemplars/${id}/photo`, "ho-so.pdf", Buffer.from("%PDF-1.4\n%\n"));
    expect(pdf.status).toBe(422);
    const second = await k1.upload(
      `/api/exemplars/${id}/photo`,
      "chan-dung-moi.png",
      await png(800, 1000, 90),
    );
    expect(second.status).toBe(200);
    expect(second.body.exemplar.photo.width).toBe(800);
    expect(second.body.exemplar.photo.url).not.toBe(first.body.exemplar.photo.url);
    const thumb = await k1.download(second.body.exemplar.photo.thumbUrl);
    expect(thumb.status).toBe(200);
    expect((await sharp(thumb.data).metadata()).width).toBe(400);
    const stored = await t.database.db.execute(
      `select count(*)::int as n from stored_files where owner_type = 'exemplar' and owner_id = '${id}'`,
    );
    expect((stored as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(1);

    // Linked models: recognised ones only; the version guards the list.
    const models = await k1.get("/api/practices?status=recognised&pageSize=200");
    const model = models.body.items.find((m: { unit: { id: string } }) => m.unit.id === cell1.id);
    expect(model).toBeTruthy();
    const draftModel = (await k1.get("/api/practices?status=draft&scope=mine")).body.items[0];
    const version = second.body.exemplar.version;
    if (draftModel)
      expect(
        (await k1.put(`/api/exemplars/${id}/practices`, { practiceIds: [draftModel.id], version })).status,
      ).toBe(422);
    const linked = await k1.put(`/api/exemplars/${id}/practices`, { practiceIds: [model.id], version });
    expect(linked.status).toBe(200);
    expect(linked.body.exemplar.practices).toEqual([expect.objectContaining({ id: model.id })]);
    expect((await k1.put(`/api/exemplars/${id}/practices`, { practiceIds: [], version })).status).toBe(409);

    // Before submission the sibling province cannot see it, nor can G review it.
    expect((await p2.get(`/api/exemplars/${id}`)).status).toBe(404);
    expect((await g.post(`/api/exemplars/${id}/review`, { decision: "forward" })).status).toBe(409);

    const submitted = await k1.post(`/api/exemplars/${id}/submit`, { comment: "Kính đề nghị xét duyệt" });
    expect(submitted.status).toBe(200);
    expect(submitted.body.exemplar).toMatchObject({ status: "submitted", waitingAt: { id: grassroots.id } });
    expect(ids(await g.get("/api/exemplars/queue"))).toContain(id);
    expect((await g.get("/api/review-queue")).body.exemplars).toBeGreaterThanOrEqual(1);
    const inQueue = (await g.get("/api/exemplars/queue")).body.items.find((e: { id: string }) => e.id === id);
    expect(inQueue).toMatchObject({ waitingForMe: true, allowedActions: ["review"] });
    // Waiting at G: not C's turn yet.
    expect((await c.post(`/api/exemplars/${id}/review`, { decision: "recognise" })).status).toBe(409);

    const forwarded = await g.post(`/api/exemplars/${id}/review`, {
      decision: "forward",
      comment: "Đề nghị xã công nhận",
    });
    expect(forwarded.status).toBe(200);
    expect(forwarded.body.exemplar.waitingAt).toEqual({ id: commune.id, name: commune.name });
    // Once forwarded, G can no longer act on it.
    expect((await g.post(`/api/exemplars/${id}/review`, { decision: "recognise" })).status).toBe(409);
    const recognised = await c.post(`/api/exemplars/${id}/review`, { decision: "recognise", public: true });
    expect(recognised.status).toBe(200);
    expect(recognised.body.exemplar).toMatchObject({
      status: "recognised",
      isPublic: true,
      recognisedBy: { id: commune.id, kindCode: "commune" },
      waitingForMe: false,
      allowedActions: expect.arrayContaining(["publish"]),
    });
    expect(
      recognised.body.exemplar.steps.map((s: { action: string; comment: string | null }) => s.action),
    ).toEqual(["submit", "forward", "recognise"]);

    // Shared once recognised: the sibling province reads it and finds it without diacritics.
    const shared = await p2.get(`/api/exemplars/${id}`);
    expect(shared.status).toBe(200);
    expect(shared.body.exemplar.allowedActions).toEqual([]);
    expect((await p2.download(shared.body.exemplar.photo.displayUrl)).status).toBe(200);
    expect(ids(await p2.get("/api/exemplars?q=dong%20bao%20vung%20lu&sort=relevance"))).toContain(id);
    expect(ids(await p2.get("/api/exemplars?q=lam%20theo%20bac&kind=individual"))).toContain(id);
    expect(ids(await p2.get("/api/exemplars?q=ngo%20van%20an"))).toContain(id);
    expect(ids(await p2.get("/api/exemplars?scope=mine"))).not.toContain(id);

    // The public showcase, without an account.
    const anonymous = t.anonymous();
    const showcase = await anonymous.get("/api/public/exemplars?q=dong bao vung lu");
    expect(showcase.status).toBe(200);
    expect(ids(showcase)).toContain(id);
    const page = await anonymous.get(`/api/public/exemplars/${id}`);
    expect(page.body).toMatchObject({
      title: "Ngô Văn An",
      subtitle: cell1.name,
      recognisedByName: commune.name,
      practices: model.isPublic ? [{ id: model.id, title: model.title }] : [],
    });
    expect(JSON.stringify(page.body)).not.toContain(memberId);
    const image = await anonymous.download(page.body.imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers["content-type"]).toBe("image/jpeg");

    for (const [client, unitId, key] of [
      [c, commune.id, "commune"],
      [await t.as("canbo.tinh1"), p1.id, "province"],
    ] as const) {
      const after = await stats(client, unitId);
      const was = before[key];
      expect(after["exemplars.registered"]).toBe((was["exemplars.registered"] ?? 0) + 1);
      expect(after["exemplars.total"]).toBe((was["exemplars.total"] ?? 0) + 1);
      expect(after["exemplars.recognised"]).toBe((was["exemplars.recognised"] ?? 0) + 1);
      expect(after["exemplars.recognisedTotal"]).toBe((was["exemplars.recognisedTotal"] ?? 0) + 1);
      expect(after["exemplars.level.commune"]).toBe((was["exemplars.level.commune"] ?? 0) + 1);
      expect(after["exemplars.kind.individual"]).toBe((was["exemplars.kind.individual"] ?? 0) + 1);
      expect(after["exemplars.status.recognised"]).toBe((was["exemplars.status.recognised"] ?? 0) + 1);
      expect(after["exemplars.status.submitted"]).toBe(was["exemplars.status.submitted"] ?? 0);
      expect(after["exemplars.field.social_welfare"]).toBe((was["exemplars.field.social_welfare"] ?? 0) + 1);
    }

    // Withdrawn from the showcase by the recognising commune, it is no longer public.
    expect((await g.post(`/api/exemplars/${id}/publication`, { public: false })).status).toBe(403);
    expect((await c.post(`/api/exemplars/${id}/publication`, { public: false })).status).toBe(200);
    expect((await anonymous.get(`/api/public/exemplars/${id}`)).status).toBe(404);
    expect((await anonymous.download(page.body.imageUrl)).status).toBe(404);
  });

  it("a returned exemplar is edited and resubmitted; a return needs a comment; stale edits get 409", async () => {
    const { cell1, grassroots } = t.demo.tree;
    const k1 = await t.as("bithu.chibo1");
    const g = await t.as("canbo.coso");
    const created = await k1.post("/api/exemplars", citizen(cell1.id));
    expect(created.status).toBe(201);
    expect(created.body.exemplar).toMatchObject({
      title: "Nguyễn Văn Thiện",
      person: null,
      personName: "Nguyễn Văn Thiện",
      personUnitName: "Số 12, tổ dân phố Đông Sơn",
    });
    const id = created.body.exemplar.id;
    await k1.post(`/api/exemplars/${id}/submit`, {});
    expect((await g.post(`/api/exemplars/${id}/review`, { decision: "return" })).status).toBe(400);
    const returned = await g.post(`/api/exemplars/${id}/review`, {
      decision: "return",
      comment: "Bổ sung thành tích cụ thể",
    });
    expect(returned.status).toBe(200);
    expect(returned.body.exemplar.status).toBe("returned");
    expect(returned.body.exemplar.steps.at(-1)).toMatchObject({
      action: "return",
      comment: "Bổ sung thành tích cụ thể",
      from: { id: grassroots.id },
    });
    const version = returned.body.exemplar.version;
    const edited = await k1.patch(`/api/exemplars/${id}`, {
      version,
      personName: "Nguyễn Văn Thiện Tâm",
      achievements: "Đã bổ sung: 3 lần trả lại tài sản đánh rơi.",
    });
    expect(edited.status).toBe(200);
    expect(edited.body.exemplar).toMatchObject({
      title: "Nguyễn Văn Thiện Tâm",
      achievements: "Đã bổ sung: 3 lần trả lại tài sản đánh rơi.",
    });
    expect((await k1.patch(`/api/exemplars/${id}`, { version, story: "Sửa cũ" })).status).toBe(409);
    expect((await k1.post(`/api/exemplars/${id}/submit`, {})).status).toBe(200);
    // Submitted: no longer editable by its unit, nor can it be submitted twice.
    expect(
      (await k1.patch(`/api/exemplars/${id}`, { version: version + 2, story: "Sửa khi đã gửi" })).status,
    ).toBe(403);
    expect((await k1.post(`/api/exemplars/${id}/submit`, {})).status).toBe(403);
    expect(ids(await k1.get("/api/exemplars?q=thien%20tam&status=submitted"))).toContain(id);
  });

  it("a collective is the nominating unit or a unit below it, titled by its name", async () => {
    const { cell1, cell2, grassroots } = t.demo.tree;
    const g = await t.as("canbo.coso");
    const k1 = await t.as("bithu.chibo1");
    const body = { kind: "collective", fieldCode: "party_building", story: "Chi bộ vững mạnh tiêu biểu." };
    const below = await g.post("/api/exemplars", { ...body, unitId: grassroots.id, subjectUnitId: cell2.id });
    expect(below.status).toBe(201);
    expect(below.body.exemplar).toMatchObject({ title: cell2.name, subjectUnit: { id: cell2.id } });
    const itself = await k1.post("/api/exemplars", { ...body, unitId: cell1.id });
    expect(itself.body.exemplar).toMatchObject({ title: cell1.name, subjectUnit: { id: cell1.id } });
    // A sibling cell is neither the nominating unit nor below it.
    expect(
      (await k1.post("/api/exemplars", { ...body, unitId: cell1.id, subjectUnitId: cell2.id })).status,
    ).toBe(422);
    expect(
      (
        await k1.post("/api/exemplars", {
          ...body,
          unitId: cell1.id,
          personName: "Ai đó",
          personUnitName: "X",
        })
      ).status,
    ).toBe(422);
    expect(ids(await g.get("/api/exemplars?kind=collective&scope=mine&status=draft"))).toEqual(
      expect.arrayContaining([below.body.exemplar.id, itself.body.exemplar.id]),
    );
  });

  it("refuses: anonymous 401, a member 403, an out-of-scope unit, a person of another unit, the sibling's draft, the wrong reviewer", async () => {
    const { cell1, cell2, p2 } = t.demo.tree;
    const k1 = await t.as("bithu.chibo1");
    const k2 = await t.as("bithu.chibo2");
    const memberId = t.account("dangvien1").personId as string;
    const k2PersonId = t.account("bithu.chibo2").personId as string;
    expect((await t.anonymous().post("/api/exemplars", citizen(cell1.id))).status).toBe(401);
    expect((await t.anonymous().get("/api/exemplars")).status).toBe(401);
    const member = await t.as("dangvien1");
    expect((await member.post("/api/exemplars", citizen(cell1.id))).status).toBe(403);
    expect((await k1.post("/api/exemplars", citizen(p2.id))).status).toBe(422);
    expect((await k1.post("/api/exemplars", citizen(cell2.id))).status).toBe(422);
    const stranger = await k1.post("/api/exemplars", individual(cell1.id, k2PersonId));
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.details[0].path).toBe("body.personId");
    expect(stranger.body.error.message).toMatch(/không thuộc đơn vị/);
    expect((await k1.post("/api/exemplars", { ...citizen(cell1.id), personUnitName: "" })).status).toBe(422);
    expect((await k1.post("/api/exemplars", { ...citizen(cell1.id), fieldCode: "khong-co" })).status).toBe(
      422,
    );
    expect((await k1.post("/api/exemplars", { ...citizen(cell1.id), kind: "nobody" })).status).toBe(400);

    // The sibling province's draft is out of sight: 404 on every route.
    const p2Officer = await t.as("canbo.tinh2");
    const p2Cell = (await p2Officer.get("/api/units?pageSize=200")).body.items.find(
      (u: { kindCode: string }) => u.kindCode === "cell",
    );
    const foreign = await p2Officer.post("/api/exemplars", citizen(p2Cell.id, "Hoàng Văn Xa"));
    expect(foreign.status).toBe(201);
    const foreignId = foreign.body.exemplar.id;
    const p1 = await t.as("canbo.tinh1");
    expect((await p1.get(`/api/exemplars/${foreignId}`)).status).toBe(404);
    expect((await p1.patch(`/api/exemplars/${foreignId}`, { version: 1, story: "x" })).status).toBe(404);
    expect((await p1.post(`/api/exemplars/${foreignId}/submit`, {})).status).toBe(404);
    expect((await p1.get(`/api/exemplars/${foreignId}/photo`)).status).toBe(404);
    expect(ids(await p1.get("/api/exemplars?q=hoang%20van%20xa"))).not.toContain(foreignId);
    expect((await t.anonymous().get(`/api/public/exemplars/${foreignId}`)).status).toBe(404);

    // The wrong reviewer: K2 (not above K1) cannot see K1's submission; the member may not review.
    const mine = await k1.post("/api/exemplars", individual(cell1.id, memberId));
    const id = mine.body.exemplar.id;
    expect((await k1.post(`/api/exemplars/${id}/review`, { decision: "recognise" })).status).toBe(403);
    await k1.post(`/api/exemplars/${id}/submit`, {});
    expect((await k2.post(`/api/exemplars/${id}/review`, { decision: "recognise" })).status).toBe(404);
    expect((await member.post(`/api/exemplars/${id}/review`, { decision: "recognise" })).status).toBe(403);
    expect((await p1.post(`/api/exemplars/${id}/review`, { decision: "recognise" })).status).toBe(409);
  });

  it("the demo tree holds exemplars in every state, with one recognised and public", async () => {
    const p1 = await t.as("canbo.tinh1");
    const items = (await p1.get("/api/exemplars?scope=mine&pageSize=200")).body.items as {
      status: string;
      kind: string;
      isPublic: boolean;
      practiceCount: number;
      personName: string | null;
    }[];
    expect(new Set(items.map((e) => e.status))).toEqual(
      new Set(["draft", "submitted", "returned", "recognised"]),
    );
    expect(items.some((e) => e.status === "recognised" && e.isPublic)).toBe(true);
    expect(items.some((e) => e.kind === "collective")).toBe(true);
    expect(items.some((e) => e.personName)).toBe(true);
    expect(items.some((e) => e.practiceCount > 0)).toBe(true);
    expect((await t.anonymous().get("/api/public/exemplars")).body.total).toBeGreaterThanOrEqual(1);
  });
});

describe("figures", () => {
  it("rebuilt from the records, the exemplars' figures equal the incremental ones", async () => {
    const { root, p1, commune, grassroots, cell1 } = t.demo.tree;
    const admin = await t.as("admin");
    const units = [root, p1, commune, grassroots, cell1];
    const exemplarMetrics = async () => {
      const out: Record<string, Record<string, number>> = {};
      for (const u of units)
        out[u.name] = Object.fromEntries(
          Object.entries(await stats(admin, u.id)).filter(([k, v]) => k.startsWith("exemplars.") && v),
        );
      return out;
    };
    const incremental = await exemplarMetrics();
    expect(incremental[commune.name]?.["exemplars.total"]).toBeGreaterThan(3);
    const exemplarsOnly = figureSources().filter((s) => s.name === "exemplars");
    expect(exemplarsOnly).toHaveLength(1);
    await t.database.db.transaction((tx) => rebuildFigures(tx, { sources: exemplarsOnly }));
    expect(await exemplarMetrics()).toEqual(incremental);
  });
});

// PGlite has one connection, so a race there proves nothing: this runs on PostgreSQL only.
describe.runIf(process.env.TEST_DATABASE_URL)("two reviewers at once (PostgreSQL)", () => {
  it("exactly one succeeds, the other gets 409", async () => {
    const { cell1, grassroots } = t.demo.tree;
    const k1 = await t.as("bithu.chibo1");
    const second = await buildUser(t.database.db, { role: "leader", unit: grassroots });
    const a = await t.as("canbo.coso");
    const b = await t.as(second.user.username, second.password);
    for (let round = 0; round < 4; round++) {
      const id = (await k1.post("/api/exemplars", citizen(cell1.id, `Người đua ${round}`))).body.exemplar.id;
      await k1.post(`/api/exemplars/${id}/submit`, {});
      const results = await Promise.all([
        a.post(`/api/exemplars/${id}/review`, { decision: "recognise" }),
        b.post(`/api/exemplars/${id}/review`, {
          decision: round % 2 ? "forward" : "return",
          comment: "Trả lại",
        }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    }
  });
});
