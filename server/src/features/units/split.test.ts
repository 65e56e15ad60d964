import { and, count, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childCountMismatches } from "../../../test/child-counts.ts";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { activeInSubtree, unitStats } from "../../../test/stats.ts";
import { auditLog } from "../../lib/audit-log.ts";
import { vnToday } from "../../lib/dates.ts";
import { people } from "../people/schema.ts";
import { users } from "../users/schema.ts";
import { units } from "./schema.ts";

let t: TestContext;
let admin: Client;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.as("admin");
});
afterAll(() => t.close());

const today = vnToday();
/** The periods a split must leave alone in the parent: long past, last year, and this year up to today. */
const periods = [
  ["2020-01-01", "2020-12-31"],
  ["2025-01-01", "2025-12-31"],
  [`${today.slice(0, 4)}-01-01`, today],
] as const;

type Metrics = Record<string, number>;
const stats = (unitId: string, from: string, to: string): Promise<Metrics> =>
  unitStats(admin, unitId, from, to);
const peopleFigures = async (unitId: string) => {
  const out: Metrics[] = [];
  for (const [from, to] of periods) {
    const m = await stats(unitId, from, to);
    out.push(Object.fromEntries(Object.entries(m).filter(([k]) => k.startsWith("people."))));
  }
  return out;
};
/** The ground truth, counted live: active people in a subtree now. */
const liveActive = (unitId: string) => activeInSubtree(t.database.db, unitId);
const activeMembers = async (unitId: string) =>
  (
    await t.database.db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.unitId, unitId), eq(people.status, "active")))
  ).map((p) => p.id);
const childrenOf = async (unitId: string) =>
  (await admin.get(`/api/units/${unitId}/children?pageSize=200`)).body.items as {
    id: string;
    name: string;
    parentId: string;
    status: string;
  }[];
const auditRows = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]?.n ?? 0;
/** Audit rows about units (sign-ins are audited too). */
const unitAuditRows = async () =>
  (await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, "unit")))[0]?.n ?? 0;

describe("splitting a cell into two", () => {
  it("previews, then creates both cells beside it, moves every member and closes it; the parent's figures do not change", async () => {
    const { cell1, grassroots } = t.demo.tree;
    const officer = await t.as("canbo.coso");
    const members = await activeMembers(cell1.id);
    expect(members.length).toBeGreaterThan(8);
    const dangvien1 = t.account("dangvien1").personId;
    const secretary = t.account("bithu.chibo1").personId;
    expect(members).toContain(dangvien1);
    const half = Math.floor(members.length / 2);
    const first = members.slice(0, half);
    const second = members.slice(half);
    const body = {
      on: today,
      closeSource: true,
      parts: [
        { name: "Chi bộ Văn phòng 1", code: "SPLIT-VP-1", childIds: [], personIds: first },
        { name: "Chi bộ Văn phòng 2", code: "SPLIT-VP-2", childIds: [], personIds: second },
      ],
    };
    const parentBefore = await peopleFigures(grassroots.id);
    const unitsBefore = await stats(grassroots.id, periods[2][0], today);
    const auditBefore = await auditRows();

    const preview = await officer.post(`/api/units/${cell1.id}/split`, { ...body, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ dryRun: true, units: 0, people: members.length, unit: null, parts: [] });
    expect(await auditRows()).toBe(auditBefore); // a preview writes nothing
    expect(await activeMembers(cell1.id)).toHaveLength(members.length);

    const res = await officer.post(`/api/units/${cell1.id}/split`, body);
    expect(res.status).toBe(200);
    // Audited in the same transaction: the split and the two new units.
    expect(await auditRows()).toBe(auditBefore + 3);
    expect(res.body).toMatchObject({ dryRun: false, units: 0, people: members.length });
    expect(res.body.unit).toMatchObject({ id: cell1.id, status: "dissolved", activeTo: today });
    const [a, b] = res.body.parts as { id: string; name: string; code: string }[];
    expect(a).toMatchObject({ name: "Chi bộ Văn phòng 1", code: "SPLIT-VP-1" });
    expect(b).toMatchObject({ name: "Chi bộ Văn phòng 2", code: "SPLIT-VP-2" });
    if (!a || !b) throw new Error("no parts");

    // Beside the cell, of the same kind, founded on the day.
    for (const part of [a, b]) {
      const detail = (await admin.get(`/api/units/${part.id}`)).body.unit;
      expect(detail).toMatchObject({ parentId: grassroots.id, status: "active", activeFrom: today });
      expect(detail.kind.code).toBe("cell");
    }
    // The parent's people figures, for past periods and today, are what they were.
    expect(await peopleFigures(grassroots.id)).toEqual(parentBefore);
    // Each part counts its people today; the closed cell none.
    expect((await stats(a.id, periods[2][0], today))["people.active"]).toBe(first.length);
    expect((await stats(a.id, periods[2][0], today))["people.active"]).toBe(await liveActive(a.id));
    expect((await stats(b.id, periods[2][0], today))["people.active"]).toBe(await liveActive(b.id));
    expect((await stats(cell1.id, periods[2][0], today))["people.active"] ?? 0).toBe(0);
    // Units: two opened, one closed.
    const unitsAfter = await stats(grassroots.id, periods[2][0], today);
    expect(unitsAfter["units.total"]).toBe((unitsBefore["units.total"] ?? 0) + 1);

    // Each member keeps their history; linked accounts follow their person.
    const history = await officer.get(`/api/people/${dangvien1}`);
    expect([a.id, b.id]).toContain(history.body.person.unitId);
    const [account] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.personId, dangvien1 ?? ""));
    expect(account?.unitId).toBe(history.body.person.unitId);
    const [secretaryAccount] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.personId, secretary ?? ""));
    expect([a.id, b.id]).toContain(secretaryAccount?.unitId);

    // The cell's history names the parts; each part's history names the cell.
    const events = (await admin.get(`/api/units/${cell1.id}/history`)).body.items;
    const split = events.find((e: { kind: string }) => e.kind === "split");
    expect(split).toMatchObject({ on: today, details: { closed: true } });
    expect(split.details.parts.map((p: { id: string }) => p.id).sort()).toEqual([a.id, b.id].sort());
    const partEvents = (await admin.get(`/api/units/${a.id}/history`)).body.items;
    expect(partEvents).toContainEqual(
      expect.objectContaining({
        kind: "created",
        details: expect.objectContaining({ splitFromId: cell1.id }),
      }),
    );
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "unit"), eq(auditLog.action, "split"), eq(auditLog.entityId, cell1.id)));
    expect(audited).toHaveLength(1);

    // A closed cell cannot be split again.
    const again = await officer.post(`/api/units/${cell1.id}/split`, body);
    expect(again.status).toBe(403);
  });
});

