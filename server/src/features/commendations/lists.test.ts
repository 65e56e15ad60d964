import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.ts";
import { allPages, generator, idsOf, listCallers, listUnits } from "../../../test/list-pages.ts";
import type { UnitRow } from "../units/schema.ts";
import {
  commendationDecisions,
  commendationForms,
  commendationProposals,
  decisionRecipients,
} from "./schema.ts";

// The lists read their pages from id sets (a union per unit column, the whole table in index order
// at the root): here they are compared, page by page, with the plain query they replace — the OR of
// subtree conditions over joined units — for callers at the root, a province, a commune and below.

let t: TestContext;
let units: Record<string, UnitRow>;
beforeAll(async () => {
  t = await createTestContext();
  units = listUnits(t);
  await seed();
});
afterAll(() => t.close());

/** Proposals and decisions all over the tree — some waiting at, approved by or naming units that are not the proposer's ancestors — with ties in every sort key. */
async function seed() {
  const db = t.database.db;
  const rnd = generator(13);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)] as T;
  const list = Object.values(units);
  const [form] = await db.select({ id: commendationForms.id }).from(commendationForms).limit(1);
  if (!form) throw new Error("no form");
  const times = [0, 1, 2, 3].map((h) => new Date(Date.UTC(2026, 0, 5, h)));
  const proposals = Array.from({ length: 60 }, (_, i) => {
    const status = pick(["draft", "submitted", "returned", "approved"] as const);
    return {
      unitId: pick(list).id,
      formId: form.id,
      periodStart: 2025,
      periodEnd: 2025,
      title: `Đề nghị ${i}`,
      status,
      reviewUnitId: status === "submitted" ? pick(list).id : null,
      approvedUnitId: status === "approved" ? pick(list).id : null,
      updatedAt: pick(times),
    };
  });
  await db.insert(commendationProposals).values(proposals);
  const days = ["2025-03-01", "2025-06-01", "2025-06-02"];
  const decisions = Array.from({ length: 45 }, (_, i) => {
    const status = pick(["draft", "issued", "issued", "corrected"] as const);
    return {
      unitId: pick(list).id,
      formId: form.id,
      periodStart: 2025,
      periodEnd: 2025,
      status,
      summary: `Quyết định ${i}`,
      number: status === "draft" ? null : 100 + i,
      numberTerm: status === "draft" ? null : "2025-2030",
      issuedOn: status === "draft" ? null : pick(days),
    };
  });
  const inserted = await db.insert(commendationDecisions).values(decisions).returning();
  await db.insert(decisionRecipients).values(
    inserted.flatMap((d) =>
      Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, i) => {
        const unit = pick(list);
        return {
          decisionId: d.id,
          position: i + 1,
          kind: "collective" as const,
          subjectUnitId: unit.id,
          name: unit.name,
          unitId: unit.id,
        };
      }),
    ),
  );
}

const ids = (query: SQL) => idsOf(t, query);

/** The plain queries the lists replace (their visibility rules, their order). */
const reference = {
  proposals: (path: string, extra: SQL = sql`true`) =>
    ids(sql`select p.id from commendation_proposals p join units pr on pr.id = p.unit_id
      left join units w on w.id = p.review_unit_id left join units a on a.id = p.approved_unit_id
      where (pr.path like ${`${path}%`} or w.path like ${`${path}%`} or a.path like ${`${path}%`}) and ${extra}
      order by p.updated_at desc, p.id desc`),
  decisions: (path: string, extra: SQL = sql`true`) =>
    ids(sql`select d.id from commendation_decisions d join units i on i.id = d.unit_id
      where (i.path like ${`${path}%`} or (d.status <> 'draft' and (${path} like i.path || '%'
        or exists (select 1 from commendation_decision_recipients r join units ru on ru.id = r.unit_id
          where r.decision_id = d.id and ru.path like ${`${path}%`})))) and ${extra}
      order by d.status = 'draft' desc, d.issued_on desc, d.number desc, d.id desc`),
  history: (path: string) =>
    ids(sql`select r.id from commendation_decision_recipients r
      join commendation_decisions d on d.id = r.decision_id join units c on c.id = r.unit_id
      where c.path like ${`${path}%`} and d.status <> 'draft'
      order by d.issued_on desc, d.id desc, r.position asc`),
};

describe("commendation lists read from id sets", () => {
  it("list the same proposals in the same order as the plain query, at every scope", async () => {
    for (const [username, unit] of listCallers) {
      const path = units[unit]?.path as string;
      const expected = await reference.proposals(path);
      expect(expected.length, unit).toBeGreaterThan(7);
      const list = await allPages(t, username, "/api/commendations/proposals");
      expect(list.ids, `${username}`).toEqual(expected);
      expect(list.totals).toEqual([expected.length]);
      const submitted = await reference.proposals(path, sql`p.status = 'submitted'`);
      expect((await allPages(t, username, "/api/commendations/proposals?status=submitted")).ids).toEqual(
        submitted,
      );
      const inCommune = await reference.proposals(path, sql`pr.path like ${`${units.commune?.path}%`}`);
      expect(
        (await allPages(t, username, `/api/commendations/proposals?unitId=${units.commune?.id}`)).ids,
        `${username} in the commune`,
      ).toEqual(inCommune);
    }
  });

  it("list the same decisions in the same order as the plain query, at every scope", async () => {
    for (const [username, unit] of listCallers) {
      const path = units[unit]?.path as string;
      const expected = await reference.decisions(path);
      expect(expected.length, unit).toBeGreaterThan(7);
      const list = await allPages(t, username, "/api/commendations/decisions");
      expect(list.ids, `${username}`).toEqual(expected);
      expect(list.totals).toEqual([expected.length]);
      const issued = await reference.decisions(path, sql`d.status = 'issued'`);
      expect((await allPages(t, username, "/api/commendations/decisions?status=issued")).ids).toEqual(issued);
    }
  });

  it("list a subtree's commendations as the plain query does, the whole tree's too", async () => {
    for (const [username, unit] of listCallers) {
      const target = units[unit] as UnitRow;
      const expected = await reference.history(target.path);
      expect(expected.length, unit).toBeGreaterThan(0);
      const list = await allPages(
        t,
        username,
        `/api/units/${target.id}/commendations?scope=subtree`,
        (r) => r.recipientId,
      );
      expect(list.ids, `${username}`).toEqual(expected);
      expect(list.totals).toEqual([expected.length]);
    }
  });
});
