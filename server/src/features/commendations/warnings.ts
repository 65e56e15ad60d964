import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Lang } from "../../lib/errors.ts";
import { isoToVn } from "../../lib/official-document.ts";
import { foldForSearch } from "../../lib/vietnamese.ts";
import { units } from "../units/schema.ts";
import {
  commendationDecisions,
  commendationForms,
  commendationProposals,
  decisionRecipients,
  proposalRecipients,
} from "./schema.ts";

export interface Warning {
  code: "duplicate" | "outside_issuer" | "recipient_outside_issuer";
  message: string;
  recipientId: string | null;
  other: { type: "proposal" | "decision"; label: string } | null;
}

interface Recipient {
  id: string;
  kind: "collective" | "individual";
  subjectUnitId: string | null;
  personId: string | null;
  name: string;
  unitLabel: string;
  unitPath: string;
}

const period = (s: number, e: number) => (s === e ? String(s) : `${s}–${e}`);
const keyOf = (r: Pick<Recipient, "subjectUnitId" | "personId" | "name" | "unitLabel">) =>
  r.subjectUnitId
    ? `unit:${r.subjectUnitId}`
    : r.personId
      ? `person:${r.personId}`
      : `named:${foldForSearch(r.name)}|${foldForSearch(r.unitLabel)}`;

/**
 * What a reviewer should know before deciding, without blocking anything: a recipient proposed
 * twice for the same form and period (in this proposal, another proposal, or a decision not
 * replaced by a correction), and a proposing unit or recipient outside the issuing unit's subtree
 * (a reorganisation moved it away while the proposal went up).
 */
export async function proposalWarnings(
  db: Executor,
  lang: Lang,
  p: {
    id: string;
    formCode: string;
    formName: string;
    periodStart: number;
    periodEnd: number;
    unitPath: string;
    unitName: string;
  },
  recipients: Recipient[],
  issuer: { name: string; path: string } | null,
): Promise<Warning[]> {
  const vi = lang === "vi";
  const warnings: Warning[] = [];
  const when = period(p.periodStart, p.periodEnd);

  // Twice in this proposal.
  const seen = new Map<string, Recipient>();
  for (const r of recipients) {
    const key = keyOf(r);
    const first = seen.get(key);
    if (first)
      warnings.push({
        code: "duplicate",
        recipientId: r.id,
        other: null,
        message: vi
          ? `${r.name} có tên hai lần trong đề nghị này.`
          : `${r.name} is listed twice in this proposal.`,
      });
    else seen.set(key, r);
  }

  const personIds = [...new Set(recipients.flatMap((r) => (r.personId ? [r.personId] : [])))];
  const unitIds = [...new Set(recipients.flatMap((r) => (r.subjectUnitId ? [r.subjectUnitId] : [])))];
  if (personIds.length || unitIds.length) {
    const who = (table: typeof proposalRecipients | typeof decisionRecipients) =>
      or(
        ...(personIds.length ? [inArray(table.personId, personIds)] : []),
        ...(unitIds.length ? [inArray(table.subjectUnitId, unitIds)] : []),
      );
    const proposer = units;
    const [inProposals, inDecisions] = await Promise.all([
      db
        .select({
          personId: proposalRecipients.personId,
          subjectUnitId: proposalRecipients.subjectUnitId,
          title: commendationProposals.title,
          unitName: proposer.name,
        })
        .from(proposalRecipients)
        .innerJoin(commendationProposals, eq(commendationProposals.id, proposalRecipients.proposalId))
        .innerJoin(commendationForms, eq(commendationForms.id, commendationProposals.formId))
        .innerJoin(proposer, eq(proposer.id, commendationProposals.unitId))
        .where(
          and(
            who(proposalRecipients),
            ne(commendationProposals.id, p.id),
            ne(commendationProposals.status, "approved"),
            eq(proposalRecipients.status, "proposed"),
            eq(commendationForms.code, p.formCode),
            eq(commendationProposals.periodStart, p.periodStart),
            eq(commendationProposals.periodEnd, p.periodEnd),
          ),
        )
        .limit(500),
      db
        .select({
          personId: decisionRecipients.personId,
          subjectUnitId: decisionRecipients.subjectUnitId,
          status: commendationDecisions.status,
          number: commendationDecisions.number,
          issuerCode: commendationDecisions.issuerCode,
          issuedOn: commendationDecisions.issuedOn,
          unitName: units.name,
        })
        .from(decisionRecipients)
        .innerJoin(commendationDecisions, eq(commendationDecisions.id, decisionRecipients.decisionId))
        .innerJoin(commendationForms, eq(commendationForms.id, commendationDecisions.formId))
        .innerJoin(units, eq(units.id, commendationDecisions.unitId))
        .where(
          and(
            who(decisionRecipients),
            ne(commendationDecisions.status, "corrected"),
            sql`${commendationDecisions.proposalId} is distinct from ${p.id}`,
            eq(commendationForms.code, p.formCode),
            eq(commendationDecisions.periodStart, p.periodStart),
            eq(commendationDecisions.periodEnd, p.periodEnd),
          ),
        )
        .limit(500),
    ]);
    const firstOf = new Map([...seen.values()].map((r) => [keyOf(r), r]));
    const reported = new Set<string>();
    for (const d of inDecisions) {
      const key = d.subjectUnitId ? `unit:${d.subjectUnitId}` : `person:${d.personId}`;
      const r = firstOf.get(key);
      if (!r || reported.has(key)) continue;
      reported.add(key);
      const label =
        d.status === "issued" && d.number && d.issuerCode && d.issuedOn
          ? `Quyết định số ${String(d.number).padStart(2, "0")}-QĐ/${d.issuerCode} ngày ${isoToVn(d.issuedOn)} của ${d.unitName}`
          : `Dự thảo quyết định của ${d.unitName}`;
      warnings.push({
        code: "duplicate",
        recipientId: r.id,
        other: { type: "decision", label },
        message: vi
          ? `${r.name} đã có trong ${label} (${p.formName}, ${when}).`
          : `${r.name} is already in ${label} (${p.formName}, ${when}).`,
      });
    }
    for (const o of inProposals) {
      const key = o.subjectUnitId ? `unit:${o.subjectUnitId}` : `person:${o.personId}`;
      const r = firstOf.get(key);
      if (!r || reported.has(key)) continue;
      reported.add(key);
      const label = `đề nghị “${o.title}” của ${o.unitName}`;
      warnings.push({
        code: "duplicate",
        recipientId: r.id,
        other: { type: "proposal", label },
        message: vi
          ? `${r.name} cũng được đề nghị trong ${label} (${p.formName}, ${when}).`
          : `${r.name} is also proposed in ${label} (${p.formName}, ${when}).`,
      });
    }
  }

  if (issuer && !p.unitPath.startsWith(issuer.path))
    warnings.push({
      code: "outside_issuer",
      recipientId: null,
      other: null,
      message: vi
        ? `${p.unitName} không thuộc phạm vi của ${issuer.name} (đơn vị xét khen thưởng).`
        : `${p.unitName} is outside the subtree of ${issuer.name}, the issuing unit.`,
    });
  if (issuer)
    for (const r of recipients)
      if (!r.unitPath.startsWith(issuer.path))
        warnings.push({
          code: "recipient_outside_issuer",
          recipientId: r.id,
          other: null,
          message: vi
            ? `${r.name} không thuộc phạm vi của ${issuer.name}.`
            : `${r.name} is outside the subtree of ${issuer.name}.`,
        });
  return warnings;
}
