import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const pdf = (n: number) =>
  Buffer.from(`%PDF-1.4\n% phiên bản ${n}\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n`);
type Item = {
  id: string;
  kind: string;
  number: string;
  title: string;
  unit: { id: string };
  readAt: string | null;
};
const list = async (client: Client, query: string) => {
  const res = await client.get(`/api/library?pageSize=200&${query}`);
  expect(res.status).toBe(200);
  return res.body.items as Item[];
};
const numbers = (items: Item[]) => items.map((i) => i.number);

describe("library", () => {
  it("a member reads the central and provincial documents; search without diacritics; filters", async () => {
    const member = await t.as("dangvien1");
    const all = await list(member, "");
    expect(numbers(all)).toEqual(
      expect.arrayContaining(["05-CT/TW", "01-KL/TW", "12-HD/BTGDVTU", "TBNB số 10"]),
    );
    // The demo bulletin was read by this member already.
    expect(all.find((i) => i.kind === "bulletin")?.readAt).toEqual(expect.any(String));

    expect(numbers(await list(member, "q=chi thi 05"))).toContain("05-CT/TW");
    expect(numbers(await list(member, "q=05-CT/TW"))[0]).toBe("05-CT/TW");
    expect(numbers(await list(member, `q=${encodeURIComponent("KẾT LUẬN")}`))).toContain("01-KL/TW");
    expect(numbers(await list(member, "q=hoc tap va lam theo"))).toEqual(
      expect.arrayContaining(["05-CT/TW", "01-KL/TW"]),
    );
    expect(numbers(await list(member, "q=thong bao noi bo"))).toEqual(["TBNB số 10"]);
    expect(await list(member, "q=khong co van ban nao nhu the")).toEqual([]);
    expect(numbers(await list(member, "kind=conclusion"))).toEqual(["01-KL/TW"]);
    expect(numbers(await list(member, "year=2016"))).toEqual(["05-CT/TW"]);
    expect(numbers(await list(member, `unitId=${t.demo.tree.p1.id}`))).toEqual([
      "TBNB số 10",
      "12-HD/BTGDVTU",
    ]);
    const issuers = (await member.get("/api/library/issuers")).body.items;
    expect(issuers.map((u: { id: string }) => u.id)).toEqual([t.demo.tree.root.id, t.demo.tree.p1.id]);
    expect(issuers[0].count).toBe(2);
    const page = await member.get("/api/library?pageSize=1&page=2");
    expect(page.body).toMatchObject({ page: 2, pageSize: 1, total: all.length });
    expect(page.body.items).toHaveLength(1);

    // The sibling province reads what the centre issued, not Bắc Ninh's documents.
    const p2 = await t.as("canbo.tinh2");
    const theirs = await list(p2, "");
    expect(numbers(theirs)).toEqual(expect.arrayContaining(["05-CT/TW", "01-KL/TW"]));
    expect(numbers(theirs)).not.toContain("TBNB số 10");
    const bulletin = all.find((i) => i.kind === "bulletin") as Item;
    expect((await p2.get(`/api/library/${bulletin.id}`)).status).toBe(404);
    expect((await p2.post(`/api/library/${bulletin.id}/read`)).status).toBe(404);
  });

  it("issuing: refusals, edits with 409, each file a new version, the old ones kept", async () => {
    const officer = await t.as("canbo.tinh1");
    const member = await t.as("dangvien1");
    const p2 = await t.as("canbo.tinh2");
    const body = {
      kind: "guidance",
      number: "15-HD/BTGDVTU",
      title: "Hướng dẫn xây dựng chuẩn mực đạo đức",
      summary: "Mỗi cơ quan, đơn vị xây dựng chuẩn mực ngắn gọn, dễ nhớ, dễ kiểm tra.",
      issuedOn: "2026-03-02",
    };
    expect((await t.anonymous().post("/api/library", body)).status).toBe(401);
    expect((await officer.post("/api/library", { ...body, kind: "decree" })).status).toBe(400);
    expect((await officer.post("/api/library", { ...body, issuedOn: "02/03/2026" })).status).toBe(400);
    expect((await member.post("/api/library", body)).status).toBe(403);
    expect((await (await t.as("bithu.chibo1")).post("/api/library", body)).status).toBe(403);
    expect((await officer.post("/api/library", { ...body, unitId: t.demo.tree.p2.id })).status).toBe(422);

    const created = await officer.post("/api/library", body);
    expect(created.status).toBe(201);
    const doc = created.body.document;
    expect(doc).toMatchObject({
      kind: "guidance",
      number: "15-HD/BTGDVTU",
      unit: { id: t.demo.tree.p1.id },
      mine: true,
      versionCount: 0,
      latest: null,
      versions: [],
      allowedActions: ["update", "report"],
    });
    expect((await member.get(`/api/library/${doc.id}`)).body.document).toMatchObject({
      mine: false,
      allowedActions: [],
    });
    expect((await p2.get(`/api/library/${doc.id}`)).status).toBe(404);

    expect((await member.patch(`/api/library/${doc.id}`, { version: 1, title: "Sửa" })).status).toBe(403);
    expect((await p2.patch(`/api/library/${doc.id}`, { version: 1, title: "Sửa" })).status).toBe(404);
    const edited = await officer.patch(`/api/library/${doc.id}`, { version: 1, number: "16-HD/BTGDVTU" });
    expect(edited.status).toBe(200);
    expect(edited.body.document).toMatchObject({ number: "16-HD/BTGDVTU", version: 2 });
    expect((await officer.patch(`/api/library/${doc.id}`, { version: 1, title: "Sửa cũ" })).status).toBe(409);
    // The search follows the edit.
    expect(numbers(await list(member, "q=16-HD"))).toContain("16-HD/BTGDVTU");

    expect((await member.upload(`/api/library/${doc.id}/versions`, "a.pdf", pdf(1))).status).toBe(403);
    expect(
      (await officer.upload(`/api/library/${doc.id}/versions`, "a.exe", Buffer.from("MZ..."))).status,
    ).toBe(422);
    const first = await officer.upload(`/api/library/${doc.id}/versions`, "Hướng dẫn 16.pdf", pdf(1));
    expect(first.status).toBe(201);
    expect(first.body.version).toMatchObject({ number: 1, fileName: "Hướng dẫn 16.pdf" });
    const second = await officer.upload(
      `/api/library/${doc.id}/versions?note=${encodeURIComponent("Sửa lỗi chính tả")}`,
      "Hướng dẫn 16 (sửa).pdf",
      pdf(2),
    );
    expect(second.body.version).toMatchObject({ number: 2, note: "Sửa lỗi chính tả" });

    const detail = (await member.get(`/api/library/${doc.id}`)).body.document;
    expect(detail.versionCount).toBe(2);
    expect(detail.latest.number).toBe(2);
    expect(detail.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const old = await member.download(detail.versions[1].url);
    expect(old.status).toBe(200);
    expect(old.data.toString()).toContain("phiên bản 1");
    expect((await member.download(detail.latest.url)).data.toString()).toContain("phiên bản 2");
    expect((await p2.download(detail.latest.url)).status).toBe(404);
    // A version of another document is not reachable through this one.
    const other = (await list(member, "kind=directive"))[0] as Item;
    expect((await member.download(`/api/library/${other.id}/versions/${detail.versions[0].id}`)).status).toBe(
      404,
    );
  });

  it("bulletins: who read them, counted per unit below the issuer", async () => {
    const { p1, commune, grassroots, cell1, cell2 } = t.demo.tree;
    const officer = await t.as("canbo.tinh1");
    const created = await officer.post("/api/library", {
      kind: "bulletin",
      number: "TBNB số 11",
      title: "Thông báo nội bộ tháng 11 năm 2026",
      summary: "Dùng trong sinh hoạt chi bộ tháng 11.",
      issuedOn: "2026-11-05",
    });
    const id = created.body.document.id as string;
    const m1 = await t.as("dangvien1");
    const m2 = await t.as("dangvien2");
    const s2 = await t.as("bithu.chibo2");
    expect((await list(m2, "unread=true")).map((i) => i.id)).toContain(id);

    const read = await m1.post(`/api/library/${id}/read`);
    expect(read.status).toBe(200);
    const again = await m1.post(`/api/library/${id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await m2.post(`/api/library/${id}/read`)).status).toBe(200);
    expect((await s2.post(`/api/library/${id}/read`)).status).toBe(200);
    expect((await list(m2, "unread=true")).map((i) => i.id)).not.toContain(id);
    expect((await m1.get(`/api/library/${id}`)).body.document.readAt).toBe(read.body.readAt);
    // Only bulletins keep read receipts.
    const directive = (await list(m1, "kind=directive"))[0] as Item;
    expect((await m1.post(`/api/library/${directive.id}/read`)).status).toBe(422);

    // The issuer sees the counts per child unit, and drills down.
    const report = await officer.get(`/api/library/${id}/reads`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ unit: { id: p1.id }, readers: 3, memberReaders: 3 });
    const row = report.body.children.find((c: { unit: { id: string } }) => c.unit.id === commune.id);
    expect(row).toMatchObject({ readers: 3, memberReaders: 3 });
    expect(row.members).toBeGreaterThan(3);
    expect(row.share).toBe(3 / row.members);
    const deeper = await officer.get(`/api/library/${id}/reads?unitId=${grassroots.id}`);
    const by = (unitId: string) =>
      deeper.body.children.find((c: { unit: { id: string } }) => c.unit.id === unitId);
    expect(by(cell1.id)).toMatchObject({ readers: 2, memberReaders: 2 });
    expect(by(cell2.id)).toMatchObject({ readers: 1, memberReaders: 1 });
    // Members and units below the issuer do not see the report; outside the issuer's subtree is 404.
    expect((await m1.get(`/api/library/${id}/reads`)).status).toBe(403);
    expect((await (await t.as("canbo.xa")).get(`/api/library/${id}/reads`)).status).toBe(403);
    expect((await officer.get(`/api/library/${id}/reads?unitId=${t.demo.tree.p2.id}`)).status).toBe(404);
    expect((await (await t.as("canbo.tinh2")).get(`/api/library/${id}/reads`)).status).toBe(404);
    // The centre, above the issuer, sees it too.
    expect((await (await t.as("admin")).get(`/api/library/${id}/reads`)).body.readers).toBe(3);
  });
});
