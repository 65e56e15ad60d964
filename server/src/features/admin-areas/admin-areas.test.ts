import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";

let t: TestContext;
let member: Client;
beforeAll(async () => {
  t = await createTestContext();
  member = await t.as("dangvien1");
});
afterAll(() => t.close());

type Area = { code: string; name: string; fullName: string; level: string; provinceCode: string | null };

describe("GET /api/admin-areas", () => {
  it("needs a session (401) and checks its query (400)", async () => {
    expect((await t.anonymous().get("/api/admin-areas")).status).toBe(401);
    expect((await member.get("/api/admin-areas?pageSize=500")).status).toBe(400);
    expect((await member.get("/api/admin-areas?provinceCode=abc")).status).toBe(400);
  });

  it("holds the whole map, for every role: 34 provinces first, then 3,321 communes, a page at a time", async () => {
    const first = await member.get("/api/admin-areas?pageSize=40");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 34 + 3321, page: 1, pageSize: 40 });
    const items = first.body.items as Area[];
    expect(items.slice(0, 34).every((a) => a.level === "province" && a.provinceCode === null)).toBe(true);
    expect(items[0]).toMatchObject({ code: "01", name: "Hà Nội", fullName: "Thành phố Hà Nội" });
    expect(items[34]).toMatchObject({ level: "commune", provinceCode: "01", provinceName: "Hà Nội" });
    const second = await member.get("/api/admin-areas?pageSize=40&page=2");
    expect((second.body.items as Area[])[0]?.code).not.toBe(items[0]?.code);
    const provinces = await member.get("/api/admin-areas?level=province&pageSize=100");
    expect(provinces.body.total).toBe(34);
    const communes = await member.get("/api/admin-areas?level=commune&pageSize=1");
    expect(communes.body.total).toBe(3321);
  });

  it("searches without diacritics, every word in any order, and within one province", async () => {
    const baDinh = await member.get("/api/admin-areas?q=ba%20dinh");
    expect((baDinh.body.items as Area[]).map((a) => a.fullName)).toContain("Phường Ba Đình");
    const inHanoi = await member.get(`/api/admin-areas?q=${encodeURIComponent("hà nội ba đình")}`);
    expect(inHanoi.body.items).toEqual([
      expect.objectContaining({ code: "00004", fullName: "Phường Ba Đình" }),
    ]);
    const bacNinh = await member.get("/api/admin-areas?provinceCode=24&pageSize=200");
    expect(bacNinh.body.total).toBe(99);
    expect((bacNinh.body.items as Area[]).every((a) => a.provinceCode === "24")).toBe(true);
    const byCode = await member.get("/api/admin-areas?q=07210");
    expect(byCode.body.items).toEqual([expect.objectContaining({ fullName: "Phường Bắc Giang" })]);
    const nothing = await member.get("/api/admin-areas?q=khong%20co%20noi%20nay");
    expect(nothing.body).toMatchObject({ items: [], total: 0 });
  });
});
