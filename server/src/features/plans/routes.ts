import { z } from "zod";
import type { Actor } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { type App, ctxOf } from "../../lib/http.ts";
import { envelope } from "../../lib/pagination.ts";
import { authorize } from "../../lib/policy.ts";
import { routes } from "../../lib/routes.ts";
import { CAPITAL, documentPlace, upperBodyOf } from "../documents/index.ts";
import { pathIds } from "../figures/index.ts";
import { sendFile } from "../files/index.ts";
import { actingUnit, findUnit } from "../units/index.ts";
import { createPlan } from "./commands/create-plan.ts";
import { deletePlan } from "./commands/delete-plan.ts";
import { derivePlan } from "./commands/derive-plan.ts";
import { issuePlan } from "./commands/issue-plan.ts";
import { updatePlan } from "./commands/update-plan.ts";
import { updatePlanTask } from "./commands/update-plan-task.ts";
import {
  cascadeResponse,
  createPlanBody,
  derivePlanBody,
  issuePlanBody,
  planIdParams,
  planListQuery,
  planListResponse,
  planResponse,
  planTaskParams,
  taskResponse,
  updatePlanBody,
  updateTaskBody,
} from "./contracts.ts";
import { authorizeDraftAction, mayPlan, planners, planPolicy, planTaskPolicy } from "./policy.ts";
import {
  isOverdue,
  planObject,
  planSymbol,
  presentPlanDetail,
  presentPlanItem,
  presentTask,
} from "./presenter.ts";
import {
  derivedPlanOf,
  findPlan,
  findTask,
  listPlans,
  objectivesOf,
  type PlanListRow,
  planCascade,
  tasksOf,
  unitForPlan,
} from "./queries.ts";
import { planDocx } from "./render.ts";

