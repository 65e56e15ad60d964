import { and, asc, desc, eq, inArray, isNotNull, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { type PageQuery, pageOf } from "../../lib/pagination.ts";
import { pathIds } from "../figures/figures.ts";
import { unitKinds, units } from "../units/schema.ts";
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

/**
 * The plans seen from a unit (`unitPath`, within the actor's sight): its subtree's, and those
 * issued above it; or only its own, only those from above, only its subordinates'. Upper levels
 * first ("upper level first, lower level after"), then the most recent.
 */
export async function listPlans(
  db: Executor,
  actor: Actor,
  unit: { id: string; path: string },
  query: PlanFilters,
) {
  const ancestors = pathIds(unit.path).filter((id) => id !== unit.id);
  const above = ancestors.length
    ? (and(inArray(plans.unitId, ancestors), eq(plans.status, "issued")) as SQL)
    : sql`false`;
  const scoped: Record<PlanFilters["scope"], SQL> = {
    all: sql`(${inSubtreeOf(unit.path)} or ${above})`,
    unit: eq(plans.unitId, unit.id),
    above,
    below: and(inSubtreeOf(unit.path), ne(plans.unitId, unit.id)) as SQL,
  };
  const conditions: SQL[] = [planReadWhere(actor), scoped[query.scope]];
  if (query.year !== undefined)
    conditions.push(sql`${plans.startYear} <= ${query.year} and ${plans.endYear} >= ${query.year}`);
  if (query.kind) conditions.push(eq(plans.kind, query.kind));
  if (query.status) conditions.push(eq(plans.status, query.status));
  const where = and(...conditions);
  return pageOf(
    db,
    query,
    (limit, offset) =>
      selectPlans(db, where)
        .orderBy(
          asc(units.depth),
          desc(plans.startYear),
          desc(plans.kind),
          asc(units.sortKey),
          desc(plans.id),
        )
        .limit(limit)
        .offset(offset),
    () => db.select({ one: sql`1` }).from(plans).innerJoin(units, eq(units.id, plans.unitId)).where(where),
  );
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
export async function unitForPlan(db: Executor, unitId: string) {
  const [row] = await db
    .select({
      unit: units,
      kindCode: unitKinds.code,
      parentName: parentUnit.name,
      parentDepth: parentUnit.depth,
    })
    .from(units)
    .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
    .leftJoin(parentUnit, eq(parentUnit.id, units.parentId))
    .where(eq(units.id, unitId));
  return row ?? null;
}
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
