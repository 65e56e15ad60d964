// Every module's tables, for Drizzle's relational queries and drizzle-kit.

export * from "../features/auth/schema.ts";
export * from "../features/booklets/schema.ts";
export * from "../features/commendations/schema.ts";
export * from "../features/commitments/schema.ts";
export * from "../features/documents/schema.ts";
export * from "../features/exemplars/schema.ts";
export * from "../features/figures/schema.ts";
export * from "../features/files/schema.ts";
export * from "../features/jobs/schema.ts";
export * from "../features/library/schema.ts";
export * from "../features/notifications/schema.ts";
export * from "../features/people/schema.ts";
export * from "../features/plans/schema.ts";
export * from "../features/practices/schema.ts";
export * from "../features/recognition/schema.ts";
export * from "../features/reports/schema.ts";
export * from "../features/standards/schema.ts";
export * from "../features/tokens/schema.ts";
export * from "../features/topics/schema.ts";
export * from "../features/units/schema.ts";
export * from "../features/users/schema.ts";
export * from "../lib/audit-log.ts";
