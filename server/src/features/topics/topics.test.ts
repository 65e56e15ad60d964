import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { figureSources, rebuildFigures } from "../figures/index.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const pdf = Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const topicInput = (year: number, title = `Chuyên đề năm ${year}: Học tập và làm theo Bác`) => ({
  year,
  title,
  summary: "Xây dựng phong cách làm việc khoa học, gần dân, sát dân.",
  links: [{ title: "Bài giảng chuyên đề", url: "https://example.vn/chuyen-de" }],
});
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

describe("topics", () => {
  it("the central 2026 topic reaches a member of K1 and the sibling province, with its material (a link)", async () => {
    const member = await t.as("dangvien1");
    const list = await member.get("/api/topics?chain=true&year=2026");
    expect(list.status).toBe(200);
    const central = list.body.items.find((i: { unit: { id: string } }) => i.unit.id === t.demo.tree.root.id);
    expect(central).toMatchObject({ year: 2026, mine: false, allowedActions: [] });
    expect(central.links.length).toBeGreaterThanOrEqual(1);
    const detail = await member.get(`/api/topics/${central.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.topic.files).toEqual([]);
    const p2 = await t.as("canbo.tinh2");
    expect((await p2.get(`/api/topics/${central.id}`)).status).toBe(200);
  });

  it("a province issues its topic: its subtree reads it, the sibling province does not; refusals and 409", async () => {
    const p1 = await t.as("canbo.tinh1");
    const p2 = await t.as("canbo.tinh2");
    const member = await t.as("dangvien1");
    const secretary = await t.as("bithu.chibo1");
    expect((await t.anonymous().post("/api/topics", topicInput(2025))).status).toBe(401);
    expect((await p1.post("/api/topics", { ...topicInput(2025), title: "" })).status).toBe(400);
    expect(
      (await p1.post("/api/topics", { ...topicInput(2025), links: [{ title: "x", url: "ftp://a" }] })).status,
    ).toBe(400);
    expect((await member.post("/api/topics", topicInput(2025))).status).toBe(403);
    expect((await secretary.post("/api/topics", topicInput(2025))).status).toBe(403);
    expect((await p1.post("/api/topics", { ...topicInput(2025), unitId: t.demo.tree.p2.id })).status).toBe(
      422,
    );

    const created = await p1.post("/api/topics", topicInput(2025));
    expect(created.status).toBe(201);
    const topic = created.body.topic;
    expect(topic).toMatchObject({
      year: 2025,
      unit: { id: t.demo.tree.p1.id },
      mine: true,
      allowedActions: ["update"],
      links: [{ title: "Bài giảng chuyên đề", url: "https://example.vn/chuyen-de" }],
    });
    const again = await p1.post("/api/topics", topicInput(2025, "Chuyên đề trùng năm"));
    expect(again.status).toBe(422);
    expect(again.body.error.message).toContain("đã ban hành");

    // Published down: a member of K1 reads it; the sibling province neither finds nor lists it.
    const read = await member.get(`/api/topics/${topic.id}`);
    expect(read.status).toBe(200);
    expect(read.body.topic).toMatchObject({ mine: false, allowedActions: [] });
    expect(ids(await member.get("/api/topics?year=2025"))).toContain(topic.id);
    expect((await p2.get(`/api/topics/${topic.id}`)).status).toBe(404);
    expect(ids(await p2.get("/api/topics?pageSize=200"))).not.toContain(topic.id);

    // Edits: the member may not, the sibling cannot see it, a stale version gets 409.
    expect((await member.patch(`/api/topics/${topic.id}`, { version: 1, title: "Sửa" })).status).toBe(403);
    expect((await p2.patch(`/api/topics/${topic.id}`, { version: 1, title: "Sửa" })).status).toBe(404);
    const edited = await p1.patch(`/api/topics/${topic.id}`, { version: 1, summary: "Tóm tắt mới" });
    expect(edited.status).toBe(200);
    expect(edited.body.topic).toMatchObject({ summary: "Tóm tắt mới", version: 2 });
    const stale = await p1.patch(`/api/topics/${topic.id}`, { version: 1, title: "Sửa cũ" });
    expect(stale.status).toBe(409);

    // Materials: checked by content, read down the tree, not by the sibling.
    expect((await member.upload(`/api/topics/${topic.id}/files`, "tai-lieu.pdf", pdf)).status).toBe(403);
    expect(
      (await p1.upload(`/api/topics/${topic.id}/files`, "a.pdf", Buffer.from("MZ not a pdf"))).status,
    ).toBe(422);
    const file = await p1.upload(`/api/topics/${topic.id}/files`, "Tài liệu chuyên đề.pdf", pdf);
    expect(file.status).toBe(201);
    expect((await member.get(`/api/topics/${topic.id}`)).body.topic.fileCount).toBe(1);
    const download = await member.download(file.body.file.url);
    expect(download.status).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect((await p2.download(file.body.file.url)).status).toBe(404);
    expect((await member.delete(file.body.file.url)).status).toBe(403);
    expect((await p1.delete(file.body.file.url)).status).toBe(204);
    expect((await member.download(file.body.file.url)).status).toBe(404);
  });
});

describe("study sessions and coverage", () => {
  const YEAR = 2024;
  const coverage = async (username: string, unitId: string) => {
    const res = await (await t.as(username)).get(`/api/topics/coverage?year=${YEAR}&unitId=${unitId}`);
    expect(res.status).toBe(200);
    return res.body as {
      studied: number;
      members: number;
      share: number;
      on: string;
      children: { unit: { id: string }; studied: number; members: number }[];
    };
  };

  it("K1 and K2 record sessions; the commune's and the province's coverage follow every change", async () => {
    const { cell1, cell2, commune, grassroots, p1 } = t.demo.tree;
    const officer = await t.as("canbo.tinh1");
    const k1 = await t.as("bithu.chibo1");
    const k2 = await t.as("bithu.chibo2");
    const member = await t.as("dangvien1");
    const p2 = await t.as("canbo.tinh2");
    const topic = (await officer.post("/api/topics", topicInput(YEAR))).body.topic;

    // The roster: a cell on one screen, for its keepers only.
    const roster = await k1.get(`/api/study-sessions/roster?unitId=${cell1.id}`);
    expect(roster.status).toBe(200);
    const people = roster.body.items.map((p: { id: string }) => p.id) as string[];
    expect(people.length).toBeGreaterThanOrEqual(8);
    expect((await member.get(`/api/study-sessions/roster?unitId=${cell1.id}`)).status).toBe(403);
    expect((await k2.get(`/api/study-sessions/roster?unitId=${cell1.id}`)).status).toBe(404);
    const cell2People = (await k2.get("/api/study-sessions/roster")).body.items.map(
      (p: { id: string }) => p.id,
    );

    const before = {
      commune: await coverage("canbo.xa", commune.id),
      province: await coverage("canbo.tinh1", p1.id),
    };
    expect(before.commune.studied).toBe(0);
    expect(before.commune.on).toBe(`${YEAR}-12-31`);

    const session = (unitId: string, personIds: string[], heldOn = `${YEAR}-10-05`) => ({
      unitId,
      topicId: topic.id,
      heldOn,
      notes: "Sinh hoạt chi bộ thường kỳ, học tập chuyên đề.",
      personIds,
    });
    // Refusals: no session, a member, a sibling's topic, a future day, someone of another cell.
    expect((await t.anonymous().post("/api/study-sessions", session(cell1.id, []))).status).toBe(401);
    expect((await member.post("/api/study-sessions", session(cell1.id, people.slice(0, 2)))).status).toBe(
      403,
    );
    expect(
      (await k1.post("/api/study-sessions", { ...session(cell1.id, []), heldOn: "05/10/2024" })).status,
    ).toBe(400);
    expect(
      (await k1.post("/api/study-sessions", session(cell1.id, [people[0] as string, people[0] as string])))
        .status,
    ).toBe(400);
    expect((await k1.post("/api/study-sessions", session(cell1.id, [], "2999-01-01"))).status).toBe(422);
    const outsider = await k1.post("/api/study-sessions", session(cell1.id, [people[0], cell2People[0]]));
    expect(outsider.status).toBe(422);
    expect(outsider.body.error.details).toEqual([{ path: "body.personIds.1", message: "out_of_unit" }]);
    expect((await k1.post("/api/study-sessions", session(cell2.id, []))).status).toBe(422);

    const first = await k1.post("/api/study-sessions", session(cell1.id, people.slice(0, 4)));
    expect(first.status).toBe(201);
    expect(first.body.session).toMatchObject({
      unit: { id: cell1.id },
      topic: { id: topic.id, year: YEAR },
      attendeeCount: 4,
      allowedActions: ["update"],
    });
    expect(first.body.session.attendees).toHaveLength(4);
    // An earlier session with two of them and one more: the one more is new, the others count once.
    const second = await k1.post(
      "/api/study-sessions",
      session(cell1.id, [...people.slice(0, 2), people[4] as string], `${YEAR}-09-01`),
    );
    expect(second.status).toBe(201);
    const third = await k2.post("/api/study-sessions", session(cell2.id, cell2People.slice(0, 3)));
    expect(third.status).toBe(201);

    let communeNow = await coverage("canbo.xa", commune.id);
    expect(communeNow.studied).toBe(8);
    expect(communeNow.members).toBe(before.commune.members);
    expect(communeNow.share).toBe(8 / communeNow.members);
    expect(communeNow.children.find((c) => c.unit.id === grassroots.id)?.studied).toBe(8);
    const provinceNow = await coverage("canbo.tinh1", p1.id);
    expect(provinceNow.studied).toBe(8);
    expect(provinceNow.children.find((c) => c.unit.id === commune.id)?.studied).toBe(8);
    // The same figure in the unit statistics, for the year as a period.
    const stats = await officer.get(`/api/units/${commune.id}/stats?from=${YEAR}-01-01&to=${YEAR}-12-31`);
    expect(stats.body.metrics["topics.studied"]).toBe(8);
    expect(stats.body.metrics["topics.studiedShare"]).toBe(communeNow.share);
    expect(stats.body.labels["topics.studied"]).toContain("chuyên đề");
    // Before the first session of the year nobody had studied it yet.
    const early = await officer.get(`/api/units/${commune.id}/stats?from=${YEAR}-01-01&to=${YEAR}-08-31`);
    expect(early.body.metrics["topics.studied"]).toBe(0);
    const september = await officer.get(`/api/units/${commune.id}/stats?from=${YEAR}-01-01&to=${YEAR}-09-30`);
    expect(september.body.metrics["topics.studied"]).toBe(3);

    // Reading: a member of K1 sees the sessions of the cell and only themselves among those present.
    const memberPerson = t.account("dangvien1").personId;
    const seen = await member.get(`/api/study-sessions/${first.body.session.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.session.attendees.every((a: { id: string }) => a.id === memberPerson)).toBe(true);
    expect(seen.body.session.allowedActions).toEqual([]);
    expect(ids(await member.get(`/api/study-sessions?year=${YEAR}`))).toContain(first.body.session.id);
    expect((await p2.get(`/api/study-sessions/${first.body.session.id}`)).status).toBe(404);
    expect(ids(await p2.get("/api/study-sessions?pageSize=200"))).not.toContain(first.body.session.id);
    expect((await k2.get(`/api/study-sessions/${first.body.session.id}`)).status).toBe(404);

    // Corrections: person 3 was not there after all; a stale version gets 409; the sibling 404.
    const id = first.body.session.id;
    expect((await member.patch(`/api/study-sessions/${id}`, { version: 1, notes: "Sửa" })).status).toBe(403);
    expect((await p2.patch(`/api/study-sessions/${id}`, { version: 1, notes: "Sửa" })).status).toBe(404);
    const corrected = await k1.patch(`/api/study-sessions/${id}`, {
      version: 1,
      personIds: people.slice(0, 3),
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.session).toMatchObject({ attendeeCount: 3, version: 2 });
    expect((await k1.patch(`/api/study-sessions/${id}`, { version: 1, notes: "Sửa cũ" })).status).toBe(409);
    communeNow = await coverage("canbo.xa", commune.id);
    expect(communeNow.studied).toBe(7);

    // The earlier session moves after the first one: the same people, counted once, on later days.
    const moved = await k1.patch(`/api/study-sessions/${second.body.session.id}`, {
      version: 1,
      heldOn: `${YEAR}-11-20`,
    });
    expect(moved.status).toBe(200);
    const october = await officer.get(`/api/units/${commune.id}/stats?from=${YEAR}-01-01&to=${YEAR}-10-31`);
    expect(october.body.metrics["topics.studied"]).toBe(6);
    expect((await coverage("canbo.xa", commune.id)).studied).toBe(7);

    // A session removed: its people no longer count (unless another session holds them).
    expect(
      (await k2.delete(`/api/study-sessions/${third.body.session.id}`, { body: { version: 2 } })).status,
    ).toBe(409);
    expect(
      (await k2.delete(`/api/study-sessions/${third.body.session.id}`, { body: { version: 1 } })).status,
    ).toBe(204);
    expect((await k2.get(`/api/study-sessions/${third.body.session.id}`)).status).toBe(404);
    expect((await coverage("canbo.xa", commune.id)).studied).toBe(4);

    // A studied topic keeps its year.
    const year = await officer.patch(`/api/topics/${topic.id}`, { version: topic.version, year: YEAR - 1 });
    expect(year.status).toBe(422);

    // Derived data: the figures equal a rebuild of the topics' contributions.
    const kept = {
      commune: await coverage("canbo.xa", commune.id),
      province: await coverage("canbo.tinh1", p1.id),
    };
    const topics = figureSources().filter((s) => s.name === "topics");
    expect(topics).toHaveLength(1);
    await t.database.db.transaction((tx) => rebuildFigures(tx, { sources: topics }));
    expect(await coverage("canbo.xa", commune.id)).toEqual(kept.commune);
    expect(await coverage("canbo.tinh1", p1.id)).toEqual(kept.province);
  });

  it("the demo's 2026 sessions in K1 and K2 count in this year's statistics", async () => {
    const c = await t.as("canbo.xa");
    const res = await c.get(`/api/units/${t.demo.tree.commune.id}/stats?from=2026-01-01&to=2026-11-30`);
    expect(res.status).toBe(200);
    expect(res.body.metrics["topics.studied"]).toBeGreaterThan(0);
    expect(res.body.metrics["topics.studiedShare"]).toBeGreaterThan(0);
    expect(res.body.metrics["topics.studiedShare"]).toBeLessThanOrEqual(1);
    expect((await c.get("/api/topics/coverage?year=2026")).body.studied).toBe(
      res.body.metrics["topics.studied"],
    );
    expect((await c.get(`/api/topics/coverage?unitId=${t.demo.tree.p2.id}`)).status).toBe(404);
  });
});

// PGlite has one connection, so a race there proves nothing: this runs on PostgreSQL only.
describe.runIf(process.env.TEST_DATABASE_URL)("two sessions at once (PostgreSQL)", () => {
  it("a person present at both counts once", async () => {
    const { cell1 } = t.demo.tree;
    const officer = await t.as("canbo.tinh1");
    const k1 = await t.as("bithu.chibo1");
    const a = await t.as("canbo.coso");
    const topic = (await officer.post("/api/topics", topicInput(2023))).body.topic;
    const people = (await k1.get(`/api/study-sessions/roster?unitId=${cell1.id}`)).body.items.map(
      (p: { id: string }) => p.id,
    );
    const body = (heldOn: string) => ({
      unitId: cell1.id,
      topicId: topic.id,
      heldOn,
      personIds: people.slice(0, 5),
    });
    const results = await Promise.all([
      k1.post("/api/study-sessions", body("2023-05-01")),
      a.post("/api/study-sessions", body("2023-05-02")),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const res = await officer.get(`/api/topics/coverage?year=2023&unitId=${cell1.id}`);
    expect(res.body.studied).toBe(5);
  });
});
