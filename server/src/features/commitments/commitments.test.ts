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

const today = vnToday();
const YEAR = Number(today.slice(0, 4));
const stats = (client: Client, unitId: string) => unitStats(client, unitId, `${YEAR}-01-01`, today);
const draft = {
  year: YEAR,
  study: "Học chuyên đề năm về tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
  actions: "Giữ gìn nếp sống giản dị; giúp đỡ 2 hộ khó khăn.",
  targets: [{ text: "Tham gia đủ 12 buổi sinh hoạt chi bộ", measure: "12/12" }],
};

describe("a member's commitment", () => {
  it("is written as a draft, edited with its version, submitted, then only assessed", async () => {
    const member = await t.as("dangvien1");
    const empty = await member.get(`/api/commitments/mine?year=${YEAR}`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ year: YEAR, commitment: null, locked: false });
    const written = await member.put("/api/commitments/mine", draft);
    expect(written.status).toBe(200);
    const { version } = written.body.commitment;
    expect((await member.put("/api/commitments/mine", { ...draft, version: version + 5 })).status).toBe(409);
    const edited = await member.put("/api/commitments/mine", { ...draft, actions: "Sửa lại.", version });
    expect(edited.body.commitment.actions).toBe("Sửa lại.");
    const submitted = await member.post("/api/commitments/mine/submit", { year: YEAR });
    expect(submitted.body.commitment.status).toBe("submitted");
    expect(
      (await member.put("/api/commitments/mine", { ...draft, version: submitted.body.commitment.version }))
        .status,
    ).toBe(409);
    const mid = await member.put("/api/commitments/mine/assessment", {
      year: YEAR,
      period: "mid",
      text: "Đã học xong 3 chuyên đề.",
      version: submitted.body.commitment.version,
    });
    expect(mid.status).toBe(200);
    expect(mid.body.commitment.midYearAssessment).toBe("Đã học xong 3 chuyên đề.");
  });

  it("is read by its member, the cell's secretary and officers above; nobody else", async () => {
    const member = await t.as("dangvien1");
    const id = (await member.get(`/api/commitments/mine?year=${YEAR}`)).body.commitment.id as string;
    expect((await (await t.as("bithu.chibo1")).get(`/api/commitments/${id}`)).status).toBe(200);
    expect((await (await t.as("canbo.coso")).get(`/api/commitments/${id}`)).status).toBe(200);
    expect((await (await t.as("dangvien2")).get(`/api/commitments/${id}`)).status).toBe(404);
    expect((await (await t.as("bithu.chibo2")).get(`/api/commitments/${id}`)).status).toBe(404);
    expect((await (await t.as("canbo.tinh2")).get(`/api/commitments/${id}`)).status).toBe(404);
    expect((await t.anonymous().get("/api/commitments/mine")).status).toBe(401);
    // The secretary reviews it with a year-end score; the member cannot review their own.
    const reviewed = await (await t.as("bithu.chibo1")).post(`/api/commitments/${id}/review`, {
      comment: "Thực hiện tốt.",
      score: 85,
      version: (await member.get(`/api/commitments/mine?year=${YEAR}`)).body.commitment.version,
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.commitment).toMatchObject({ status: "reviewed", score: 85 });
    expect(
      (await member.post(`/api/commitments/${id}/review`, { comment: "tự duyệt", version: 1 })).status,
    ).toBe(403);
  });
});

