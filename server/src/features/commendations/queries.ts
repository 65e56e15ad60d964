import { and, asc, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { likeContains, type PageQuery, pageOf } from "../../lib/pagination.ts";
import { foldForSearch } from "../../lib/vietnamese.ts";
import { commitments } from "../commitments/schema.ts";
import { exemplars } from "../exemplars/schema.ts";
import { people } from "../people/schema.ts";
import { practices } from "../practices/schema.ts";
import { units } from "../units/schema.ts";
import {
  commendationDecisions,
  commendationForms,
  commendationProposals,
  commendationSteps,
  type DecisionStatus,
  decisionRecipients,
  type ProposalStatus,
  proposalRecipients,
  type RecipientLink,
} from "./schema.ts";

// Proposals ------------------------------------------------------------------------------------

const proposer = alias(units, "proposer");
const waiting = alias(units, "waiting");
const approver = alias(units, "approver");
const proposalForm = alias(commendationForms, "proposal_form");
const proposalDecision = alias(commendationDecisions, "proposal_decision");

const countOf = (where: SQL) =>
  sql<number>`(select count(*)::int from ${proposalRecipients} r where r.proposal_id = ${commendationProposals.id} and ${where})`;

const proposalColumns = {
  proposal: commendationProposals,
  unitName: proposer.name,
  unitPath: proposer.path,
  form: {
    id: proposalForm.id,
    code: proposalForm.code,
    name: proposalForm.name,
    nameEn: proposalForm.nameEn,
    rank: proposalForm.rank,
  },
  waitingName: waiting.name,
  waitingPath: waiting.path,
  approvedName: approver.name,
  approvedPath: approver.path,
  decisionId: proposalDecision.id,
  decisionStatus: proposalDecision.status,
  decisionNumber: proposalDecision.number,
  decisionIssuerCode: proposalDecision.issuerCode,
  recipientCount: countOf(sql`r.status = 'proposed'`),
  collectiveCount: countOf(sql`r.status = 'proposed' and r.kind = 'collective'`),
  individualCount: countOf(sql`r.status = 'proposed' and r.kind = 'individual'`),
  trimmedCount: countOf(sql`r.status = 'trimmed'`),
};
export type ProposalListRow = Awaited<ReturnType<typeof selectProposals>>[number];

const selectProposals = (db: Executor, where: SQL | undefined) =>
  db
    .select(proposalColumns)
    .from(commendationProposals)
    .innerJoin(proposer, eq(proposer.id, commendationProposals.unitId))
    .innerJoin(proposalForm, eq(proposalForm.id, commendationProposals.formId))
    .leftJoin(waiting, eq(waiting.id, commendationProposals.reviewUnitId))
    .leftJoin(approver, eq(approver.id, commendationProposals.approvedUnitId))
    .leftJoin(proposalDecision, eq(proposalDecision.proposalId, commendationProposals.id))
    .where(where);

/** What the actor reads: its subtree's proposals, and those waiting at or approved by a unit of its subtree. */
const proposalReadWhere = (actor: Actor) => {
  const prefix = `${actor.unitPath}%`;
  return sql`(${proposer.path} like ${prefix} or ${waiting.path} like ${prefix} or ${approver.path} like ${prefix})`;
};

export async function findProposal(db: Executor, actor: Actor, id: string) {
  const [row] = await selectProposals(
    db,
    and(eq(commendationProposals.id, id), proposalReadWhere(actor)),
  ).limit(1);
  return row ?? null;
}

/** The proposal as it is now (jobs, commands), without scope. */
export async function proposalById(db: Executor, id: string) {
  const [row] = await selectProposals(db, eq(commendationProposals.id, id)).limit(1);
  return row ?? null;
}

export interface ProposalFilters extends PageQuery {
  status?: ProposalStatus | undefined;
  unitId?: string | undefined;
  form?: string | undefined;
  year?: number | undefined;
  q?: string | undefined;
}

async function subtreePath(db: Executor, unitId: string | undefined) {
  if (!unitId) return null;
  const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  return unit?.path ?? "/none/";
}

/** Proposals the actor reads, by filters, most recently changed first. */
export async function listProposals(db: Executor, actor: Actor, query: ProposalFilters) {
  const conditions: SQL[] = [proposalReadWhere(actor)];
  const path = await subtreePath(db, query.unitId);
  if (path) conditions.push(sql`${proposer.path} like ${`${path}%`}`);
  if (query.status) conditions.push(eq(commendationProposals.status, query.status));
  if (query.form) conditions.push(eq(proposalForm.code, query.form));
  if (query.year)
    conditions.push(
      sql`${commendationProposals.periodStart} <= ${query.year} and ${commendationProposals.periodEnd} >= ${query.year}`,
    );
  const folded = foldForSearch(query.q ?? "");
  if (folded)
    conditions.push(
      sql`(${proposer.searchText} like ${likeContains(folded)} or ${commendationProposals.title} ilike ${likeContains(query.q ?? "")})`,
    );
  const where = and(...conditions);
  return pageOf(
    db,
    query,
    (limit, offset) =>
      selectProposals(db, where)
        .orderBy(desc(commendationProposals.updatedAt), desc(commendationProposals.id))
        .limit(limit)
        .offset(offset),
    () =>
      db
        .select({ one: sql`1` })
        .from(commendationProposals)
        .innerJoin(proposer, eq(proposer.id, commendationProposals.unitId))
        .innerJoin(proposalForm, eq(proposalForm.id, commendationProposals.formId))
        .leftJoin(waiting, eq(waiting.id, commendationProposals.reviewUnitId))
        .leftJoin(approver, eq(approver.id, commendationProposals.approvedUnitId))
        .where(where),
  );
}

/** What waits for the actor's unit, oldest first. */
export function proposalQueue(db: Executor, actor: Actor, query: PageQuery) {
  const where = and(
    eq(commendationProposals.status, "submitted"),
    eq(commendationProposals.reviewUnitId, actor.unitId),
  );
  return pageOf(
    db,
    query,
    (limit, offset) =>
      selectProposals(db, where)
        .orderBy(asc(commendationProposals.waitingSince), asc(commendationProposals.id))
        .limit(limit)
        .offset(offset),
    () => db.select({ one: sql`1` }).from(commendationProposals).where(where),
  );
}

export async function queueCounts(db: Executor, unitId: string) {
  const [proposals, decisions] = await Promise.all([
    db.$count(
      commendationProposals,
      and(eq(commendationProposals.status, "submitted"), eq(commendationProposals.reviewUnitId, unitId)),
    ),
    db.$count(
      commendationDecisions,
      and(eq(commendationDecisions.status, "draft"), eq(commendationDecisions.unitId, unitId)),
    ),
  ]);
  return { proposals, decisions };
}

const trimmer = alias(units, "trimmer");
const counted = alias(units, "counted");
/** A proposal's recipients in order, with the units they count in and the trimming unit. */
export function proposalRecipientRows(db: Executor, proposalId: string) {
  return db
    .select({
      recipient: proposalRecipients,
      unitName: counted.name,
      unitPath: counted.path,
      trimmedUnitName: trimmer.name,
    })
    .from(proposalRecipients)
    .innerJoin(counted, eq(counted.id, proposalRecipients.unitId))
    .leftJoin(trimmer, eq(trimmer.id, proposalRecipients.trimmedUnitId))
    .where(eq(proposalRecipients.proposalId, proposalId))
    .orderBy(asc(proposalRecipients.position));
}
export type ProposalRecipientListRow = Awaited<ReturnType<typeof proposalRecipientRows>>[number];

// Steps ----------------------------------------------------------------------------------------

export function stepsOf(db: Executor, type: "proposal" | "decision", id: string) {
  const from = alias(units, "from_unit");
  const to = alias(units, "to_unit");
  return db
    .select({ step: commendationSteps, fromName: from.name, toName: to.name })
    .from(commendationSteps)
    .leftJoin(from, eq(from.id, commendationSteps.fromUnitId))
    .leftJoin(to, eq(to.id, commendationSteps.toUnitId))
    .where(and(eq(commendationSteps.subjectType, type), eq(commendationSteps.subjectId, id)))
    .orderBy(asc(commendationSteps.at), asc(commendationSteps.id));
}
export type StepListRow = Awaited<ReturnType<typeof stepsOf>>[number];

// Decisions ------------------------------------------------------------------------------------

const issuer = alias(units, "issuer");
const decisionForm = alias(commendationForms, "decision_form");
const previous = alias(commendationDecisions, "previous");
const correction = alias(commendationDecisions, "correction");

const decisionCount = (where: SQL) =>
  sql<number>`(select count(*)::int from ${decisionRecipients} r where r.decision_id = ${commendationDecisions.id} and ${where})`;

/** Some recipient of the decision counts in a unit of this subtree. */
const recipientIn = (path: string) =>
  sql<boolean>`exists (select 1 from ${decisionRecipients} r join ${units} ru on ru.id = r.unit_id
    where r.decision_id = ${commendationDecisions.id} and ru.path like ${`${path}%`})`;

const decisionColumns = (actor: Actor | null) => ({
  decision: commendationDecisions,
  unitName: issuer.name,
  unitPath: issuer.path,
  form: {
    id: decisionForm.id,
    code: decisionForm.code,
    name: decisionForm.name,
    nameEn: decisionForm.nameEn,
    rank: decisionForm.rank,
    issuerKinds: decisionForm.issuerKinds,
    active: decisionForm.active,
  },
  previous: {
    id: previous.id,
    number: previous.number,
    issuerCode: previous.issuerCode,
    status: previous.status,
    issuedOn: previous.issuedOn,
  },
  correction: {
    id: correction.id,
    number: correction.number,
    issuerCode: correction.issuerCode,
    status: correction.status,
  },
  recipientCount: decisionCount(sql`true`),
  collectiveCount: decisionCount(sql`r.kind = 'collective'`),
  individualCount: decisionCount(sql`r.kind = 'individual'`),
  recipientInScope: actor ? recipientIn(actor.unitPath) : sql<boolean>`false`,
});
export type DecisionListRow = Awaited<ReturnType<typeof selectDecisions>>[number];

const selectDecisions = (db: Executor, actor: Actor | null, where: SQL | undefined) =>
  db
    .select(decisionColumns(actor))
    .from(commendationDecisions)
    .innerJoin(issuer, eq(issuer.id, commendationDecisions.unitId))
    .innerJoin(decisionForm, eq(decisionForm.id, commendationDecisions.formId))
    .leftJoin(previous, eq(previous.id, commendationDecisions.correctsId))
    .leftJoin(correction, eq(correction.correctsId, commendationDecisions.id))
    .where(where);

/**
 * What the actor reads: every decision of its subtree (drafts too, for the chain above the issuer);
 * issued ones published down to it from above, or naming a recipient of its subtree.
 */
const decisionReadWhere = (actor: Actor) =>
  sql`(${issuer.path} like ${`${actor.unitPath}%`} or (${commendationDecisions.status} <> 'draft' and (${actor.unitPath} like ${issuer.path} || '%' or ${recipientIn(actor.unitPath)})))`;

export async function findDecision(db: Executor, actor: Actor, id: string) {
  const [row] = await selectDecisions(
    db,
    actor,
    and(eq(commendationDecisions.id, id), decisionReadWhere(actor)),
  ).limit(1);
  return row ?? null;
}

/** The decision as it is now (jobs, commands), without scope. */
export async function decisionById(db: Executor, id: string) {
  const [row] = await selectDecisions(db, null, eq(commendationDecisions.id, id)).limit(1);
  return row ?? null;
}

export interface DecisionFilters extends PageQuery {
  status?: DecisionStatus | undefined;
  unitId?: string | undefined;
  form?: string | undefined;
  year?: number | undefined;
  q?: string | undefined;
}

/** Decisions the actor reads, newest first (drafts first of all: they wait to be issued). */
export async function listDecisions(db: Executor, actor: Actor, query: DecisionFilters) {
  const conditions: SQL[] = [decisionReadWhere(actor)];
  const path = await subtreePath(db, query.unitId);
  if (path) conditions.push(sql`${issuer.path} like ${`${path}%`}`);
  if (query.status) conditions.push(eq(commendationDecisions.status, query.status));
  if (query.form) conditions.push(eq(decisionForm.code, query.form));
  if (query.year)
    conditions.push(
      sql`${commendationDecisions.periodStart} <= ${query.year} and ${commendationDecisions.periodEnd} >= ${query.year}`,
    );
  const folded = foldForSearch(query.q ?? "");
  if (folded)
    conditions.push(
      sql`(${issuer.searchText} like ${likeContains(folded)} or ${commendationDecisions.summary} ilike ${likeContains(query.q ?? "")})`,
    );
  const where = and(...conditions);
  return pageOf(
    db,
    query,
    (limit, offset) =>
      selectDecisions(db, actor, where)
        .orderBy(
          sql`${commendationDecisions.status} = 'draft' desc`,
          desc(commendationDecisions.issuedOn),
          desc(commendationDecisions.number),
          desc(commendationDecisions.id),
        )
        .limit(limit)
        .offset(offset),
    () =>
      db
        .select({ one: sql`1` })
        .from(commendationDecisions)
        .innerJoin(issuer, eq(issuer.id, commendationDecisions.unitId))
        .innerJoin(decisionForm, eq(decisionForm.id, commendationDecisions.formId))
        .where(where),
  );
}

/** A decision's recipients in annex order, with the units they count in. */
export function decisionRecipientRows(db: Executor, decisionId: string) {
  return db
    .select({ recipient: decisionRecipients, unitName: counted.name, unitPath: counted.path })
    .from(decisionRecipients)
    .innerJoin(counted, eq(counted.id, decisionRecipients.unitId))
    .where(eq(decisionRecipients.decisionId, decisionId))
    .orderBy(asc(decisionRecipients.position));
}
export type DecisionRecipientListRow = Awaited<ReturnType<typeof decisionRecipientRows>>[number];

// Histories ------------------------------------------------------------------------------------

const historySelect = (db: Executor, where: SQL, query: PageQuery) =>
  pageOf(
    db,
    query,
    (limit, offset) =>
      db
        .select({
          recipient: decisionRecipients,
          decision: commendationDecisions,
          unitName: issuer.name,
          form: {
            id: decisionForm.id,
            code: decisionForm.code,
            name: decisionForm.name,
            nameEn: decisionForm.nameEn,
            rank: decisionForm.rank,
          },
        })
        .from(decisionRecipients)
        .innerJoin(commendationDecisions, eq(commendationDecisions.id, decisionRecipients.decisionId))
        .innerJoin(issuer, eq(issuer.id, commendationDecisions.unitId))
        .innerJoin(decisionForm, eq(decisionForm.id, commendationDecisions.formId))
        .innerJoin(counted, eq(counted.id, decisionRecipients.unitId))
        .where(and(where, sql`${commendationDecisions.status} <> 'draft'`))
        .orderBy(
          desc(commendationDecisions.issuedOn),
          desc(commendationDecisions.id),
          asc(decisionRecipients.position),
        )
        .limit(limit)
        .offset(offset),
    () =>
      db
        .select({ one: sql`1` })
        .from(decisionRecipients)
        .innerJoin(commendationDecisions, eq(commendationDecisions.id, decisionRecipients.decisionId))
        .innerJoin(counted, eq(counted.id, decisionRecipients.unitId))
        .where(and(where, sql`${commendationDecisions.status} <> 'draft'`)),
  );
export type HistoryRow = Awaited<ReturnType<typeof historySelect>>["rows"][number];

/** A person's commendations (issued decisions, corrected ones marked), newest first. */
export const personHistory = (db: Executor, personId: string, query: PageQuery) =>
  historySelect(db, eq(decisionRecipients.personId, personId), query);

/** A unit's commendations as a collective, or every recipient counting in its subtree. */
export const unitHistory = (
  db: Executor,
  unit: { id: string; path: string },
  scope: "unit" | "subtree",
  query: PageQuery,
) =>
  historySelect(
    db,
    scope === "unit"
      ? eq(decisionRecipients.subjectUnitId, unit.id)
      : sql`${counted.path} like ${`${unit.path}%`}`,
    query,
  );

// Links ----------------------------------------------------------------------------------------

/** The titles of linked records (models, exemplars, commitments), by "type:id". */
export async function linkTitles(db: Executor, links: RecipientLink[]): Promise<Map<string, string>> {
  const ids = (type: RecipientLink["type"]) => [
    ...new Set(links.filter((l) => l.type === type).map((l) => l.id)),
  ];
  const titles = new Map<string, string>();
  const practiceIds = ids("practice");
  const exemplarIds = ids("exemplar");
  const commitmentIds = ids("commitment");
  const [p, e, c] = await Promise.all([
    practiceIds.length
      ? db
          .select({ id: practices.id, title: practices.title })
          .from(practices)
          .where(inArray(practices.id, practiceIds))
      : [],
    exemplarIds.length
      ? db
          .select({ id: exemplars.id, title: exemplars.title })
          .from(exemplars)
          .where(inArray(exemplars.id, exemplarIds))
      : [],
    commitmentIds.length
      ? db
          .select({ id: commitments.id, year: commitments.year, name: people.fullName })
          .from(commitments)
          .innerJoin(people, eq(people.id, commitments.personId))
          .where(inArray(commitments.id, commitmentIds))
      : [],
  ]);
  for (const r of p) titles.set(`practice:${r.id}`, r.title);
  for (const r of e) titles.set(`exemplar:${r.id}`, r.title);
  for (const r of c) titles.set(`commitment:${r.id}`, `Bản cam kết năm ${r.year} — ${r.name}`);
  return titles;
}

/** Units and people of a subtree whose names match pasted lines (accent-insensitive, whole name). */
export async function resolveNames(
  db: Executor,
  input: { path: string; kind: "collective" | "individual"; lines: string[] },
) {
  const folded = [...new Set(input.lines.map((l) => foldForSearch(l)).filter(Boolean))];
  if (!folded.length)
    return new Map<string, { id: string; name: string; unitName: string; unitId: string }[]>();
  const found = new Map<string, { id: string; name: string; unitName: string; unitId: string }[]>();
  const add = (key: string, m: { id: string; name: string; unitName: string; unitId: string }) =>
    found.set(key, [...(found.get(key) ?? []), m]);
  if (input.kind === "collective") {
    const parent = alias(units, "parent_unit");
    const rows = await db
      .select({ id: units.id, name: units.name, searchText: units.searchText, parentName: parent.name })
      .from(units)
      .leftJoin(parent, eq(parent.id, units.parentId))
      .where(
        and(
          sql`${units.path} like ${`${input.path}%`}`,
          eq(units.status, "active"),
          or(...folded.map((f) => sql`${units.searchText} like ${`${f}%`}`)),
        ),
      )
      .orderBy(asc(units.sortKey))
      .limit(input.lines.length * 5 + 20);
    for (const r of rows) {
      const key = foldForSearch(r.name);
      if (folded.includes(key))
        add(key, { id: r.id, name: r.name, unitName: r.parentName ?? "", unitId: r.id });
    }
  } else {
    const rows = await db
      .select({ id: people.id, name: people.fullName, unitName: units.name, unitId: units.id })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(
        and(
          sql`${units.path} like ${`${input.path}%`}`,
          eq(people.status, "active"),
          inArray(people.searchText, folded),
        ),
      )
      .orderBy(asc(people.sortKey))
      .limit(input.lines.length * 5 + 20);
    for (const r of rows) add(foldForSearch(r.name), r);
  }
  return found;
}
