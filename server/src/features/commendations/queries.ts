import { type AnyColumn, and, asc, desc, eq, inArray, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import {
  cappedColumns,
  pageId,
  pageSource,
  pageTotal,
  pageTotalColumns,
  tablePage,
} from "../../lib/list-statement.ts";
import { likeContains, offsetOf, type PageQuery } from "../../lib/pagination.ts";
import { foldForSearch } from "../../lib/vietnamese.ts";
import { commitments } from "../commitments/schema.ts";
import { exemplars } from "../exemplars/schema.ts";
import { pathIds } from "../figures/index.ts";
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

// Scopes ---------------------------------------------------------------------------------------

/** The whole tree is the subtree of a root unit: its lists need no scope condition at all. */
const isRootPath = (path: string) => pathIds(path).length === 1;

/**
 * The ids of a subtree's units, as an array (an index range of `units_path_idx`): `column = any(…)`
 * reads the column's index once per unit, and an OR of such conditions is one BitmapOr, so a scope
 * made of several unit columns costs its subtree, not the table.
 */
const subtreeUnitIds = (path: string) =>
  sql`array(select u.id from ${units} u where u.path like ${`${path}%`})`;

async function unitPath(db: Executor, unitId: string) {
  const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  return unit?.path ?? null;
}

/**
 * A page (for `pageSource`) from the union of id sets, each a SELECT of `id` and the sort columns
 * driven by one index condition (`column = any(<subtree's unit ids>)`, an index probe per unit:
 * such a condition is kept out of ORs, where it would be checked row by row against the whole
 * array), ordered by `order` over the union `s` and counted in the same pass.
 */
const unionPage = (sets: SQLWrapper[], order: SQL, query: PageQuery) =>
  sql`select s.id, count(*) over () as total, null::int as capped from (${sql.join(sets, sql` union `)}) s order by ${order} limit ${query.pageSize} offset ${offsetOf(query)}`;

/** Rows of a unit column in a subtree, as a condition a filter adds (a semi-join, never an array check). */
const inSubtree = (column: AnyColumn, path: string) =>
  sql`${column} in (select u.id from ${units} u where u.path like ${`${path}%`})`;

// Proposals ------------------------------------------------------------------------------------

const proposalForm = alias(commendationForms, "proposal_form");
const proposalDecision = alias(commendationDecisions, "proposal_decision");
const p = commendationProposals;

const countOf = (where: SQL) =>
  sql<number>`(select count(*)::int from ${proposalRecipients} r where r.proposal_id = ${p.id} and ${where})`;
/** A unit's column, read for the row's own unit (a primary-key lookup, no join to plan). */
const unitColumn = <T extends string | null>(column: "name" | "path", unitId: SQL | AnyColumn) =>
  sql<T>`(select u.${sql.raw(column)} from ${units} u where u.id = ${unitId})`;

const proposalColumns = {
  proposal: commendationProposals,
  unitName: unitColumn<string>("name", p.unitId),
  unitPath: unitColumn<string>("path", p.unitId),
  form: {
    id: proposalForm.id,
    code: proposalForm.code,
    name: proposalForm.name,
    nameEn: proposalForm.nameEn,
    rank: proposalForm.rank,
  },
  waitingName: unitColumn<string | null>("name", p.reviewUnitId),
  waitingPath: unitColumn<string | null>("path", p.reviewUnitId),
  approvedName: unitColumn<string | null>("name", p.approvedUnitId),
  approvedPath: unitColumn<string | null>("path", p.approvedUnitId),
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
    .innerJoin(proposalForm, eq(proposalForm.id, p.formId))
    .leftJoin(proposalDecision, eq(proposalDecision.proposalId, p.id))
    .where(where);

/**
 * What the actor reads: its subtree's proposals, and those waiting at or approved by a unit of its
 * subtree — of one row (a proposal found by id).
 */
const proposalReadWhere = (actor: Actor) =>
  sql`exists (select 1 from ${units} u where u.id in (${p.unitId}, ${p.reviewUnitId}, ${p.approvedUnitId}) and u.path like ${`${actor.unitPath}%`})`;

export async function findProposal(db: Executor, actor: Actor, id: string) {
  const [row] = await selectProposals(db, and(eq(p.id, id), proposalReadWhere(actor))).limit(1);
  return row ?? null;
}

/** The proposal as it is now (jobs, commands), without scope. */
export async function proposalById(db: Executor, id: string) {
  const [row] = await selectProposals(db, eq(p.id, id)).limit(1);
  return row ?? null;
}

/** A page's proposals (`page`: see pageSource) with their details, in `order`. */
const proposalPage = (db: Executor, page: SQLWrapper, order: SQL[]) =>
  db
    .select({ ...proposalColumns, ...pageTotalColumns })
    .from(pageSource(page))
    .innerJoin(p, eq(p.id, pageId))
    .innerJoin(proposalForm, eq(proposalForm.id, p.formId))
    .leftJoin(proposalDecision, eq(proposalDecision.proposalId, p.id))
    .orderBy(...order);

export interface ProposalFilters extends PageQuery {
  status?: ProposalStatus | undefined;
  unitId?: string | undefined;
  form?: string | undefined;
  year?: number | undefined;
  q?: string | undefined;
}

/**
 * The filters proposals and decisions share: a unit's subtree, a form, a year their period covers,
 * and a search of the unit's name or the text. Null when the unit does not exist.
 */
async function commonFilters(
  db: Executor,
  t: typeof commendationProposals | typeof commendationDecisions,
  text: AnyColumn,
  query: {
    unitId?: string | undefined;
    form?: string | undefined;
    year?: number | undefined;
    q?: string | undefined;
  },
): Promise<SQL[] | null> {
  const filters: SQL[] = [];
  if (query.unitId) {
    const path = await unitPath(db, query.unitId);
    if (!path) return null;
    if (!isRootPath(path)) filters.push(inSubtree(t.unitId, path));
  }
  if (query.form)
    filters.push(sql`${t.formId} in (select f.id from ${commendationForms} f where f.code = ${query.form})`);
  if (query.year) filters.push(sql`${t.periodStart} <= ${query.year} and ${t.periodEnd} >= ${query.year}`);
  const folded = foldForSearch(query.q ?? "");
  if (folded)
    filters.push(
      sql`(exists (select 1 from ${units} u where u.id = ${t.unitId} and u.search_text like ${likeContains(folded)}) or ${text} ilike ${likeContains(query.q ?? "")})`,
    );
  return filters;
}

/**
 * Proposals the actor reads, by filters, most recently changed first. The page's ids come from the
 * proposals alone: for a root actor the table in `updated_at` order (an index walk that stops at
 * the page); else the union of the subtree's id sets — proposed by its units, waiting at them,
 * approved by them — counted in the same pass. Then the page's details.
 */
export async function listProposals(db: Executor, actor: Actor, query: ProposalFilters) {
  const filters = await commonFilters(db, p, p.title, query);
  if (!filters) return { rows: [], total: 0 };
  if (query.status) filters.push(eq(p.status, query.status));
  const order = [desc(p.updatedAt), desc(p.id)];
  let page: SQLWrapper;
  let matches: () => SQLWrapper;
  if (isRootPath(actor.unitPath)) {
    ({ page, matches } = tablePage(db, p, and(...filters), order, query));
  } else {
    const subtree = subtreeUnitIds(actor.unitPath);
    const set = (column: AnyColumn) =>
      db
        .select({ id: p.id, updatedAt: p.updatedAt })
        .from(p)
        .where(and(sql`${column} = any(${subtree})`, ...filters));
    const sets = () => [set(p.unitId), set(p.reviewUnitId), set(p.approvedUnitId)];
    page = unionPage(sets(), sql`s.updated_at desc, s.id desc`, query);
    matches = () => sql.join(sets(), sql` union `);
  }
  const rows = await proposalPage(db, page, order);
  return { rows, ...(await pageTotal(db, query, rows, matches)) };
}

/** What waits for the actor's unit, oldest first. */
export async function proposalQueue(db: Executor, actor: Actor, query: PageQuery) {
  const where = and(eq(p.status, "submitted"), eq(p.reviewUnitId, actor.unitId));
  const order = [asc(p.waitingSince), asc(p.id)];
  const { page, matches } = tablePage(db, p, where, order, query);
  const rows = await proposalPage(db, page, order);
  return { rows, ...(await pageTotal(db, query, rows, matches)) };
}

export async function queueCounts(db: Executor, unitId: string) {
  const [proposals, decisions] = await Promise.all([
    db.$count(commendationProposals, and(eq(p.status, "submitted"), eq(p.reviewUnitId, unitId))),
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

const d = commendationDecisions;
const decisionForm = alias(commendationForms, "decision_form");
/** A decision's reference (the one it corrects, the one correcting it), as one lookup. */
interface DecisionReference {
  id: string;
  number: number | null;
  issuerCode: string | null;
  status: DecisionStatus;
  issuedOn: string | null;
}
const referenceWhere = (where: SQL) =>
  sql<DecisionReference | null>`(select json_build_object('id', x.id, 'number', x.number, 'issuerCode', x.issuer_code, 'status', x.status, 'issuedOn', x.issued_on) from ${commendationDecisions} x where ${where})`;

const decisionCount = (where: SQL) =>
  sql<number>`(select count(*)::int from ${decisionRecipients} r where r.decision_id = ${d.id} and ${where})`;

/** Some recipient of the decision counts in a unit of this subtree. */
const recipientIn = (path: string) =>
  sql<boolean>`exists (select 1 from ${decisionRecipients} r join ${units} ru on ru.id = r.unit_id
    where r.decision_id = ${d.id} and ru.path like ${`${path}%`})`;

const decisionColumns = (actor: Actor | null) => ({
  decision: commendationDecisions,
  unitName: unitColumn<string>("name", d.unitId),
  unitPath: unitColumn<string>("path", d.unitId),
  form: {
    id: decisionForm.id,
    code: decisionForm.code,
    name: decisionForm.name,
    nameEn: decisionForm.nameEn,
    rank: decisionForm.rank,
    issuerKinds: decisionForm.issuerKinds,
    active: decisionForm.active,
  },
  previous: referenceWhere(sql`x.id = ${d.correctsId}`),
  correction: referenceWhere(sql`x.corrects_id = ${d.id}`),
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
    .innerJoin(decisionForm, eq(decisionForm.id, d.formId))
    .where(where);

/**
 * What the actor reads: every decision of its subtree (drafts too, for the chain above the issuer);
 * issued ones published down to it from above, or naming a recipient of its subtree — of one row.
 */
const decisionReadWhere = (actor: Actor) =>
  sql`(exists (select 1 from ${units} iu where iu.id = ${d.unitId} and (iu.path like ${`${actor.unitPath}%`} or (${d.status} <> 'draft' and ${actor.unitPath} like iu.path || '%'))) or (${d.status} <> 'draft' and ${recipientIn(actor.unitPath)}))`;

export async function findDecision(db: Executor, actor: Actor, id: string) {
  const [row] = await selectDecisions(db, actor, and(eq(d.id, id), decisionReadWhere(actor))).limit(1);
  return row ?? null;
}

/** The decision as it is now (jobs, commands), without scope. */
export async function decisionById(db: Executor, id: string) {
  const [row] = await selectDecisions(db, null, eq(d.id, id)).limit(1);
  return row ?? null;
}

export interface DecisionFilters extends PageQuery {
  status?: DecisionStatus | undefined;
  unitId?: string | undefined;
  form?: string | undefined;
  year?: number | undefined;
  q?: string | undefined;
}

/**
 * Decisions the actor reads, newest first (drafts first of all: they wait to be issued). As the
 * proposals: the page's ids from the decisions alone — in `commendation_decisions_list_idx` order
 * for a root actor, else the union of the scope's id sets (the subtree's units' decisions, the
 * ancestors' issued ones, the issued ones naming a recipient of the subtree) — then the details.
 */
export async function listDecisions(db: Executor, actor: Actor, query: DecisionFilters) {
  const filters = await commonFilters(db, d, d.summary, query);
  if (!filters) return { rows: [], total: 0 };
  if (query.status) filters.push(eq(d.status, query.status));
  const order = [sql`${d.status} = 'draft' desc`, desc(d.issuedOn), desc(d.number), desc(d.id)];
  let page: SQLWrapper;
  let matches: () => SQLWrapper;
  if (isRootPath(actor.unitPath)) {
    ({ page, matches } = tablePage(db, d, and(...filters), order, query));
  } else {
    const set = (condition: SQL) =>
      db
        .select({ id: d.id, status: d.status, issuedOn: d.issuedOn, number: d.number })
        .from(d)
        .where(and(condition, ...filters));
    const issued = sql`${d.status} <> 'draft'`;
    const sets = () => [
      set(sql`${d.unitId} = any(${subtreeUnitIds(actor.unitPath)})`),
      set(and(issued, inArray(d.unitId, pathIds(actor.unitPath))) as SQL),
      set(
        sql`${issued} and ${d.id} = any(array(select r.decision_id from ${decisionRecipients} r where r.unit_id = any(${subtreeUnitIds(actor.unitPath)})))`,
      ),
    ];
    page = unionPage(sets(), sql`s.status = 'draft' desc, s.issued_on desc, s.number desc, s.id desc`, query);
    matches = () => sql.join(sets(), sql` union `);
  }
  const rows = await db
    .select({ ...decisionColumns(actor), ...pageTotalColumns })
    .from(pageSource(page))
    .innerJoin(d, eq(d.id, pageId))
    .innerJoin(decisionForm, eq(decisionForm.id, d.formId))
    .orderBy(...order);
  return { rows, ...(await pageTotal(db, query, rows, matches)) };
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

/** Recipients of issued decisions (corrected ones too), newest decision first, in annex order. */
const historySelect = async (db: Executor, where: SQL | undefined, query: PageQuery) => {
  const conditions = and(where, sql`${d.status} <> 'draft'`);
  const order = [desc(d.issuedOn), desc(d.id), asc(decisionRecipients.position)];
  const r = decisionRecipients;
  const matches = () =>
    db.select({ one: sql`1` }).from(r).innerJoin(d, eq(d.id, r.decisionId)).where(conditions);
  const page = db
    .select({ id: r.id, ...cappedColumns(matches()) })
    .from(r)
    .innerJoin(d, eq(d.id, r.decisionId))
    .where(conditions)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset(offsetOf(query));
  const rows = await db
    .select({
      recipient: decisionRecipients,
      decision: commendationDecisions,
      unitName: unitColumn<string>("name", d.unitId),
      form: {
        id: decisionForm.id,
        code: decisionForm.code,
        name: decisionForm.name,
        nameEn: decisionForm.nameEn,
        rank: decisionForm.rank,
      },
      ...pageTotalColumns,
    })
    .from(pageSource(page))
    .innerJoin(r, eq(r.id, pageId))
    .innerJoin(d, eq(d.id, r.decisionId))
    .innerJoin(decisionForm, eq(decisionForm.id, d.formId))
    .orderBy(...order);
  return { rows, ...(await pageTotal(db, query, rows, matches)) };
};
export type HistoryRow = Awaited<ReturnType<typeof historySelect>>["rows"][number];

/** A person's commendations (issued decisions, corrected ones marked), newest first. */
export const personHistory = (db: Executor, personId: string, query: PageQuery) =>
  historySelect(db, eq(decisionRecipients.personId, personId), query);

/**
 * A unit's commendations as a collective, or every recipient counting in its subtree (the whole
 * tree, for a root: every issued decision in `commendation_decisions_issued_idx` order).
 */
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
      : isRootPath(unit.path)
        ? undefined
        : inSubtree(decisionRecipients.unitId, unit.path),
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
  const within = sql`${units.path} like ${`${input.path}%`}`;
  const most = input.lines.length * 5 + 20;
  if (input.kind === "collective") {
    const parent = alias(units, "parent_unit");
    const rows = await db
      .select({ id: units.id, name: units.name, searchText: units.searchText, parentName: parent.name })
      .from(units)
      .leftJoin(parent, eq(parent.id, units.parentId))
      .where(
        and(
          within,
          eq(units.status, "active"),
          or(...folded.map((f) => sql`${units.searchText} like ${`${f}%`}`)),
        ),
      )
      .orderBy(asc(units.sortKey))
      .limit(most);
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
      .where(and(within, eq(people.status, "active"), inArray(people.searchText, folded)))
      .orderBy(asc(people.sortKey))
      .limit(most);
    for (const r of rows) add(foldForSearch(r.name), r);
  }
  return found;
}