describe("a cell's ratings", () => {
  it("are proposed for the whole cell in one request: one bad row stores nothing and is named", async () => {
    const secretary = await t.as("bithu.chibo1");
    const { cell1, cell2 } = t.demo.tree;
    const sheet = await secretary.get(`/api/units/${cell1.id}/ratings?year=${YEAR}`);
    expect(sheet.status).toBe(200);
    const people = sheet.body.rows as { personId: string }[];
    expect(people.length).toBeGreaterThan(3);
    const other = (await (await t.as("bithu.chibo2")).get(`/api/units/${cell2.id}/ratings?year=${YEAR}`)).body
      .rows[0].personId;
    const rows = people.map((p, i) => ({
      personId: p.personId,
      grade: i === 0 ? "excellent" : "good",
      points: i === 0 ? 93 : 80,
    }));
    const bad = [
      ...rows.slice(0, 2),
      { personId: rows[2]?.personId, grade: "incomplete", points: 40 }, // no reason
      ...rows.slice(3),
      { personId: other, grade: "good" }, // not of this cell
      { personId: rows[0]?.personId, grade: "excellent", points: 85 }, // twice, and excellent under 90
    ];
    const refused = await secretary.post(`/api/units/${cell1.id}/ratings`, {
      year: YEAR,
      version: sheet.body.version,
      ratings: bad,
    });
    expect(refused.status).toBe(422);
    const problems = refused.body.error.details.rows as { row: number; field: string }[];
    expect(problems.map((p) => `${p.row}:${p.field}`).sort()).toEqual(
      [
        `3:reason`,
        `${rows.length + 1}:personId`,
        `${rows.length + 2}:personId`,
        `${rows.length + 2}:grade`,
      ].sort(),
    );
    const unchanged = await secretary.get(`/api/units/${cell1.id}/ratings?year=${YEAR}`);
    expect(unchanged.body.version).toBe(sheet.body.version);
    expect(unchanged.body.rows.every((r: { proposed: unknown }) => r.proposed === null)).toBe(true);

    const saved = await secretary.post(`/api/units/${cell1.id}/ratings`, {
      year: YEAR,
      version: sheet.body.version,
      ratings: rows,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: "proposed", version: sheet.body.version + 1 });
    // A save on the version read before: someone else saved in between.
    expect(
      (
        await secretary.post(`/api/units/${cell1.id}/ratings`, {
          year: YEAR,
          version: sheet.body.version,
          ratings: rows,
        })
      ).status,
    ).toBe(409);
    // Members do not rate; the cell does not confirm its own sheet.
    expect((await (await t.as("dangvien1")).get(`/api/units/${cell1.id}/ratings?year=${YEAR}`)).status).toBe(
      403,
    );
    expect(
      (
        await secretary.post(`/api/units/${cell1.id}/ratings/confirm`, {
          year: YEAR,
          version: saved.body.version,
        })
      ).status,
    ).toBe(403);
  });

  it("are confirmed (some changed, with reasons) above, counted in the commune's figures, then locked with the year", async () => {
    const { cell1, commune } = t.demo.tree;
    const officer = await t.as("canbo.coso");
    const commune0 = await stats(await t.as("canbo.xa"), commune.id);
    const sheet = await officer.get(`/api/units/${cell1.id}/ratings?year=${YEAR}`);
    expect(sheet.body.allowedActions).toContain("confirm");
    const changed = sheet.body.rows[1].personId as string;
    expect(
      (
        await officer.post(`/api/units/${cell1.id}/ratings/confirm`, {
          year: YEAR,
          version: sheet.body.version,
          changes: [{ personId: changed, grade: "complete" }],
        })
      ).status,
    ).toBe(422); // a change needs its reason
    const confirmed = await officer.post(`/api/units/${cell1.id}/ratings/confirm`, {
      year: YEAR,
      version: sheet.body.version,
      changes: [
        {
          personId: changed,
          grade: "complete",
          points: 65,
          reason: "Chưa hoàn thành chỉ tiêu giúp hộ khó khăn.",
        },
      ],
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe("confirmed");
    const rows = confirmed.body.rows as { personId: string; final: { grade: string } }[];
    expect(rows.find((r) => r.personId === changed)?.final.grade).toBe("complete");

    const after = await stats(await t.as("canbo.xa"), commune.id);
    expect(after["commitments.grade.excellent"]).toBe((commune0["commitments.grade.excellent"] ?? 0) + 1);
    expect(after["commitments.grade.complete"]).toBe((commune0["commitments.grade.complete"] ?? 0) + 1);
    expect(after["commitments.grade.good"]).toBe((commune0["commitments.grade.good"] ?? 0) + rows.length - 2);
    expect(after["commitments.count"]).toBeGreaterThanOrEqual(1);
    expect(after["commitments.share"]).toBeGreaterThan(0);

    // The year closes: the member cannot write, the sheet cannot change; a correction is recorded.
    const close = await officer.post(`/api/units/${t.demo.tree.grassroots.id}/years/${YEAR}/close`, {});
    expect(close.status).toBe(200);
    expect(
      (await officer.post(`/api/units/${t.demo.tree.grassroots.id}/years/${YEAR}/close`, {})).status,
    ).toBe(409);
    const secretary = await t.as("bithu.chibo1");
    const locked = await secretary.get(`/api/units/${cell1.id}/ratings?year=${YEAR}`);
    expect(locked.body.locked).toBe(true);
    expect(
      (
        await secretary.post(`/api/units/${cell1.id}/ratings`, {
          year: YEAR,
          version: locked.body.version,
          ratings: [],
        })
      ).status,
    ).toBe(409);
    expect((await (await t.as("dangvien2")).put("/api/commitments/mine", draft)).status).toBe(409);
    const ratingId = locked.body.rows.find((r: { personId: string }) => r.personId === changed).ratingId;
    const corrected = await officer.post(`/api/ratings/${ratingId}/corrections`, {
      grade: "good",
      points: 75,
      reason: "Phúc tra: đã hoàn thành chỉ tiêu trong tháng 12.",
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.rows.find((r: { personId: string }) => r.personId === changed).final.grade).toBe(
      "good",
    );
    const fixed = await stats(await t.as("canbo.xa"), commune.id);
    expect(fixed["commitments.grade.complete"]).toBe(commune0["commitments.grade.complete"] ?? 0);

    // The member sees their own history with the final grade.
    const history = await (await t.as("dangvien1")).get("/api/commitments/history");
    expect(history.body.items[0]).toMatchObject({ year: YEAR, commitment: { locked: true } });
  });
});

// PGlite has one connection, so a race there proves nothing: this runs on PostgreSQL only.
describe.runIf(process.env.TEST_DATABASE_URL)(
  "two saves of the same cell's sheet at once (PostgreSQL)",
  () => {
    it("exactly one succeeds, the other gets 409", async () => {
      const { cell2 } = t.demo.tree;
      const a = await t.as("bithu.chibo2");
      const extra = await buildUser(t.database.db, { role: "officer", unit: t.demo.tree.grassroots });
      const b = await t.as(extra.user.username, extra.password);
      for (let round = 0; round < 4; round++) {
        const sheet = await a.get(`/api/units/${cell2.id}/ratings?year=${YEAR + 1 + round}`);
        const rows = (sheet.body.rows as { personId: string }[]).map((r) => ({
          personId: r.personId,
          grade: "good",
        }));
        const results = await Promise.all([
          a.post(`/api/units/${cell2.id}/ratings`, {
            year: YEAR + 1 + round,
            version: sheet.body.version,
            ratings: rows,
          }),
          b.post(`/api/units/${cell2.id}/ratings`, {
            year: YEAR + 1 + round,
            version: sheet.body.version,
            ratings: rows,
          }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      }
    });
  },
);