const tags = ["plans"];
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Kế hoạch: whole-term and annual plans, derived down the tree, issued with a number, exported as Word. */
export function planRoutes(app: App) {
  const route = routes(app, { tags });
  const db = () => app.deps.db;
  const load = async (actor: Actor, id: string) => {
    const row = await findPlan(db(), actor, id);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  };
  /** The unit a plan is written for: one the actor sees and may plan for, open. */
  const plannedUnit = async (actor: Actor, unitId: string) => {
    const unit = await actingUnit(db(), actor, unitId, mayPlan);
    const info = await unitForPlan(db(), unit.id);
    if (!info) throw new AppError("NOT_FOUND");
    return info;
  };
  const detail = async (actor: Actor, row: PlanListRow) => {
    const p = row.plan;
    // The caller's unit is directly below the plan's: it may start its own plan from this one.
    const isChild = pathIds(actor.unitPath).at(-2) === p.unitId;
    const [objectives, tasks, derived] = await Promise.all([
      objectivesOf(db(), p.id),
      tasksOf(db(), p.id),
      isChild ? derivedPlanOf(db(), p.id, actor.unitId) : Promise.resolve(null),
    ]);
    return presentPlanDetail(actor, row, {
      objectives,
      tasks,
      today: vnToday(),
      derivation: {
        mayDerive: isChild && p.status === "issued" && planners.has(actor.role) && !derived,
        derivedPlan: derived,
      },
    });
  };
  const reload = async (actor: Actor, id: string) => ({ plan: await detail(actor, await load(actor, id)) });

  route.get("/plans", "published-down", {
    description:
      "The plans seen from a unit (default: the caller's): its subtree's and those issued above it (published down to it), or only its own (`scope=unit`), those from above (`above`) or its subordinates' (`below`); `year` keeps the plans in force that year (annual plans of the year, whole-term plans whose term holds it). Upper levels first.",
    querystring: planListQuery,
    response: planListResponse,
    handler: async (actor, req) => {
      let unit = { id: actor.unitId, path: actor.unitPath };
      if (req.query.unitId && req.query.unitId !== actor.unitId) {
        const found = await findUnit(db(), actor, req.query.unitId);
        if (!found) return envelope(req.query, [], 0);
        unit = found;
      }
      const { rows, ...total } = await listPlans(db(), actor, unit, req.query);
      return envelope(
        req.query,
        rows.map((r) => presentPlanItem(actor, r)),
        total,
      );
    },
  });

  route.post("/plans", "own-subtree", {
    description:
      "Starts a draft plan of a unit of the caller's subtree (default: the caller's own): whole-term (`term`, e.g. 2025–2030) or annual (`year`), with its objectives and tasks. Officers, leaders, cell secretaries and admins.",
    body: createPlanBody,
    response: { 201: planResponse },
    handler: async (actor, req, reply) => {
      const unit = await plannedUnit(actor, req.body.unitId ?? actor.unitId);
      const created = await db().transaction((tx) => createPlan({ tx, ctx: ctxOf(req), ...req.body, unit }));
      return reply.status(201).send(await reload(actor, created.id));
    },
  });

  route.get("/plans/:id", "published-down", {
    description:
      "A plan with its objectives and tasks (each with its progress and whether the caller may report it).",
    params: planIdParams,
    response: planResponse,
    handler: async (actor, req) => {
      return { plan: await detail(actor, await load(actor, req.params.id)) };
    },
  });

  route.patch("/plans/:id", "published-down", {
    description:
      "Edits a draft (with the `version` read; 409 when stale). Lists are replaced whole: listed ids are kept with their links to the parent plan, others removed, new ones added. An issued plan no longer changes (409).",
    params: planIdParams,
    body: updatePlanBody,
    response: planResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorizeDraftAction(actor, "update", planObject(row));
      await db().transaction((tx) =>
        updatePlan({ tx, ctx: ctxOf(req), current: { ...row.plan, unitPath: row.unitPath }, ...req.body }),
      );
      return reload(actor, row.plan.id);
    },
  });

  route.delete("/plans/:id", "published-down", {
    description: "Deletes a draft. An issued plan stays (409).",
    params: planIdParams,
    response: { 204: z.null() },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      authorizeDraftAction(actor, "delete", planObject(row));
      await db().transaction((tx) => deletePlan({ tx, ctx: ctxOf(req), current: row.plan }));
      return reply.status(204).send(null);
    },
  });

  route.post("/plans/:id/issue", "published-down", {
    description:
      "Issues a draft: it takes the next number of the unit's plans in the committee term (restarting at 01 each term, no gaps), is published down the unit's subtree and no longer changes but for its tasks' progress. 422 lists what the document still lacks; 409 when already issued.",
    params: planIdParams,
    body: issuePlanBody,
    response: planResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorizeDraftAction(actor, "issue", planObject(row));
      const unit = await unitForPlan(db(), row.plan.unitId);
      if (!unit) throw new AppError("NOT_FOUND");
      await db().transaction((tx) =>
        issuePlan({ tx, ctx: ctxOf(req), planId: row.plan.id, unit, ...req.body }),
      );
      return reload(actor, row.plan.id);
    },
  });

  route.post("/plans/:id/derive", "published-down", {
    description:
      "A unit directly below the plan's (default: the caller's) starts its own plan from this issued one: a draft with its objectives and tasks copied and linked, to adapt. 422 when the unit is not directly below or already started one.",
    params: planIdParams,
    body: derivePlanBody,
    response: { 201: planResponse },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      const unit = await plannedUnit(actor, req.body.unitId ?? actor.unitId);
      const created = await db().transaction((tx) =>
        derivePlan({ tx, ctx: ctxOf(req), source: row.plan, unit }),
      );
      return reply.status(201).send(await reload(actor, created.id));
    },
  });

  route.get("/plans/:id/cascade", "published-down", {
    description:
      "The parent's view of a plan: for each unit directly below, whether it issued its plan derived from this one and how the inherited tasks progress; and for each task, its copies' progress. For the plan's unit and those above it.",
    params: planIdParams,
    response: cascadeResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      authorize(actor, planPolicy, "cascade", planObject(row));
      const { children, tasks } = await planCascade(db(), row.plan);
      const today = vnToday();
      const byPlan = Map.groupBy(tasks, (t) => t.planId);
      const units = children.map((c) => {
        const items = (c.planId ? (byPlan.get(c.planId) ?? []) : []).map((t) => ({
          taskId: t.id,
          inheritedFromId: t.inheritedFromId as string,
          status: t.status,
          progress: t.progress,
          overdue: isOverdue(t, today),
        }));
        const total = items.length;
        return {
          unit: { id: c.unitId, name: c.unitName },
          plan: c.planId
            ? {
                id: c.planId,
                status: c.status ?? "draft",
                number: planSymbol({ number: c.number, issuerCode: c.issuerCode }),
                issuedOn: c.issuedOn,
              }
            : null,
          tasks: {
            total,
            done: items.filter((i) => i.status === "done").length,
            inProgress: items.filter((i) => i.status === "in_progress").length,
            notStarted: items.filter((i) => i.status === "not_started").length,
            overdue: items.filter((i) => i.overdue).length,
            progress: total ? Math.round(items.reduce((s, i) => s + i.progress, 0) / total) : 0,
          },
          items,
        };
      });
      const copies = Map.groupBy(tasks, (t) => t.inheritedFromId as string);
      const own = await tasksOf(db(), row.plan.id);
      return {
        planId: row.plan.id,
        issued: units.filter((u) => u.plan?.status === "issued").length,
        total: units.length,
        units,
        byTask: own.map(({ task }) => {
          const list = copies.get(task.id) ?? [];
          return {
            taskId: task.id,
            units: list.length,
            done: list.filter((t) => t.status === "done").length,
            progress: list.length ? Math.round(list.reduce((s, t) => s + t.progress, 0) / list.length) : 0,
          };
        }),
      };
    },
  });

  route.patch("/plans/:id/tasks/:taskId", "published-down", {
    description:
      "The task's owner unit (or one above it) reports its status, progress (0–100) and a note, on an issued plan, with the task's `version` (409 when stale). Done is 100%, not started 0%: given one, the other follows.",
    params: planTaskParams,
    body: updateTaskBody,
    response: taskResponse,
    handler: async (actor, req) => {
      const row = await load(actor, req.params.id);
      const found = await findTask(db(), row.plan.id, req.params.taskId);
      if (!found) throw new AppError("NOT_FOUND");
      authorize(actor, planTaskPolicy, "update", { unitPath: found.ownerPath, planStatus: row.plan.status });
      await db().transaction((tx) =>
        updatePlanTask({
          tx,
          ctx: ctxOf(req),
          planStatus: row.plan.status,
          current: found.task,
          ...req.body,
        }),
      );
      const updated = await findTask(db(), row.plan.id, found.task.id);
      if (!updated) throw new AppError("NOT_FOUND");
      return { task: presentTask(actor, updated, row.plan.status, vnToday()) };
    },
  });

  route.get("/plans/:id/docx", "published-down", {
    description:
      "The plan as a Word document in the official format (Hướng dẫn 36-HD/VPTW): the header with ĐẢNG CỘNG SẢN VIỆT NAM, the issuing body, number, place and date; KẾ HOẠCH and its summary; the body; the recipients and the signing block. A draft prints blanks for its number and date.",
    params: planIdParams,
    config: { timeout: "export" },
    handler: async (actor, req, reply) => {
      const row = await load(actor, req.params.id);
      const p = row.plan;
      const [objectives, tasks, unit] = await Promise.all([
        objectivesOf(db(), p.id),
        tasksOf(db(), p.id),
        unitForPlan(db(), p.unitId),
      ]);
      if (!unit) throw new AppError("NOT_FOUND");
      const issued = p.status === "issued";
      const symbol = planSymbol(p);
      const data = await planDocx({
        upperBody: issued ? p.upperName : upperBodyOf(unit),
        issuingBody: (issued ? p.issuerName : null) ?? unit.unit.name,
        symbol,
        issuerCode: (issued ? p.issuerCode : null) ?? unit.unit.documentCode,
        place: (issued ? p.place : null) ?? (await documentPlace(db(), row.unitPath)) ?? CAPITAL,
        issuedOn: p.issuedOn,
        year: p.endYear === p.startYear ? p.startYear : Number(vnToday().slice(0, 4)),
        summary: p.summary,
        preamble: p.preamble,
        purpose: p.purpose,
        objectives: objectives.map((o) => o.content),
        tasks: tasks.map((t) => ({
          content: t.task.content,
          ownerName: t.ownerName,
          deadline: t.task.deadline,
        })),
        implementation: p.implementation,
        recipients: p.recipients.split("\n").filter((l) => l.trim()),
        signer: {
          authority: p.signerAuthority.split("\n").filter((l) => l.trim()),
          title: p.signerTitle,
          name: p.signerName,
        },
        title: p.title,
        creator: unit.unit.name,
      });
      const fileName = symbol ? `Kế hoạch số ${symbol}.docx` : `Dự thảo kế hoạch - ${p.title}.docx`;
      return sendFile(reply, { data, contentType: DOCX, fileName }, "private, no-cache");
    },
  });
}
