import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";
import { pdfTools } from "../../../test/tools.ts";
import { partyBodyOf } from "../documents/index.ts";
import type { UnitRow } from "../units/schema.ts";

let t: TestContext;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tg-poster-"));
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

type Standard = {
  id: string;
  unit: { id: string };
  title: string;
  items: string[];
  currentNumber: number;
  confirmedAt: string | null;
  allowedActions: string[];
  version: number;
};
const chain = async (client: Client) => {
  const res = await client.get("/api/standards?chain=true");
  expect(res.status).toBe(200);
  return res.body.items as Standard[];
};
const k1Standards = async (client: Client) => {
  const found = (await chain(client)).find((s) => s.unit.id === t.demo.tree.cell1.id);
  if (!found) throw new Error("no K1 standards");
  return found;
};

/** The text of a PDF, every run of spaces as one. */
const pdfText = (data: Buffer) => {
  const file = path.join(tmp, `p${Math.random().toString(16).slice(2)}.pdf`);
  fs.writeFileSync(file, data);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
};
const pageCount = (data: Buffer) => (data.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;

describe("ethics standards", () => {
  it("a member of K1 reads the version in force and confirms it; a stale confirmation gets 409", async () => {
    const m1 = await t.as("dangvien1");
    const m2 = await t.as("dangvien2");
    const mine = await k1Standards(m1);
    expect(mine).toMatchObject({ currentNumber: 2, allowedActions: [] });
    expect(mine.items).toHaveLength(6);
    expect(mine.confirmedAt).toEqual(expect.any(String)); // the demo's confirmation

    const theirs = await k1Standards(m2);
    expect(theirs.confirmedAt).toBeNull();
    const detail = await m2.get(`/api/standards/${theirs.id}`);
    expect(detail.body.standard.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(detail.body.standard.versions[1].items).toHaveLength(5);
    expect(detail.body.standard.versions[0].note).toContain("Bổ sung");

    expect(
      (await m2.post(`/api/standards/${theirs.id}/confirm`, { version: theirs.version - 1 })).status,
    ).toBe(409);
    expect((await m2.post(`/api/standards/${theirs.id}/confirm`, {})).status).toBe(400);
    const confirmed = await m2.post(`/api/standards/${theirs.id}/confirm`, { version: theirs.version });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.number).toBe(2);
    const again = await m2.post(`/api/standards/${theirs.id}/confirm`, { version: theirs.version });
    expect(again.body.confirmedAt).toBe(confirmed.body.confirmedAt);
    expect((await k1Standards(m2)).confirmedAt).toBe(confirmed.body.confirmedAt);

    // The sibling province neither reads nor confirms them.
    const p2 = await t.as("canbo.tinh2");
    expect((await p2.get(`/api/standards/${theirs.id}`)).status).toBe(404);
    expect((await p2.post(`/api/standards/${theirs.id}/confirm`, { version: theirs.version })).status).toBe(
      404,
    );
    expect(
      ((await p2.get("/api/standards?pageSize=200")).body.items as Standard[]).map((s) => s.id),
    ).not.toContain(theirs.id);
  });

  it("the unit sees who confirmed, and who has not yet", async () => {
    const secretary = await t.as("bithu.chibo1");
    const list = await k1Standards(secretary);
    expect(list.allowedActions).toEqual(["update", "confirmations"]);
    const res = await secretary.get(`/api/standards/${list.id}/confirmations`);
    expect(res.status).toBe(200);
    const names = res.body.items.map((c: { userName: string }) => c.userName);
    expect(names).toEqual(expect.arrayContaining(["Đặng Văn Bình", "Ngô Văn An"]));
    expect(res.body.confirmedMembers).toBe(res.body.total);
    expect(res.body.members).toBeGreaterThan(res.body.confirmedMembers);
    const pending = res.body.notConfirmed.map((p: { fullName: string }) => p.fullName);
    expect(pending).not.toContain("Ngô Văn An");
    expect(pending).toHaveLength(res.body.members - res.body.confirmedMembers);
    expect((await (await t.as("dangvien1")).get(`/api/standards/${list.id}/confirmations`)).status).toBe(403);
    expect((await (await t.as("lanhdao.tinh1")).get(`/api/standards/${list.id}/confirmations`)).status).toBe(
      200,
    );
    expect((await (await t.as("canbo.tinh2")).get(`/api/standards/${list.id}/confirmations`)).status).toBe(
      404,
    );
  });

  it("set up once per unit, revised as a new version that needs confirming again; refusals", async () => {
    const { cell2, p1 } = t.demo.tree;
    const content = {
      title: "Chuẩn mực đạo đức của Chi bộ Tư pháp - Hộ tịch",
      items: ["Đúng hẹn với dân.", "Không gây phiền hà, sách nhiễu.", "Giữ gìn đoàn kết nội bộ."],
    };
    const k2 = await t.as("bithu.chibo2");
    const k1 = await t.as("bithu.chibo1");
    const member = await t.as("dangvien1");
    expect((await t.anonymous().post("/api/standards", content)).status).toBe(401);
    expect((await k2.post("/api/standards", { ...content, items: [] })).status).toBe(400);
    expect((await member.post("/api/standards", content)).status).toBe(403);
    expect((await k1.post("/api/standards", content)).status).toBe(422); // K1 already has its list
    expect((await k1.post("/api/standards", { ...content, unitId: cell2.id })).status).toBe(422); // not K1's subtree
    const created = await k2.post("/api/standards", content);
    expect(created.status).toBe(201);
    expect(created.body.standard).toMatchObject({ currentNumber: 1, items: content.items, mine: true });
    // K2's list is not published to K1.
    expect((await k1.get(`/api/standards/${created.body.standard.id}`)).status).toBe(404);

    const list = await k1Standards(k1);
    expect(
      (await member.put(`/api/standards/${list.id}`, { ...content, version: list.version })).status,
    ).toBe(403);
    expect((await k2.put(`/api/standards/${list.id}`, { ...content, version: list.version })).status).toBe(
      404,
    );
    const revised = await k1.put(`/api/standards/${list.id}`, {
      version: list.version,
      title: list.title,
      items: [...list.items, "Tích cực tham gia các phong trào thi đua ở khu dân cư."],
      note: "Thêm chuẩn mực thứ bảy.",
    });
    expect(revised.status).toBe(200);
    expect(revised.body.standard).toMatchObject({ currentNumber: 3, confirmedAt: null });
    expect(revised.body.standard.versions.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    expect((await k1.put(`/api/standards/${list.id}`, { ...content, version: list.version })).status).toBe(
      409,
    );
    // Confirming what one read before the revision: 409; the new version needs a new confirmation.
    expect((await member.post(`/api/standards/${list.id}/confirm`, { version: list.version })).status).toBe(
      409,
    );
    expect((await k1Standards(member)).confirmedAt).toBeNull();
    const confirmations = await k1.get(`/api/standards/${list.id}/confirmations`);
    expect(confirmations.body).toMatchObject({ number: 3, total: 0, confirmedMembers: 0 });

    // The province's own standards are published down to K1's members, the nearest list first.
    const province = await (await t.as("canbo.tinh1")).post("/api/standards", {
      ...content,
      title: "Chuẩn mực đạo đức của cán bộ, đảng viên Đảng bộ tỉnh",
    });
    expect(province.status).toBe(201);
    expect(province.body.standard.unit.id).toBe(p1.id);
    expect((await chain(member)).map((s) => s.unit.id)).toEqual([t.demo.tree.cell1.id, p1.id]);
    expect(
      (await (await t.as("canbo.tinh2")).get(`/api/standards/${province.body.standard.id}`)).status,
    ).toBe(404);
  });

  it("prints the poster, A4 and A3, one page, the Vietnamese text intact", async () => {
    const member = await t.as("dangvien1");
    const list = await k1Standards(member);
    const a4 = await member.download(`/api/standards/${list.id}/poster`);
    expect(a4.status).toBe(200);
    expect(a4.headers["content-type"]).toBe("application/pdf");
    expect(String(a4.headers["content-disposition"])).toContain("A4");
    expect(a4.data.subarray(0, 5).toString()).toBe("%PDF-");
    expect(a4.data.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const a3 = await member.download(`/api/standards/${list.id}/poster?size=A3`);
    expect(a3.status).toBe(200);
    expect(a3.data.toString("latin1")).toMatch(/\/MediaBox \[0 0 841\.89 1190\.55\]/);
    expect(pageCount(a4.data)).toBe(1);
    expect(pageCount(a3.data)).toBe(1);
    expect((await member.download(`/api/standards/${list.id}/poster?size=A5`)).status).toBe(400);
    expect((await (await t.as("canbo.tinh2")).download(`/api/standards/${list.id}/poster`)).status).toBe(404);
    if (!pdfTools) return;
    const parentOfCell = t.demo.tree.all.find((u) => u.id === t.demo.tree.cell1.parentId) as UnitRow;
    for (const data of [a4.data, a3.data]) {
      const text = pdfText(data);
      expect(text).toContain(list.title.toLocaleUpperCase("vi"));
      expect(text).toContain(t.demo.tree.cell1.name.toLocaleUpperCase("vi"));
      // The upper line by the rule of the unit's plans and reports: the parent committee's Đảng bộ.
      expect(text).toContain(partyBodyOf(parentOfCell.name).toLocaleUpperCase("vi"));
      list.items.forEach((item, i) => {
        expect(text).toContain(`${i + 1}.`);
        expect(text).toContain(item);
      });
      expect(text).toContain("Ban hành lần");
    }
  });

  it("fits 20 long standards on one page (two columns of smaller type), A4 and A3", async () => {
    const p2 = await t.as("canbo.tinh2");
    const long = (i: number) =>
      `Chuẩn mực ${i + 1}: gương mẫu học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; nói đi đôi với làm, trung thực, khiêm tốn, giữ gìn đoàn kết nội bộ, gần dân, trọng dân, vì dân, tận tụy với công việc, không ngừng tu dưỡng, rèn luyện, nêu gương trong gia đình và nơi cư trú.`.slice(
        0,
        300,
      );
    const items = Array.from({ length: 20 }, (_, i) => long(i));
    const created = await p2.post("/api/standards", {
      title: "Chuẩn mực đạo đức cách mạng của cán bộ, đảng viên",
      items,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (const size of ["A4", "A3"]) {
      const poster = await p2.download(`/api/standards/${created.body.standard.id}/poster?size=${size}`);
      expect(poster.status).toBe(200);
      expect(pageCount(poster.data), size).toBe(1);
      if (pdfTools) {
        const text = pdfText(poster.data);
        expect(text).toContain("20.");
        expect(text).toContain("nêu gương trong gia đình");
      }
    }
  });
});
