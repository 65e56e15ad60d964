import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { unitStats } from "../../../test/stats.ts";
import { vnToday } from "../../lib/dates.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const png = (w = 1200, h = 800) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();
const today = vnToday();
const stats = (client: Client, unitId: string) =>
  unitStats(client, unitId, `${today.slice(0, 4)}-01-01`, today);

const draft = (unitId: string, title = "Mô hình “Làm theo Bác” ở khu dân cư") => ({
  kind: "collective",
  unitId,
  title,
  summary: "Mỗi tuần một việc tốt vì cộng đồng.",
  description: "Chi bộ phân công mỗi đảng viên phụ trách 5 hộ gia đình.",
  results: "120 hộ tham gia; 35 công trình tự quản.",
  fieldCode: "culture_society",
  startedOn: "2025-03-01",
});

describe("a model goes up the chain", () => {
  it("K1 registers with a photo, G forwards, C recognises, K2 adopts; figures, search and the showcase follow", async () => {
    const { cell1, cell2, commune, p1 } = t.demo.tree;
    const k1 = await t.as("bithu.chibo1");
    const g = await t.as("canbo.coso");
    const c = await t.as("canbo.xa");
    const k2 = await t.as("bithu.chibo2");
    const p2 = await t.as("canbo.tinh2");
    const before = {
      commune: await stats(c, commune.id),
      province: await stats(await t.as("canbo.tinh1"), p1.id),
    };

    const created = await k1.post("/api/practices", draft(cell1.id));
    expect(created.status).toBe(201);
    const id = created.body.practice.id as string;
    expect(created.body.practice).toMatchObject({
      status: "draft",
      allowedActions: expect.arrayContaining(["update", "submit"]),
    });

    const photo = await k1.upload(`/api/practices/${id}/files`, "anh-mo-hinh.png", await png());
    expect(photo.status).toBe(201);
    expect(photo.body.file).toMatchObject({ kind: "image", contentType: "image/png", width: 1200 });
    const thumb = await k1.download(photo.body.file.thumbUrl);
    expect(thumb.status).toBe(200);
    expect((await sharp(thumb.data).metadata()).width).toBe(400);
    // A file is judged by its content, not its name.
    const fake = await k1.upload(
      `/api/practices/${id}/files`,
      "virus.jpg",
      Buffer.from("MZ not an image at all"),
    );
    expect(fake.status).toBe(422);

    // Before submission the sibling province cannot see it, nor can G review it.
    expect((await p2.get(`/api/practices/${id}`)).status).toBe(404);
    expect((await g.post(`/api/practices/${id}/review`, { decision: "forward" })).status).toBe(409);

    expect((await k1.post(`/api/practices/${id}/submit`, {})).status).toBe(200);
    const queue = await g.get("/api/practices/queue");
    expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect((await g.get("/api/review-queue")).body.practices).toBeGreaterThanOrEqual(1);
    // Waiting at G: not C's turn yet, and K2 is not above K1.
    expect((await c.post(`/api/practices/${id}/review`, { decision: "recognise" })).status).toBe(409);
    expect((await k2.post(`/api/practices/${id}/review`, { decision: "recognise" })).status).toBe(404);

    const forwarded = await g.post(`/api/practices/${id}/review`, {
      decision: "forward",
      comment: "Đề nghị xã công nhận",
    });
    expect(forwarded.status).toBe(200);
    expect(forwarded.body.practice.waitingAt).toEqual({ id: commune.id, name: commune.name });
    const recognised = await c.post(`/api/practices/${id}/review`, { decision: "recognise", public: true });
    expect(recognised.status).toBe(200);
    expect(recognised.body.practice).toMatchObject({
      status: "recognised",
      isPublic: true,
      recognisedBy: { id: commune.id, kindCode: "commune" },
    });
    expect(recognised.body.practice.steps.map((s: { action: string }) => s.action)).toEqual([
      "submit",
      "forward",
      "recognise",
    ]);

    // Shared once recognised: the sibling province reads it, and adopts nothing of its own unit's.
    expect((await p2.get(`/api/practices/${id}`)).status).toBe(200);
    const adopted = await k2.post(`/api/practices/${id}/adoptions`, {
      startedOn: today,
      notes: "Áp dụng cho tổ 3",
    });
    expect(adopted.status).toBe(201);
    expect(adopted.body.adoption.unit.id).toBe(cell2.id);
    expect((await k2.post(`/api/practices/${id}/adoptions`, { startedOn: today })).status).toBe(422);
    expect((await k1.post(`/api/practices/${id}/adoptions`, { startedOn: today })).status).toBe(422); // its own
    const spread = await c.get(`/api/practices/${id}/spread`);
    expect(spread.body.total).toBe(1);
    expect(spread.body.byArea[0].count).toBe(1);

    for (const [client, unitId, key] of [
      [c, commune.id, "commune"],
      [await t.as("canbo.tinh1"), p1.id, "province"],
    ] as const) {
      const after = await stats(client, unitId);
      const was = before[key];
      expect(after["practices.recognisedTotal"]).toBe((was["practices.recognisedTotal"] ?? 0) + 1);
      expect(after["practices.level.commune"]).toBe((was["practices.level.commune"] ?? 0) + 1);
      expect(after["practices.adoptions"]).toBe((was["practices.adoptions"] ?? 0) + 1);
      expect(after["practices.registered"]).toBe((was["practices.registered"] ?? 0) + 1);
      expect(after["practices.status.submitted"]).toBe(was["practices.status.submitted"] ?? 0);
    }

    // Search without diacritics, and the public showcase (no login).
    const found = await p2.get("/api/practices?q=lam%20theo%20bac&sort=relevance");
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(id);
    const anonymous = t.anonymous();
    const showcase = await anonymous.get("/api/public/practices?q=lam theo bac");
    expect(showcase.status).toBe(200);
    expect(showcase.body.items.map((p: { id: string }) => p.id)).toContain(id);
    const page = await anonymous.get(`/api/public/practices/${id}`);
    expect(page.body).toMatchObject({ title: draft(cell1.id).title, adoptionCount: 1 });
    expect((await anonymous.download(page.body.images[0].url)).status).toBe(200);
    // Withdrawn from the showcase, it is no longer public.
    expect((await c.post(`/api/practices/${id}/publication`, { public: false })).status).toBe(200);
    expect((await anonymous.get(`/api/public/practices/${id}`)).status).toBe(404);
  });

  it("ranks a search: models with the words in their title above those with them elsewhere; pages and totals", async () => {
    const { cell1 } = t.demo.tree;
    const k1 = await t.as("bithu.chibo1");
    const create = async (title: string, description: string) => {
      const res = await k1.post("/api/practices", { ...draft(cell1.id, title), description });
      expect(res.status).toBe(201);
      return res.body.practice.id as string;
    };
    const older = await create("Mô hình “Hoa sen làm theo Bác”", "Chi bộ phân công đảng viên.");
    const elsewhere = await create("Mô hình tự quản", "Hoa sen: đảng viên làm theo Bác mỗi ngày.");
    const newer = await create("Cách làm “Hoa sen” học và làm theo gương Bác", "Mỗi tuần một việc tốt.");
    const search = (extra = "") =>
      k1.get(`/api/practices?q=${encodeURIComponent("hoa sen lam theo bac")}&sort=relevance${extra}`);
    const all = await search();
    expect(all.status).toBe(200);
    const ranked = all.body.items.map((p: { id: string }) => p.id);
    expect(ranked.slice(0, 2).sort()).toEqual([newer, older].sort());
    expect(ranked[2]).toBe(elsewhere);
    expect(all.body.total).toBe(3);
    const second = await search("&pageSize=2&page=2");
    expect(second.body.items.map((p: { id: string }) => p.id)).toEqual([elsewhere]);
    expect(second.body.total).toBe(3);
    expect((await search("&pageSize=2&page=3")).body).toMatchObject({ items: [], total: 3 });
  });

  it("a returned model is edited and resubmitted; a return needs a comment; stale edits get 409", async () => {
    const { cell1 } = t.demo.tree;
    const k1 = await t.as("bithu.chibo1");
    const g = await t.as("canbo.coso");
    const id = (await k1.post("/api/practices", draft(cell1.id, "Cách làm hay số hai"))).body.practice.id;
    await k1.post(`/api/practices/${id}/submit`, {});
    expect((await g.post(`/api/practices/${id}/review`, { decision: "return" })).status).toBe(400);
    const returned = await g.post(`/api/practices/${id}/review`, {
      decision: "return",
      comment: "Bổ sung số liệu",
    });
    expect(returned.body.practice.status).toBe("returned");
    const version = returned.body.practice.version;
    const edited = await k1.patch(`/api/practices/${id}`, { version, results: "Đã bổ sung: 150 hộ." });
    expect(edited.status).toBe(200);
    expect((await k1.patch(`/api/practices/${id}`, { version, title: "Sửa cũ" })).status).toBe(409);
    expect((await k1.post(`/api/practices/${id}/submit`, {})).status).toBe(200);
    // Submitted: no longer editable by its unit.
    expect(
      (await k1.patch(`/api/practices/${id}`, { version: version + 2, title: "Sửa khi đã gửi" })).status,
    ).toBe(403);
  });

  it("refuses: anonymous 401, a member 403, another province's unit, a bad field", async () => {
    const { cell1, p2 } = t.demo.tree;
    expect((await t.anonymous().post("/api/practices", draft(cell1.id))).status).toBe(401);
    expect((await (await t.as("dangvien1")).post("/api/practices", draft(cell1.id))).status).toBe(403);
    const k1 = await t.as("bithu.chibo1");
    expect((await k1.post("/api/practices", draft(p2.id))).status).toBe(422);
    expect((await k1.post("/api/practices", { ...draft(cell1.id), fieldCode: "khong-co" })).status).toBe(422);
    expect((await k1.post("/api/practices", { ...draft(cell1.id), title: "" })).status).toBe(400);
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
      const id = (await k1.post("/api/practices", draft(cell1.id, `Mô hình đua ${round}`))).body.practice.id;
      await k1.post(`/api/practices/${id}/submit`, {});
      const results = await Promise.all([
        a.post(`/api/practices/${id}/review`, { decision: "recognise" }),
        b.post(`/api/practices/${id}/review`, {
          decision: round % 2 ? "forward" : "return",
          comment: "Trả lại",
        }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    }
  });
});
