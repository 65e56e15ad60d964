import { z } from "zod";
import { listOf, pageQuery } from "../../lib/pagination.ts";

const isoDate = z.iso.date();

export const auditListQuery = pageQuery.extend({
  entity: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const auditItem = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  ip: z.string().nullable(),
  unitId: z.string().nullable(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
});
export const auditListResponse = listOf(auditItem);
