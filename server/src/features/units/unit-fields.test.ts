import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.ts";

let t: TestContext;
let officer: Client;
beforeAll(async () => {
  t = await createTestContext();
  officer = await t.as("canbo.xa");
});
afterAll(() => t.close());

const unitOf = async (id: string) => (await officer.get(`/api/units/${id}`)).body.unit;

describe("administrative area of a unit", () => {
  it("is checked against the map (422 on an unknown code) and named on the unit", async () => {
    const { grassroots, commune } = t.demo.tree;
    const unknown = await officer.post("/api/units", {
      parentId: grassroots.id,
      name: "Chi bộ Địa bàn lạ",
      adminAreaCode: "99999",
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toMatch(/không có trong danh mục/);
    expect(unknown.body.error.details[0].path).toBe("body.adminAreaCode");

    const created = await officer.post("/api/units", {
      parentId: grassroots.id,
      name: "Chi bộ Khu phố Bắc Giang",
      adminAreaCode: "07210",
    });
    expect(created.status).toBe(201);
    expect(created.body.unit.adminArea).toEqual({
      code: "07210",
      name: "Bắc Giang",
      fullName: "Phường Bắc Giang",
      provinceName: "Bắc Ninh",
    });

    const current = await unitOf(commune.id);
    expect(current.adminArea?.fullName).toBeTruthy(); // the demo communes carry their real code
    const bad = await officer.patch(`/api/units/${created.body.unit.id}`, {
      adminAreaCode: "00000",
      version: created.body.unit.version,
    });
    expect(bad.status).toBe(422);
    const cleared = await officer.patch(`/api/units/${created.body.unit.id}`, {
      adminAreaCode: null,
      version: created.body.unit.version,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.unit).toMatchObject({ adminAreaCode: null, adminArea: null });
  });
});

describe("terms of a unit", () => {
  it("are saved when they follow one another, refused (422, in Vietnamese) when they overlap or end before they start", async () => {
    const unit = await unitOf(t.demo.tree.cell2.id);
    const save = (terms: unknown, version = unit.version) =>
      officer.patch(`/api/units/${unit.id}`, { terms, version });

    const backwards = await save([{ name: "2025–2030", start: "2025-10-01", end: "2020-10-01" }]);
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.message).toBe(
      "Nhiệm kỳ “2025–2030” kết thúc (01/10/2020) trước khi bắt đầu (01/10/2025).",
    );
    expect(backwards.body.error.details[0].path).toBe("body.terms.0.end");

    const overlapping = await save([
      { name: "2025–2030", start: "2025-10-01", end: null },
      { name: "2020–2025", start: "2020-08-01", end: "2025-12-31" },
    ]);
    expect(overlapping.status).toBe(422);
    expect(overlapping.body.error.message).toBe(
      "Nhiệm kỳ “2025–2030” trùng thời gian với nhiệm kỳ “2020–2025”.",
    );
    const openBefore = await save([
      { name: "2020–2025", start: "2020-08-01", end: null },
      { name: "2025–2030", start: "2025-10-01", end: null },
    ]);
    expect(openBefore.status).toBe(422);
    const sameName = await save([
      { name: "2020–2025", start: "2020-08-01", end: "2025-10-01" },
      { name: "2020–2025", start: "2025-10-01", end: null },
    ]);
    expect(sameName.status).toBe(422);
    expect((await unitOf(unit.id)).version).toBe(unit.version);

    const terms = [
      { name: "2025–2030", start: "2025-10-01", end: null },
      { name: "2020–2025", start: "2020-08-01", end: "2025-10-01" },
    ];
    const saved = await save(terms);
    expect(saved.status).toBe(200);
    expect(saved.body.unit.terms).toEqual(terms);
  });

  it("a code already used answers 422, not a server error", async () => {
    const res = await officer.post("/api/units", {
      parentId: t.demo.tree.grassroots.id,
      name: "Chi bộ trùng mã",
      code: t.demo.tree.cell1.code,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/đã được dùng/);
  });
});
