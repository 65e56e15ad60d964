import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../../db/client.ts";
import { type AuditEntry, recordAuditMany } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { type CommandContext, recordChanges } from "../../../lib/command.ts";
import type { ReorganisedUnit } from "../../../lib/manifest.ts";
import { units } from "../../units/schema.ts";
import {
  applyReportChanges,
  type Counts,
  isSummed,
  type ReportChange,
  rebuildReportCounts,
  scaled,
  statusKey,
} from "../counts.ts";
import { type ReportRow, reportRequests, reports } from "../schema.ts";
import { keepVersion } from "./report-versions.ts";

/** A counted report's whole weight in the counters: its status, its timeliness, its figures when summed. */
function weight(r: ReportRow, sign: 1 | -1): Pick<ReportChange, "counts" | "sums"> {
  const counts: Partial<Counts> = { [statusKey[r.status]]: sign };
  if (r.timeliness === "on_time") counts.onTime = sign;
  if (r.timeliness === "late") counts.late = sign;
  return { counts, ...(isSummed(r.status) ? { sums: scaled(r.manualValues, sign) } : {}) };
}

const requesterUnit = alias(units, "requester_unit");

/**
 * A requester merged into a successor passes its open requests on: the successor follows them up
 * (the targets moved into its subtree with the merge), its consolidated report included, and their
 * counters are rebuilt for the tree as it is now.
 */
async function passRequests(
  tx: Executor,
  ctx: Ctx,
  input: { unit: ReorganisedUnit; successor: ReorganisedUnit },
) {
  const passed = await tx
    .update(reportRequests)
    .set({ unitId: input.successor.id, version: sql`${reportRequests.version} + 1`, updatedAt: new Date() })
    .where(and(eq(reportRequests.unitId, input.unit.id), eq(reportRequests.status, "open")))
    .returning({ id: reportRequests.id });
  if (!passed.length) return;
  const ids = passed.map((p) => p.id);
  await tx
    .update(reports)
    .set({ unitId: input.successor.id, updatedAt: new Date() })
    .where(and(inArray(reports.requestId, ids), eq(reports.role, "consolidation")));
  await rebuildReportCounts(tx, { requestIds: ids });
  const passedOn = ids.map((id) => ({ id, unitId: input.successor.id }));
  await recordChanges({ tx, ctx }, "report_request.pass", passedOn, () => ({
    before: { unitId: input.unit.id },
    after: { unitId: input.successor.id },
  }));
}

export interface CloseUnitReportsInput extends CommandContext {
  unit: ReorganisedUnit;
  successor: ReorganisedUnit | null;
  on: string;
}

/**
 * The period rule for reports: a target unit that closes on day `on` (merged, or dissolved) no
 * longer reports for the open requests whose period ends on or after that day. Merged into a
 * successor that is a target too: its report folds into the successor's (it stops counting, so no
 * rate can exceed 100% — the successor's figures hold its records anyway). Merged into a unit that
 * is not a target: the successor takes its report over (its officers finish it). Dissolved: a
 * report never submitted stops counting; one already submitted stays. Called by the units
 * commands in their transaction, after the unit moved under its successor and closed.
 */
export async function closeUnitReports({ tx, ctx, ...input }: CloseUnitReportsInput) {
  if (input.successor) await passRequests(tx, ctx, { unit: input.unit, successor: input.successor });
  const rows = await tx
    .select({ report: reports, requesterPath: requesterUnit.path })
    .from(reports)
    .innerJoin(reportRequests, eq(reportRequests.id, reports.requestId))
    .innerJoin(requesterUnit, eq(requesterUnit.id, reportRequests.unitId))
    .where(
      and(
        eq(reports.unitId, input.unit.id),
        eq(reports.role, "target"),
        eq(reports.counted, true),
        eq(reportRequests.status, "open"),
        gte(reportRequests.periodEnd, input.on),
      ),
    );
  if (!rows.length) return;
  const [closed] = await tx.select().from(units).where(eq(units.id, input.unit.id));
  if (!closed) return;
  const successor = input.successor
    ? ((await tx.select().from(units).where(eq(units.id, input.successor.id)))[0] ?? null)
    : null;
  const changes: ReportChange[] = [];
  const audits: AuditEntry[] = [];
  for (const { report, requesterPath } of rows) {
    const at = { requestId: report.requestId, requesterPath };
    let after: ReportRow | undefined;
    let event = "fold";
    if (successor) {
      const [existing] = await tx
        .select()
        .from(reports)
        .where(and(eq(reports.requestId, report.requestId), eq(reports.unitId, successor.id)));
      if (existing) {
        // The successor reports anyway (or is the requester): this report stops counting.
        [after] = await tx
          .update(reports)
          .set({
            counted: false,
            closedReason: "merged",
            foldedIntoId: existing.role === "target" ? existing.id : null,
            version: sql`${reports.version} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(reports.id, report.id))
          .returning();
        changes.push({ ...at, unitPath: closed.path, ...weight(report, -1) });
      } else {
        [after] = await tx
          .update(reports)
          .set({ unitId: successor.id, version: sql`${reports.version} + 1`, updatedAt: new Date() })
          .where(eq(reports.id, report.id))
          .returning();
        event = "pass";
        changes.push(
          { ...at, unitPath: closed.path, ...weight(report, -1) },
          { ...at, unitPath: successor.path, ...weight(report, 1) },
        );
      }
    } else if (report.firstSubmittedAt === null) {
      [after] = await tx
        .update(reports)
        .set({
          counted: false,
          closedReason: "dissolved",
          version: sql`${reports.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(reports.id, report.id))
        .returning();
      changes.push({ ...at, unitPath: closed.path, ...weight(report, -1) });
    }
    if (!after) continue;
    await keepVersion(tx, ctx, after, event);
    audits.push({
      event: "report.fold",
      entityId: after.id,
      unitId: successor?.id ?? input.unit.id,
      before: { unitId: report.unitId, counted: report.counted, closedReason: report.closedReason },
      after: {
        unitId: after.unitId,
        counted: after.counted,
        closedReason: after.closedReason,
        foldedIntoId: after.foldedIntoId,
        on: input.on,
      },
    });
  }
  await applyReportChanges(tx, changes);
  await recordAuditMany(tx, ctx, audits);
}
