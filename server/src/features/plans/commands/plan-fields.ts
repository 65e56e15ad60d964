import { eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanMultiline, cleanText } from "../../../lib/vietnamese.ts";
import { units } from "../../units/schema.ts";
import { planObjectives, planTasks } from "../schema.ts";

/** What the plan commands share: the text fields and their cleaning, the objectives and tasks written as lists. */

export interface ObjectiveInput {
  id?: string | undefined;
  content: string;
}
export interface TaskInput {
  id?: string | undefined;
  content: string;
  ownerUnitId?: string | undefined;
  deadline?: string | null | undefined;
}
export interface PlanTextFields {
  title?: string | undefined;
  summary?: string | undefined;
  preamble?: string | undefined;
  purpose?: string | undefined;
  implementation?: string | undefined;
  recipients?: string | undefined;
  signer?:
    | { authority?: string | undefined; title?: string | undefined; name?: string | undefined }
    | undefined;
}

export const rule = (details: { path: string; message: string }[], message?: { vi: string; en: string }) =>
  new AppError("RULE_VIOLATION", { ...(message ? { message } : {}), details });

/** The plan's text fields, cleaned (only those given). */
export function cleanFields(f: PlanTextFields) {
  return {
    ...(f.title !== undefined ? { title: cleanText(f.title) } : {}),
    ...(f.summary !== undefined ? { summary: cleanMultiline(f.summary) } : {}),
    ...(f.preamble !== undefined ? { preamble: cleanMultiline(f.preamble) } : {}),
    ...(f.purpose !== undefined ? { purpose: cleanMultiline(f.purpose) } : {}),
    ...(f.implementation !== undefined ? { implementation: cleanMultiline(f.implementation) } : {}),
    ...(f.recipients !== undefined ? { recipients: cleanMultiline(f.recipients) } : {}),
    ...(f.signer?.authority !== undefined ? { signerAuthority: cleanMultiline(f.signer.authority) } : {}),
    ...(f.signer?.title !== undefined ? { signerTitle: cleanText(f.signer.title) } : {}),
    ...(f.signer?.name !== undefined ? { signerName: cleanText(f.signer.name) } : {}),
  };
}

/** Each task's owner unit: the plan's unit (default) or an open unit below it; 422 naming each bad one. */
async function ownersOf(tx: Executor, planUnit: { id: string; path: string }, tasks: TaskInput[]) {
  const ids = [...new Set(tasks.flatMap((t) => (t.ownerUnitId ? [t.ownerUnitId] : [])))];
  const found = ids.length
    ? await tx
        .select({ id: units.id, path: units.path, status: units.status })
        .from(units)
        .where(inArray(units.id, ids))
    : [];
  const byId = new Map(found.map((u) => [u.id, u]));
  const problems: { path: string; message: string }[] = [];
  const owners = tasks.map((t, index) => {
    const id = t.ownerUnitId ?? planUnit.id;
    const unit = byId.get(id);
    if (id !== planUnit.id && (!unit?.path.startsWith(planUnit.path) || unit.status !== "active"))
      problems.push({ path: `body.tasks.${index}.ownerUnitId`, message: "out_of_unit" });
    return id;
  });
  if (problems.length)
    throw rule(problems, {
      vi: "Đơn vị chủ trì nhiệm vụ phải là đơn vị ban hành kế hoạch hoặc một đơn vị trực thuộc đang hoạt động.",
      en: "A task's unit in charge is the plan's unit or an open unit below it.",
    });
  return owners;
}

/** The ids a list keeps must be the plan's own. */
export function checkKnown(list: { id?: string | undefined }[], known: Set<string>, field: string) {
  const problems = list.flatMap((item, index) =>
    item.id && !known.has(item.id) ? [{ path: `body.${field}.${index}.id`, message: "unknown" }] : [],
  );
  if (problems.length) throw rule(problems);
}

/** Replaces a draft's objectives with the list given: listed ids kept (and reordered), others removed. */
export async function writeObjectives(tx: Executor, planId: string, list: ObjectiveInput[]) {
  const existing = await tx
    .select({ id: planObjectives.id })
    .from(planObjectives)
    .where(eq(planObjectives.planId, planId));
  checkKnown(list, new Set(existing.map((o) => o.id)), "objectives");
  const kept = new Set(list.flatMap((o) => (o.id ? [o.id] : [])));
  const removed = existing.filter((o) => !kept.has(o.id)).map((o) => o.id);
  if (removed.length) await tx.delete(planObjectives).where(inArray(planObjectives.id, removed));
  for (const [position, o] of list.entries()) {
    const content = cleanMultiline(o.content);
    if (o.id) await tx.update(planObjectives).set({ content, position }).where(eq(planObjectives.id, o.id));
    else await tx.insert(planObjectives).values({ planId, position, content });
  }
}

/** Replaces a draft's tasks with the list given: listed ids kept with their links, others removed. */
export async function writeTasks(
  tx: Executor,
  ctx: Ctx,
  plan: { id: string; unitId: string; unitPath: string },
  list: TaskInput[],
) {
  const owners = await ownersOf(tx, { id: plan.unitId, path: plan.unitPath }, list);
  const existing = await tx.select({ id: planTasks.id }).from(planTasks).where(eq(planTasks.planId, plan.id));
  checkKnown(list, new Set(existing.map((t) => t.id)), "tasks");
  const kept = new Set(list.flatMap((t) => (t.id ? [t.id] : [])));
  const removed = existing.filter((t) => !kept.has(t.id)).map((t) => t.id);
  if (removed.length) await tx.delete(planTasks).where(inArray(planTasks.id, removed));
  const by = ctx.actor?.userId ?? null;
  for (const [position, t] of list.entries()) {
    const values = {
      content: cleanMultiline(t.content),
      ownerUnitId: owners[position] as string,
      deadline: t.deadline ?? null,
      position,
    };
    if (t.id)
      await tx
        .update(planTasks)
        .set({ ...values, updatedAt: new Date(), updatedBy: by, version: sql`${planTasks.version} + 1` })
        .where(eq(planTasks.id, t.id));
    else await tx.insert(planTasks).values({ ...values, planId: plan.id, createdBy: by, updatedBy: by });
  }
}

/** The lists as the audit log keeps them. */
export async function listsOf(tx: Executor, planId: string) {
  const [objectives, tasks] = await Promise.all([
    tx
      .select({ content: planObjectives.content })
      .from(planObjectives)
      .where(eq(planObjectives.planId, planId))
      .orderBy(planObjectives.position),
    tx
      .select({
        content: planTasks.content,
        ownerUnitId: planTasks.ownerUnitId,
        deadline: planTasks.deadline,
      })
      .from(planTasks)
      .where(eq(planTasks.planId, planId))
      .orderBy(planTasks.position),
  ]);
  return { objectives: objectives.map((o) => o.content), tasks };
}
