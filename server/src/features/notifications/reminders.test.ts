import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { userIdOf } from "../../../test/stats.ts";
import { auditLog } from "../../lib/audit-log.ts";
import { dayBefore, vnToday } from "../../lib/dates.ts";
import { sendReminders } from "./reminders.ts";
import { claimDailyRun, runDaily } from "./schedule.ts";
import { notifications, reminderSends } from "./schema.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const today = vnToday();
const yesterday = dayBefore(today);
const YEAR = Number(today.slice(0, 4));

const userId = (username: string) => userIdOf(t.database.db, username);
const remindersOf = async (username: string, kind: string) =>
  t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, await userId(username)), eq(notifications.kind, kind)));

const ratingsOf = async (secretary: Client, cellId: string, year: number) => {
  const sheet = await secretary.get(`/api/units/${cellId}/ratings?year=${year}`);
  return secretary.post(`/api/units/${cellId}/ratings`, {
    year,
    version: sheet.body.version,
    ratings: (sheet.body.rows as { personId: string }[]).map((r) => ({
      personId: r.personId,
      grade: "good",
    })),
  });
};

describe("reminders of late commitments", () => {
  it("go, once, to members of the subtree without a submitted commitment after their template's deadline", async () => {
    const { grassroots } = t.demo.tree;
    const officer = await t.as("canbo.coso");
    const template = await officer.put(`/api/units/${grassroots.id}/commitment-template`, {
      year: YEAR,
      studyPrompt: "Học chuyên đề năm.",
      actionPrompt: "Việc làm theo Bác.",
      targets: [],
      deadline: yesterday,
      campaignWeight: 20,
    });
    expect(template.status).toBe(200);
    // dangvien2 submits in time; dangvien1 only writes a draft.
    const submitted = await t.as("dangvien2");
    await submitted.put("/api/commitments/mine", { year: YEAR, study: "Học", actions: "Làm", targets: [] });
    expect((await submitted.post("/api/commitments/mine/submit", { year: YEAR })).status).toBe(200);
    await (await t.as("dangvien1")).put("/api/commitments/mine", { year: YEAR, study: "Nháp", targets: [] });

    // Only officers send reminders, within their own subtree.
    expect((await t.anonymous().post("/api/reminders/run", {})).status).toBe(401);
    expect((await (await t.as("dangvien1")).post("/api/reminders/run", {})).status).toBe(403);
    expect((await (await t.as("bithu.chibo1")).post("/api/reminders/run", {})).status).toBe(403);
    const elsewhere = await (await t.as("canbo.tinh2")).post("/api/reminders/run", {});
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.commitment).toEqual({ late: 0, sent: 0 });
    expect(await remindersOf("dangvien1", "reminder.commitment")).toHaveLength(0);

    const run = await officer.post("/api/reminders/run", {});
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ year: YEAR, today });
    expect(run.body.commitment.sent).toBeGreaterThanOrEqual(3); // dangvien1, both secretaries
    expect(run.body.commitment.late).toBe(run.body.commitment.sent);
    const [reminder] = await remindersOf("dangvien1", "reminder.commitment");
    expect(reminder).toMatchObject({
      title: `Nhắc nộp bản cam kết năm ${YEAR}`,
      link: "/commitment",
      readAt: null,
    });
    expect(reminder?.body).toContain("bản nháp");
    expect(await remindersOf("bithu.chibo1", "reminder.commitment")).toHaveLength(1);
    expect(await remindersOf("dangvien2", "reminder.commitment")).toHaveLength(0);
    // The member sees it in their list.
    const list = await (await t.as("dangvien1")).get("/api/notifications");
    expect(list.body.items[0]).toMatchObject({ kind: "reminder.commitment", link: "/commitment" });

    // Idempotent: the timer's run of the whole tree and a second click send nothing new.
    const again = await sendReminders({ db: t.database.db, today });
    expect(again.commitment).toEqual({ late: run.body.commitment.late, sent: 0 });
    expect((await officer.post("/api/reminders/run", {})).body.commitment.sent).toBe(0);
    expect(await remindersOf("dangvien1", "reminder.commitment")).toHaveLength(1);

    // Every send is audited, with the run that made it.
    const sends = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "reminder"), eq(auditLog.action, "send")));
    expect(sends.length).toBe(run.body.commitment.sent);
    expect(sends.every((s) => s.actorUsername === "canbo.coso")).toBe(true);
    const runs = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "reminder"), eq(auditLog.action, "run")));
    expect(runs.length).toBe(4);
  });

  it("are in the member's language", async () => {
    const { cell2 } = t.demo.tree;
    const secretary = await t.as("bithu.chibo2");
    await secretary.put("/api/auth/preferences", { locale: "en" });
    await sendReminders({
      db: t.database.db,
      today: `${YEAR + 1}-12-16`,
      year: YEAR + 1,
      scopePath: cell2.path,
    });
    const [english] = (await remindersOf("bithu.chibo2", "reminder.ratings")).filter((n) =>
      n.title.includes(String(YEAR + 1)),
    );
    expect(english?.title).toBe(`Reminder: propose the ${YEAR + 1} grades of your cell`);
    await secretary.put("/api/auth/preferences", { locale: "vi" });
  });
});