describe("splitting an organisation, keeping it", () => {
  it("moves the listed cells with their figures for every period; the commune's figures do not change", async () => {
    const { commune } = t.demo.tree;
    const officer = await t.as("canbo.xa");
    const organisation = (await childrenOf(commune.id)).find((u) => u.id !== t.demo.tree.grassroots.id);
    if (!organisation) throw new Error("no second organisation");
    const cells = await childrenOf(organisation.id);
    expect(cells.length).toBe(2);
    const [moving, staying] = cells;
    if (!moving || !staying) throw new Error("no cells");
    const communeBefore = await peopleFigures(commune.id);
    const cellBefore = await peopleFigures(moving.id);
    const body = {
      on: today,
      closeSource: false,
      parts: [{ name: "Đảng bộ bộ phận mới", childIds: [moving.id], personIds: [] }],
    };
    const preview = await officer.post(`/api/units/${organisation.id}/split`, { ...body, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, units: 1, people: await liveActive(moving.id) });

    const res = await officer.post(`/api/units/${organisation.id}/split`, body);
    expect(res.status).toBe(200);
    const part = res.body.parts[0];
    expect(res.body.unit).toMatchObject({ status: "active", activeTo: null });
    expect((await childrenOf(part.id)).map((u) => u.id)).toEqual([moving.id]);
    expect((await childrenOf(organisation.id)).map((u) => u.id)).toEqual([staying.id]);

    expect(await peopleFigures(commune.id)).toEqual(communeBefore);
    // The moved cell brings its figures, past ones too (the period rule).
    expect(await peopleFigures(part.id)).toEqual(cellBefore);
    expect((await stats(part.id, periods[2][0], today))["people.active"]).toBe(await liveActive(part.id));
    const events = (await admin.get(`/api/units/${organisation.id}/history`)).body.items;
    expect(events.find((e: { kind: string }) => e.kind === "split")?.details).toMatchObject({
      closed: false,
      parts: [{ id: part.id, name: "Đảng bộ bộ phận mới" }],
    });
    const moved = (await admin.get(`/api/units/${moving.id}/history`)).body.items;
    expect(moved[0]).toMatchObject({
      kind: "moved",
      details: { fromParentId: organisation.id, toParentId: part.id },
    });
  });
});

