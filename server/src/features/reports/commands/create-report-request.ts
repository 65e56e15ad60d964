import { and, count, eq, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import { authored, type CommandContext } from "../../../lib/command.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { initialCounts, inSubtree } from "../counts.ts";
import { defaultSections, sectionsWithKeys } from "../defaults.ts";
import { type ReportRequestRow, reportRequests, reports, type TargetSpec } from "../schema.ts";
import {
  checkMetrics,
  checkPickedTargets,
  manualMetricsOf,
  type RequestInput,
  refused,
  uuidv7Sql,
} from "./request-checks.ts";

export interface CreateReportRequestInput extends CommandContext {
  requester: { id: string; path: string; depth: number };
  body: RequestInput;
  scheduleId?: string | null;
}

/**
 * Issues a request from a unit: the request row, one report per target unit (not started) in one
 * INSERT … SELECT over the units table — a national request to 300,000 units is one statement —,
 * the requester's own consolidated report, and the folded completeness counters; all in the
 * caller's transaction. Targets are the open units at the given depths below the requester, or
 * hand-picked open units of its subtree (422 naming those that are not). A schedule's request for a
 * period is created once: null when it already exists.
 */
export async function createReportRequest({
  tx,
  ctx,
  ...input
}: CreateReportRequestInput): Promise<ReportRequestRow | null> {
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
      ...authored(ctx),
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
