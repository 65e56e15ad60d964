import { and, count, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { metricDefinitions } from "../../figures/index.ts";
import { units } from "../../units/schema.ts";
import { initialCounts, inSubtree } from "../counts.ts";
import { defaultSections, sectionsWithKeys } from "../defaults.ts";
import {
  type ManualMetric,
  type ReportRequestRow,
  type RequestKind,
  reportRequests,
  reports,
  type TargetSpec,
} from "../schema.ts";

/** A UUIDv7 made by the database (time-ordered like the application's ids): for set-based inserts. */
export const uuidv7Sql = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

export interface RequestInput {
  title: string;
  kind: RequestKind;
  reviewYears?: number | undefined;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  targets: TargetSpec;
  sections?: { key?: string | undefined; title: string }[] | undefined;
  metrics: string[];
  manualMetrics: { key: string; label: string; unit?: string | null | undefined }[];
  instructions: string;
}

const refused = (vi: string, en: string, details: { path: string; message: string }[]): never => {
  throw new AppError("RULE_VIOLATION", { message: { vi, en }, details });
};

/** The chosen metrics must be keys of the registry (what the modules register). */
export function checkMetrics(metrics: string[], path = "body.metrics") {
  const known = new Set(metricDefinitions().map((d) => d.key));
  const unknown = metrics.flatMap((m, i) =>
    known.has(m) ? [] : [{ path: `${path}.${i}`, message: "unknown" }],
  );
  if (unknown.length)
    refused(
      "Có chỉ tiêu không có trong danh mục chỉ tiêu của hệ thống.",
      "Some metrics are not in the system's registry.",
      unknown,
    );
}

export const manualMetricsOf = (input: RequestInput["manualMetrics"]): ManualMetric[] =>
  input.map((m) => ({ key: m.key, label: cleanText(m.label), unit: m.unit ? cleanText(m.unit) : null }));

/**
 * Hand-picked targets must be open units below the requesting unit (its subtree, itself excluded):
 * 422 naming each one that is not — a unit of another province reads like an unknown one. Requests
 * and the schedules that will create them check the same way.
 */
export async function checkPickedTargets(
  tx: Executor,
  requester: { id: string; path: string },
  targets: TargetSpec,
) {
  if (!("unitIds" in targets)) return;
  const found = await tx
    .select({ id: units.id })
    .from(units)
    .where(
      sql`${units.id} = any(${sql.param(targets.unitIds)}::uuid[]) and ${inSubtree(units.path, requester.path)}
          and ${units.status} = 'active' and ${units.id} <> ${requester.id}::uuid`,
    );
  const ok = new Set(found.map((f) => f.id));
  const bad = targets.unitIds.flatMap((id, i) =>
    ok.has(id) ? [] : [{ path: `body.targets.unitIds.${i}`, message: "not_below" }],
  );
  if (bad.length)
    refused(
      "Đơn vị được chọn phải là đơn vị đang hoạt động thuộc quyền của đơn vị yêu cầu báo cáo.",
      "Each unit picked must be an open unit below the requesting unit.",
      bad,
    );
}

/**
 * Issues a request from a unit: the request row, one report per target unit (not started) in one
 * INSERT … SELECT over the units table — a national request to 300,000 units is one statement —,
 * the requester's own consolidated report, and the folded completeness counters; all in the
 * caller's transaction. Targets are the open units at the given depths below the requester, or
 * hand-picked open units of its subtree (422 naming those that are not). A schedule's request for a
 * period is created once: null when it already exists.
 */
export async function createReportRequest(
  tx: Executor,
  ctx: Ctx,
  input: {
    requester: { id: string; path: string; depth: number };
    body: RequestInput;
    scheduleId?: string | null;
  },
): Promise<ReportRequestRow | null> {
  const { requester, body } = input;
  checkMetrics(body.metrics);
  const targets: TargetSpec =
    "levels" in body.targets
      ? { levels: [...new Set(body.targets.levels)].sort((a, b) => a - b) }
      : { unitIds: [...new Set(body.targets.unitIds)] };
  const [request] = await tx
    .insert(reportRequests)
    .values({
      unitId: requester.id,
      scheduleId: input.scheduleId ?? null,
      title: cleanText(body.title),
      kind: body.kind,
      reviewYears: body.kind === "review" ? (body.reviewYears ?? null) : null,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      dueOn: body.dueOn,
      targets,
      sections: sectionsWithKeys(body.sections ?? defaultSections),
      metrics: body.metrics,
      manualMetrics: manualMetricsOf(body.manualMetrics),
      instructions: body.instructions,
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!request) return null;

  const actorId = ctx.actor?.userId ?? null;
  let targetUnits: SQL;
  if ("levels" in targets) {
    const depths = targets.levels.map((l) => requester.depth + l);
    targetUnits = sql`
      select u.id, u.path, u.depth from units u
      where ${inSubtree(sql`u.path`, requester.path)} and u.status = 'active' and u.depth = any(${sql.param(depths)}::int[])`;
    await tx.execute(sql`
      insert into reports (id, request_id, unit_id, original_unit_id, created_by, updated_by)
      select ${uuidv7Sql}, ${request.id}::uuid, u.id, u.id, ${actorId}::uuid, ${actorId}::uuid
      from (${targetUnits}) u`);
  } else {
    await checkPickedTargets(tx, requester, targets);
    targetUnits = sql`select u.id, u.path, u.depth from units u where u.id = any(${sql.param(targets.unitIds)}::uuid[])`;
    await tx.execute(sql`
      insert into reports (id, request_id, unit_id, original_unit_id, created_by, updated_by)
      select ${uuidv7Sql}, ${request.id}::uuid, u.id, u.id, ${actorId}::uuid, ${actorId}::uuid
      from (${targetUnits}) u`);
  }
  const [created] = await tx
    .select({ n: count() })
    .from(reports)
    .where(and(eq(reports.requestId, request.id), eq(reports.counted, true)));
  const targetCount = created?.n ?? 0;
  if (targetCount === 0)
    refused(
      "Không có đơn vị nào ở cấp được chọn để gửi yêu cầu báo cáo.",
      "No open unit at the chosen levels to send the request to.",
      [{ path: "body.targets", message: "empty" }],
    );
  await tx.insert(reports).values({
    requestId: request.id,
    unitId: requester.id,
    originalUnitId: requester.id,
    role: "consolidation",
    counted: false,
    createdBy: actorId,
    updatedBy: actorId,
  });
  await initialCounts(tx, { id: request.id, requesterDepth: requester.depth }, targetUnits);
  const [after] = await tx
    .update(reportRequests)
    .set({ targetCount })
    .where(eq(reportRequests.id, request.id))
    .returning();
  if (!after) throw new Error("request vanished");
  await recordAudit(tx, ctx, {
    event: "report_request.create",
    entityId: after.id,
    unitId: requester.id,
    after: {
      title: after.title,
      kind: after.kind,
      periodStart: after.periodStart,
      periodEnd: after.periodEnd,
      dueOn: after.dueOn,
      targets: after.targets,
      targetCount,
      scheduleId: after.scheduleId,
    },
  });
  return after;
}

/**
 * Moves an open request's due date (with the version read; 409 when stale or no longer open). It
 * must not fall before the period's start. Reports already submitted keep their timeliness (a late
 * one stays late); those not yet submitted are judged by the new date: overdue, and reminded, only
 * after it.
 */
export async function moveReportDueDate(
  tx: Executor,
  ctx: Ctx,
  input: { request: ReportRequestRow; version: number; dueOn: string },
) {
  const { request } = input;
  if (input.dueOn < request.periodStart)
    throw new AppError("RULE_VIOLATION", {
      details: [{ path: "body.dueOn", message: "Trước kỳ báo cáo / Before the period" }],
    });
  if (input.version !== request.version)
    throw new AppError("VERSION_CONFLICT", { details: { currentVersion: request.version } });
  const [after] = await tx
    .update(reportRequests)
    .set({
      dueOn: input.dueOn,
      version: sql`${reportRequests.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(
      and(
        eq(reportRequests.id, request.id),
        eq(reportRequests.version, input.version),
        eq(reportRequests.status, "open"),
      ),
    )
    .returning();
  if (!after) throw new AppError(request.status === "open" ? "VERSION_CONFLICT" : "STATE_CONFLICT");
  await recordAudit(tx, ctx, {
    event: "report_request.due_date",
    entityId: after.id,
    unitId: after.unitId,
    before: { dueOn: request.dueOn },
    after: { dueOn: after.dueOn },
  });
  return after;
}

/** Cancels an open request: its reports stay readable, nothing more is written to them (409 after). */
export async function cancelReportRequest(tx: Executor, ctx: Ctx, input: { request: ReportRequestRow }) {
  const [after] = await tx
    .update(reportRequests)
    .set({
      status: "cancelled",
      cancelledAt: new Date(),
      version: sql`${reportRequests.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    })
    .where(and(eq(reportRequests.id, input.request.id), eq(reportRequests.status, "open")))
    .returning();
  if (!after) throw new AppError("STATE_CONFLICT");
  await recordAudit(tx, ctx, {
    event: "report_request.cancel",
    entityId: after.id,
    unitId: after.unitId,
    before: { status: input.request.status },
    after: { status: after.status },
  });
  return after;
}
