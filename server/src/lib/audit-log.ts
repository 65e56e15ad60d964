import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id } from "../db/columns.ts";

export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * Nhật ký — the audit trail of the platform (lib: every module writes it; the audit module reads it): one row per write, inserted in the writing transaction. `unit_id` is the unit the
 * changed object belongs to, so the log is scoped like everything else. Append-only.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorUsername: text("actor_username"),
    ip: text("ip"),
    requestId: text("request_id"),
    unitId: uuid("unit_id"),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    action: text("action").notNull(),
    changes: jsonb("changes").$type<AuditChanges>(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_entity_idx").on(t.entity, t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
  ],
);
