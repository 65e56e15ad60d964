import { and, asc, desc, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import { alias, unionAll } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { inIdOrder, type PageQuery, pageOf } from "../../lib/pagination.ts";
import { issuingUnit } from "../documents/index.ts";
import { pathIds } from "../figures/index.ts";
import { readByDepth } from "../units/index.ts";
import { units } from "../units/schema.ts";
import { type PlanKind, type PlanStatus, planObjectives, plans, planTasks } from "./schema.ts";

const parentPlan = alias(plans, "parent_plan");
const parentUnit = alias(units, "parent_unit");

/** Columns every list and page of plans shows. */
const columns = {
  plan: plans,
  unitName: units.name,
  unitPath: units.path,
  parentTitle: parentPlan.title,
  parentUnitName: parentUnit.name,
  taskCount: sql<number>`(select count(*)::int from ${planTasks} t where t.plan_id = ${plans.id})`,
  progress: sql<number>`(select coalesce(round(avg(t.progress)), 0)::int from ${planTasks} t where t.plan_id = ${plans.id})`,
};
export type PlanListRow = Awaited<ReturnType<typeof selectPlans>>[number];

const selectPlans = (db: Executor, where: SQL | undefined) =>
  db
    .select(columns)
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .leftJoin(parentPlan, eq(parentPlan.id, plans.parentPlanId))
    .leftJoin(parentUnit, eq(parentUnit.id, parentPlan.unitId))
    .where(where);

const inSubtreeOf = (path: string) => sql`${units.path} like ${`${path}%`}`;
/** Issued plans of the units above (and at) a path: what was published down to it. */
const issuedAbove = (path: string) =>
  and(inArray(plans.unitId, pathIds(path)), eq(plans.status, "issued")) as SQL;

/**
 * What the actor may read ("published-down", drafts kept within their subtree): its subtree's plans
 * in any state, and the issued plans of its ancestors. The ancestors are the ids on the actor's
 * path, so both halves are index lookups (scopeFilter's reverse LIKE would scan every plan).
 */
export const planReadWhere = (actor: Actor) =>
  sql`(${inSubtreeOf(actor.unitPath)} or ${issuedAbove(actor.unitPath)})`;

/** A plan the actor may read, or null (absent and out of sight look the same). */
export async function findPlan(db: Executor, actor: Actor, id: string) {
  const [row] = await selectPlans(db, and(eq(plans.id, id), planReadWhere(actor))).limit(1);
  return row ?? null;
}

/** A plan as it is now, whoever asks (inside a command that has authorised the caller). */
export async function currentPlan(db: Executor, id: string) {
  const [row] = await selectPlans(db, eq(plans.id, id)).limit(1);
  return row ?? null;
}

export interface PlanFilters extends PageQuery {
  year?: number | undefined;
  kind?: PlanKind | undefined;
  status?: PlanStatus | undefined;
  scope: "all" | "unit" | "above" | "below";
}

/** The order of the plans of one depth of the tree (the list is ordered by depth first). */
const orderWithinDepth = [desc(plans.startYear), desc(plans.kind), asc(units.sortKey), desc(plans.id)];

/**
 * The plans seen from a unit (`unitPath`, within the actor's sight): its subtree's, and those
 * issued above it; or only its own, only those from above, only its subordinates'. Upper levels
 * first ("upper level first, lower level after"), then the most recent.
 *
 * The order begins with the owner unit's depth, so the page is read a depth at a time and no more:
 * the plans of the units on the path (those above, issued only, and the unit's own: a few rows),
 * then the subtree's one depth after another (readByDepth; their plans by `plans_unit_idx`) until
 * the page is full. Page 1 of the country reads the centre's and the provinces' plans; of a
 * province, its own and its communes'. Then the page's details, by id.
 */
export async function listPlans(
  db: Executor,
  actor: Actor,
  unit: { id: string; path: string },
  query: PlanFilters,
) {
  const unitDepth = pathIds(unit.path).length - 1;
  const ancestors = pathIds(unit.path).filter((id) => id !== unit.id);
  // A root actor reads every plan: no sight condition (nor the join it needs) at all.
  const atRoot = pathIds(actor.unitPath).length === 1;
  const filters: SQL[] = atRoot ? [] : [planReadWhere(actor)];
  if (query.year !== undefined)
    filters.push(sql`${plans.startYear} <= ${query.year} and ${plans.endYear} >= ${query.year}`);
  if (query.kind) filters.push(eq(plans.kind, query.kind));
  if (query.status) filters.push(eq(plans.status, query.status));
  const issuedAbove = ancestors.length
    ? (and(inArray(plans.unitId, ancestors), eq(plans.status, "issued")) as SQL)
    : undefined;
  // The plans of the units on the unit's path (at depths up to its own), and whether the list goes
  // below it.
  const head: SQL | undefined = {
    all: issuedAbove
      ? (sql`(${issuedAbove} or ${eq(plans.unitId, unit.id)})` as SQL)
      : eq(plans.unitId, unit.id),
    unit: eq(plans.unitId, unit.id),
    above: issuedAbove,
    below: undefined,
  }[query.scope];
  const goesBelow = query.scope === "all" || query.scope === "below";
  const ids = (where: SQL, order: SQL[], limit: number) =>
    db
      .select({ id: plans.id })
      .from(plans)
      .innerJoin(units, eq(units.id, plans.unitId))
      .where(and(where, ...filters))
      .orderBy(...order)
      .limit(limit)
      .then((rows) => rows.map((r) => r.id));
  const rows = async (limit: number, offset: number) => {
    const wanted = offset + limit;
    const found = head ? await ids(head, [asc(units.depth), ...orderWithinDepth], wanted) : [];
    if (goesBelow && found.length < wanted)
      found.push(
        ...(await readByDepth(
          db,
          { path: unit.path, direction: "asc", wanted: wanted - found.length },
          (where, byDepth, n) => ids(where, [...byDepth, ...orderWithinDepth], n),
        )),
      );
    const page = found.slice(offset, wanted);
    if (!page.length) return [];
    return inIdOrder(page, await selectPlans(db, inArray(plans.id, page)), (r) => r.plan.id);
  };
  // The matches, counted: the path's plans and the subtree's below the unit (disjoint parts, each
  // an index range); the whole table for the root's own list.
  const matches = () => {
    if (atRoot && unitDepth === 0 && query.scope === "all")
      return db
        .select({ id: plans.id })
        .from(plans)
        .where(and(...filters));
    const part = (where: SQL) =>
      db
        .select({ id: plans.id })
        .from(plans)
        .innerJoin(units, eq(units.id, plans.unitId))
        .where(and(where, ...filters));
    const below = part(
      and(sql`${units.path} like ${`${unit.path}%`}`, sql`${units.depth} > ${unitDepth}`) as SQL,
    );
    if (!head) return goesBelow ? below : part(sql`false`);
    return goesBelow ? unionAll(part(head), below) : part(head);
  };
  return pageOf(db, query, rows, matches);
}

export const objectivesOf = (db: Executor, planId: string) =>
  db
    .select()
    .from(planObjectives)
    .where(eq(planObjectives.planId, planId))
    .orderBy(asc(planObjectives.position));

const owner = alias(units, "owner");
/** A plan's tasks in order, with their owner units' names and paths. */
export const tasksOf = (db: Executor, planId: string) =>
  db
    .select({ task: planTasks, ownerName: owner.name, ownerPath: owner.path })
    .from(planTasks)
    .innerJoin(owner, eq(owner.id, planTasks.ownerUnitId))
    .where(eq(planTasks.planId, planId))
    .orderBy(asc(planTasks.position));
export type PlanTaskListRow = Awaited<ReturnType<typeof tasksOf>>[number];

/** One task of a plan, with its owner unit's name and path. */
export async function findTask(db: Executor, planId: string, taskId: string) {
  const [row] = await db
    .select({ task: planTasks, ownerName: owner.name, ownerPath: owner.path })
    .from(planTasks)
    .innerJoin(owner, eq(owner.id, planTasks.ownerUnitId))
    .where(and(eq(planTasks.planId, planId), eq(planTasks.id, taskId)));
  return row ?? null;
}

/** The plan a unit derived from a given plan, if any. */
export async function derivedPlanOf(db: Executor, parentPlanId: string, unitId: string) {
  const [row] = await db
    .select({ id: plans.id, status: plans.status })
    .from(plans)
    .where(and(eq(plans.parentPlanId, parentPlanId), eq(plans.unitId, unitId)));
  return row ?? null;
}

/** A unit with its kind code and its parent's name and depth (what a plan's defaults and header need). */
export const unitForPlan = issuingUnit;
export type UnitForPlan = NonNullable<Awaited<ReturnType<typeof unitForPlan>>>;

/**
 * The units directly below a plan's unit, each with its plan derived from this one (if any) — open
 * units, and closed ones that had started theirs — and the inherited tasks of those plans.
 */
export async function planCascade(db: Executor, plan: { id: string; unitId: string }) {
  const children = await db
    .select({
      unitId: units.id,
      unitName: units.name,
      planId: plans.id,
      status: plans.status,
      number: plans.number,
      issuerCode: plans.issuerCode,
      issuedOn: plans.issuedOn,
    })
    .from(units)
    .leftJoin(plans, and(eq(plans.unitId, units.id), eq(plans.parentPlanId, plan.id)))
    .where(and(eq(units.parentId, plan.unitId), sql`(${units.status} = 'active' or ${plans.id} is not null)`))
    .orderBy(sql`${units.status} <> 'active'`, asc(units.sortKey), asc(units.id));
  const planIds = children.flatMap((c) => (c.planId ? [c.planId] : []));
  const ownTasks = db.select({ id: planTasks.id }).from(planTasks).where(eq(planTasks.planId, plan.id));
  const tasks = planIds.length
    ? await db
        .select({
          id: planTasks.id,
          planId: planTasks.planId,
          inheritedFromId: planTasks.inheritedFromId,
          status: planTasks.status,
          progress: planTasks.progress,
          deadline: planTasks.deadline,
        })
        .from(planTasks)
        .where(
          and(
            inArray(planTasks.planId, planIds),
            isNotNull(planTasks.inheritedFromId),
            inArray(planTasks.inheritedFromId, ownTasks),
          ),
        )
        .orderBy(asc(planTasks.planId), asc(planTasks.position))
    : [];
  return { children, tasks };
}