describe("refusals", () => {
  const simple = (personIds: string[] = [], childIds: string[] = []) => ({
    on: today,
    closeSource: false,
    parts: [{ name: "Chi bộ mới", childIds, personIds }],
  });

  it("401 without a session, 403 for a secretary or a member, 404 out of the caller's province", async () => {
    const { cell2 } = t.demo.tree;
    const before = await unitAuditRows();
    expect((await t.anonymous().post(`/api/units/${cell2.id}/split`, simple())).status).toBe(401);
    for (const username of ["bithu.chibo2", "dangvien2"]) {
      // Each on their own cell (the member's moved with them in the split above).
      const [account] = await t.database.db.select().from(users).where(eq(users.username, username));
      const res = await (await t.as(username)).post(`/api/units/${account?.unitId}/split`, simple());
      expect(res.status, username).toBe(403);
    }
    const otherProvince = await (await t.as("canbo.tinh2")).post(`/api/units/${cell2.id}/split`, simple());
    expect(otherProvince.status).toBe(404);
    expect(otherProvince.body.error.code).toBe("NOT_FOUND");
    // An officer cannot split their own unit (its parts would lie outside their scope).
    const own = await (await t.as("canbo.coso")).post(
      `/api/units/${t.demo.tree.grassroots.id}/split`,
      simple(),
    );
    expect(own.status).toBe(403);
    expect(await unitAuditRows()).toBe(before);
  });

  it("400 for a split without parts", async () => {
    const res = await admin.post(`/api/units/${t.demo.tree.cell2.id}/split`, { on: today, parts: [] });
    expect(res.status).toBe(400);
  });

  it("422 for a sub-unit that is not the source's, a person listed twice, a stranger, or closing with members left", async () => {
    const officer = await t.as("canbo.xa");
    const { cell2, grassroots } = t.demo.tree;
    const members = await activeMembers(cell2.id);
    const before = await unitAuditRows();
    const unitsBefore = (await t.database.db.select({ n: count() }).from(units))[0]?.n;

    const notAChild = await officer.post(
      `/api/units/${grassroots.id}/split`,
      simple([], [cell2.id, t.demo.tree.grassroots.id]),
    );
    expect(notAChild.status).toBe(422);
    expect(notAChild.body.error.message).toMatch(/không phải là đơn vị trực thuộc/);
    expect(notAChild.body.error.details[0].path).toBe("body.parts.0.childIds.1");

    const cells = await childrenOf(grassroots.id);
    const foreignCell = (await childrenOf(t.demo.tree.commune.id)).find((u) => u.id !== grassroots.id);
    const childOfOther = (await childrenOf(foreignCell?.id ?? ""))[0];
    const foreignChild = await officer.post(
      `/api/units/${grassroots.id}/split`,
      simple([], [cells[0]?.id ?? "", childOfOther?.id ?? ""]),
    );
    expect(foreignChild.status).toBe(422);

    const twice = await officer.post(`/api/units/${cell2.id}/split`, {
      on: today,
      closeSource: false,
      parts: [
        { name: "Chi bộ A", childIds: [], personIds: [members[0], members[1]] },
        { name: "Chi bộ B", childIds: [], personIds: [members[2], members[0]] },
      ],
    });
    expect(twice.status).toBe(422);
    expect(twice.body.error.message).toMatch(/Mỗi đảng viên chỉ được phân về một đơn vị mới/);
    expect(twice.body.error.details[0].path).toBe("body.parts.1.personIds.1");

    const [strangerRow] = await t.database.db
      .select({ id: people.id })
      .from(people)
      .where(and(ne(people.unitId, cell2.id), eq(people.status, "active")))
      .limit(1);
    const stranger = await officer.post(`/api/units/${cell2.id}/split`, simple([strangerRow?.id ?? ""]));
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.message).toMatch(/không đang sinh hoạt tại/);

    const left = await officer.post(`/api/units/${cell2.id}/split`, {
      ...simple(members.slice(1)),
      closeSource: true,
      dryRun: true,
    });
    expect(left.status).toBe(422);
    expect(left.body.error.message).toBe(
      `Còn 0 đơn vị trực thuộc và 1 đảng viên của “${cell2.name}” chưa được phân về đơn vị mới: hãy phân hết trước khi đóng đơn vị cũ, hoặc giữ đơn vị cũ hoạt động.`,
    );

    const taken = await officer.post(`/api/units/${cell2.id}/split`, {
      on: today,
      closeSource: false,
      parts: [{ name: "Chi bộ trùng mã", code: cell2.code, childIds: [], personIds: [] }],
    });
    expect(taken.status).toBe(422);
    expect(taken.body.error.message).toMatch(/đã được dùng/);

    // Nothing was written by any of them.
    expect(await unitAuditRows()).toBe(before);
    expect((await t.database.db.select({ n: count() }).from(units))[0]?.n).toBe(unitsBefore);
    expect(await activeMembers(cell2.id)).toEqual(members);
  });
});

describe("the kept child counts", () => {
  it("equal a count of the children after everything above", async () => {
    expect(await childCountMismatches(t.database.db)).toEqual([]);
  });
});
