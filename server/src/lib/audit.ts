import type { Executor } from "../db/client.ts";
import { type AuditChanges, auditLog } from "./audit-log.ts";
import type { Ctx } from "./auth/actor.ts";

/** Every audit event name, in one place: "<entity>.<action>". */
export const auditEvents = [
  "session.login",
  "session.login_failed",
  "session.locked",
  "session.logout",
  "user.create",
  "user.update",
  "user.password_reset",
  "user.password_change",
  "user.preferences",
  "user.bulk_create",
  "token.create",
  "token.revoke",
  "unit.create",
  "unit.update",
  "unit.move",
  "unit.merge",
  "unit.split",
  "unit.dissolve",
  "unit.import",
  "person.create",
  "person.update",
  "person.transfer",
  "person.view",
  "person.import",
  "person.export",
  "practice.create",
  "practice.update",
  "practice.submit",
  "practice.return",
  "practice.forward",
  "practice.recognise",
  "practice.publish",
  "practice.unpublish",
  "practice.file_add",
  "practice.file_remove",
  "practice.import",
  "adoption.create",
  "adoption.update",
  "exemplar.create",
  "exemplar.update",
  "exemplar.submit",
  "exemplar.return",
  "exemplar.forward",
  "exemplar.recognise",
  "exemplar.publish",
  "exemplar.unpublish",
  "exemplar.photo",
  "booklet.create",
  "booklet.update",
  "booklet.export",
  "plan.create",
  "plan.update",
  "plan.delete",
  "plan.derive",
  "plan.issue",
  "plan_task.update",
  "topic.create",
  "topic.update",
  "topic.file_add",
  "topic.file_remove",
  "study_session.create",
  "study_session.update",
  "study_session.delete",
  "document.create",
  "document.update",
  "document.version_add",
  "document.read",
  "standard.create",
  "standard.revise",
  "standard.confirm",
  "commitment.create",
  "commitment.update",
  "commitment.submit",
  "commitment.assess",
  "commitment.review",
  "commitment.template",
  "rating.propose",
  "rating.confirm",
  "rating.correct",
  "year.close",
  "notification.read",
  "reminder.send",
  "reminder.run",
  "reminder.settings",
  "commendation_form.create",
  "commendation_form.update",
  "commendation_proposal.create",
  "commendation_proposal.update",
  "commendation_proposal.submit",
  "commendation_proposal.forward",
  "commendation_proposal.return",
  "commendation_proposal.trim",
  "commendation_proposal.raise",
  "commendation_proposal.approve",
  "commendation_decision.update",
  "commendation_decision.discard",
  "commendation_decision.issue",
  "commendation_decision.correct",
  "commendation_decision.certificates",
  "report_request.create",
  "report_request.cancel",
  "report_request.due_date",
  "report_request.remind",
  "report_request.pass",
  "report.update",
  "report.submit",
  "report.accept",
  "report.return",
  "report.fold",
  "report_schedule.create",
  "report_schedule.update",
  "system.seed_demo",
  "system.create_admin",
] as const;
export type AuditEvent = (typeof auditEvents)[number];

const redacted = new Set(["passwordHash", "tokenHash", "csrfToken"]);
const normalise = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));

/** The fields that differ between two versions of a row; secrets show only that they changed. */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditChanges {
  const changes: AuditChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (key === "updatedAt" || key === "version") continue;
    const b = normalise(before?.[key]);
    const a = normalise(after?.[key]);
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    changes[key] = redacted.has(key)
      ? { before: b === null ? null : "***", after: "***" }
      : { before: b, after: a };
  }
  return changes;
}

export interface AuditEntry {
  event: AuditEvent;
  entityId?: string | null;
  unitId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  actorOverride?: { id: string; username: string };
}

function auditRow(ctx: Ctx, event: AuditEntry): typeof auditLog.$inferInsert {
  const [entity = "", action = ""] = event.event.split(".");
  const changes =
    event.before !== undefined || event.after !== undefined
      ? diff(event.before ?? null, event.after ?? null)
      : null;
  const actor =
    event.actorOverride ?? (ctx.actor ? { id: ctx.actor.userId, username: ctx.actor.username } : null);
  return {
    actorId: actor?.id ?? null,
    actorUsername: actor?.username ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    unitId: event.unitId ?? ctx.actor?.unitId ?? null,
    entity,
    entityId: event.entityId ?? null,
    action,
    changes,
  };
}

/** Records one write, in the caller's transaction, so the change and its record commit together. */
export async function recordAudit(tx: Executor, ctx: Ctx, event: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values(auditRow(ctx, event));
}

/** Records many writes of one command (an import, a batch of accounts) in a few inserts, in its transaction. */
export async function recordAuditMany(tx: Executor, ctx: Ctx, events: AuditEntry[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    await tx.insert(auditLog).values(events.slice(i, i + 1000).map((event) => auditRow(ctx, event)));
  }
}