describe("reminders of late ratings", () => {
  it("go to secretaries whose cell has not proposed by the day an officer sets (else 15 December)", async () => {
    const { grassroots, cell1 } = t.demo.tree;
    const officer = await t.as("canbo.coso");
    // Secretaries and members read the day in force; only officers set it.
    const read = await (await t.as("bithu.chibo1")).get(
      `/api/units/${cell1.id}/reminder-settings?year=${YEAR}`,
    );
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ ratingsDue: `${YEAR}-12-15`, source: "default", allowedActions: [] });
    expect((await (await t.as("dangvien1")).get(`/api/units/${cell1.id}/reminder-settings`)).status).toBe(
      200,
    );
    expect(
      (
        await (
          await t.as("bithu.chibo1")
        ).put(`/api/units/${cell1.id}/reminder-settings`, {
          year: YEAR,
          ratingsDue: yesterday,
        })
      ).status,
    ).toBe(403);
    const set = await officer.put(`/api/units/${grassroots.id}/reminder-settings`, {
      year: YEAR,
      ratingsDue: yesterday,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ ratingsDue: yesterday, source: "own", version: 1 });
    expect(
      (
        await officer.put(`/api/units/${grassroots.id}/reminder-settings`, {
          year: YEAR,
          ratingsDue: yesterday,
        })
      ).status,
    ).toBe(409); // edits carry the version read
    const inherited = await officer.get(`/api/units/${cell1.id}/reminder-settings?year=${YEAR}`);
    expect(inherited.body).toMatchObject({
      ratingsDue: yesterday,
      source: "inherited",
      sourceUnit: { id: grassroots.id },
      allowedActions: ["update", "run"],
    });

    // K1 proposes its whole cell; K2 does not.
    expect((await ratingsOf(await t.as("bithu.chibo1"), cell1.id, YEAR)).status).toBe(200);
    const run = await officer.post("/api/reminders/run", {});
    expect(run.body.ratings).toEqual({ late: 1, sent: 1 });
    const [reminder] = (await remindersOf("bithu.chibo2", "reminder.ratings")).filter((n) =>
      n.title.includes(String(YEAR)),
    );
    expect(reminder?.title).toBe(`Nhắc đề xuất xếp loại đảng viên năm ${YEAR}`);
    expect(reminder?.link).toBe(`/commitments?unit=${t.demo.tree.cell2.id}&tab=ratings&year=${YEAR}`);
    expect(
      (await remindersOf("bithu.chibo1", "reminder.ratings")).filter((n) => n.title.includes(String(YEAR))),
    ).toHaveLength(0);
    expect((await officer.post("/api/reminders/run", {})).body.ratings).toEqual({ late: 1, sent: 0 });

    // Without a setting for the year, the day is 15 December.
    const next = YEAR + 2;
    const before = await sendReminders({
      db: t.database.db,
      today: `${next}-12-15`,
      year: next,
      scopePath: grassroots.path,
    });
    expect(before.ratings.sent).toBe(0);
    const after = await sendReminders({
      db: t.database.db,
      today: `${next}-12-16`,
      year: next,
      scopePath: grassroots.path,
    });
    expect(after.ratings.sent).toBe(2);
  });

  it("stop once the year is closed", async () => {
    const { grassroots } = t.demo.tree;
    const officer = await t.as("canbo.coso");
    const year = YEAR + 3;
    expect((await officer.post(`/api/units/${grassroots.id}/years/${year}/close`, {})).status).toBe(200);
    const run = await sendReminders({
      db: t.database.db,
      today: `${year}-12-20`,
      year,
      scopePath: grassroots.path,
    });
    expect(run.ratings).toEqual({ late: 0, sent: 0 });
  });
});

// PGlite has one connection: these run on PostgreSQL only.
describe.runIf(process.env.TEST_DATABASE_URL)("several instances at once (PostgreSQL)", () => {
  it("send each reminder once", async () => {
    const year = YEAR + 4;
    const runs = await Promise.all(
      [1, 2, 3].map(() =>
        sendReminders({
          db: t.database.db,
          today: `${year}-12-20`,
          year,
          scopePath: t.demo.tree.grassroots.path,
        }),
      ),
    );
    expect(runs.reduce((sum, r) => sum + r.ratings.sent, 0)).toBe(2);
    const sends = await t.database.db.select().from(reminderSends).where(eq(reminderSends.year, year));
    expect(sends).toHaveLength(2);
  });

  it("run the daily run once a day, and again after one cut short", async () => {
    const day = `${YEAR + 5}-01-02`;
    const daily: string[] = [];
    const modules = [
      { name: "probe", daily: async ({ today }: { today: string }) => void daily.push(today) },
    ];
    const deps = { db: t.database.db, config: t.app.deps.config };
    expect(await runDaily({ deps, modules, log: () => {}, today: day })).toBe(true);
    expect(daily).toEqual([day]);
    expect(await runDaily({ deps, modules, log: () => {}, today: day })).toBe(false);
    // A run whose instance died midway (no finish) is taken again by the next occurrence.
    const cut = `${YEAR + 5}-01-03`;
    expect(await claimDailyRun(t.database.db, cut, "a")).toBe(true);
    expect(await runDaily({ deps, modules, log: () => {}, today: cut })).toBe(true);
    expect(daily).toEqual([day, cut]);
  });
});
