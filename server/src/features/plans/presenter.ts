import type { Actor } from "../../lib/auth/actor.ts";
import { allowedActions, inSubtree } from "../../lib/policy.ts";
import { documentSymbol } from "../documents/index.ts";
import { type PlanObject, planPolicy, planTaskPolicy } from "./policy.ts";
import type { PlanListRow, PlanTaskListRow } from "./queries.ts";
import type { PlanObjectiveRow, PlanRow, PlanStatus, PlanTaskRow } from "./schema.ts";

export const planObject = (row: { plan: PlanRow; unitPath: string }): PlanObject => ({
  unitPath: row.unitPath,
  status: row.plan.status,
});

/** "12-KH/ĐU" once issued. */
export const planSymbol = (p: Pick<PlanRow, "number" | "issuerCode">) =>
  p.number !== null && p.issuerCode ? documentSymbol(p.number, "KH", p.issuerCode) : null;

/** Not done and past its deadline (days in Asia/Ho_Chi_Minh). */
export const isOverdue = (t: Pick<PlanTaskRow, "status" | "deadline">, today: string) =>
  t.status !== "done" && t.deadline !== null && t.deadline < today;

export function presentPlanItem(actor: Actor, row: PlanListRow) {
  const p = row.plan;
  return {
    id: p.id,
    kind: p.kind,
    term: p.term,
    year: p.kind === "annual" ? p.startYear : null,
    startYear: p.startYear,
    endYear: p.endYear,
    title: p.title,
    summary: p.summary,
    unit: { id: p.unitId, name: row.unitName },
    status: p.status,
    number: planSymbol(p),
    issuedOn: p.issuedOn,
    parentPlan:
      p.parentPlanId && row.parentTitle
        ? { id: p.parentPlanId, title: row.parentTitle, unitName: row.parentUnitName ?? "" }
        : null,
    fromAbove: !inSubtree(actor, row.unitPath),
    taskCount: Number(row.taskCount),
    progress: Number(row.progress),
    allowedActions: allowedActions(actor, planPolicy, planObject(row)),
    version: p.version,
  };
}

export function presentTask(actor: Actor, row: PlanTaskListRow, planStatus: PlanStatus, today: string) {
  const t = row.task;
  return {
    id: t.id,
    content: t.content,
    ownerUnit: { id: t.ownerUnitId, name: row.ownerName },
    deadline: t.deadline,
    status: t.status,
    overdue: isOverdue(t, today),
    progress: t.progress,
    note: t.note,
    inheritedFromId: t.inheritedFromId,
    mayUpdate:
      planStatus === "issued" &&
      allowedActions(actor, planTaskPolicy, { unitPath: row.ownerPath, planStatus }).includes("update"),
    version: t.version,
  };
}

export function presentPlanDetail(
  actor: Actor,
  row: PlanListRow,
  extra: {
    objectives: PlanObjectiveRow[];
    tasks: PlanTaskListRow[];
    derivation: { mayDerive: boolean; derivedPlan: { id: string; status: PlanStatus } | null };
    today: string;
  },
) {
  const p = row.plan;
  return {
    ...presentPlanItem(actor, row),
    preamble: p.preamble,
    purpose: p.purpose,
    implementation: p.implementation,
    recipients: p.recipients,
    signer: { authority: p.signerAuthority, title: p.signerTitle, name: p.signerName },
    place: p.place,
    numberTerm: p.numberTerm,
    objectives: extra.objectives.map((o) => ({
      id: o.id,
      content: o.content,
      inheritedFromId: o.inheritedFromId,
    })),
    tasks: extra.tasks.map((t) => presentTask(actor, t, p.status, extra.today)),
    derivation: extra.derivation,
    docxUrl: `/api/plans/${p.id}/docx`,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
