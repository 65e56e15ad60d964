import { and, eq, sql } from "drizzle-orm";
import type { PgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import { type AuditEvent, recordAudit } from "../../lib/audit.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { edited } from "../../lib/command.ts";
import { changesNothing } from "../../lib/edits.ts";
import { AppError } from "../../lib/errors.ts";
import { applyFigureDeltas, type FigureDelta } from "../figures/index.ts";
import type { ReviewTableColumns } from "./figures.ts";
import type { ReviewStatus } from "./schema.ts";
import { type ReviewFactsOf, type ReviewSubject, refigureField, reviewContributions } from "./workflow.ts";

/** A reviewed item type whose drafts are edited: its table has the version and `updated*` columns too. */
export interface DraftSubject extends ReviewSubject {
  table: PgTable & ReviewTableColumns & { version: PgColumn };
}

type Draft = { id: string; unitId: string; version: number; status: ReviewStatus };

/**
 * The commands of an item type's drafts (registered by its unit, edited until submitted and again
 * when returned), each in the caller's transaction. `audited` is what the audit log keeps of a row.
 */
export function draftCommands<Row extends Draft>(
  subject: DraftSubject,
  factsOf: ReviewFactsOf,
  audited: (row: Row) => Record<string, unknown> = (row) => row,
) {
  const table = subject.table;
  return {
    /** After a new draft's insert: its figures (and `more`, the type's own) and the audit event. */
    async created(tx: Executor, ctx: Ctx, row: Row, more: FigureDelta[] = []) {
      const facts = await factsOf(tx, row.id);
      await applyFigureDeltas(tx, [...reviewContributions(subject.metricPrefix, facts, []), ...more]);
      await recordAudit(tx, ctx, {
        event: `${subject.type}.create` as AuditEvent,
        entityId: row.id,
        unitId: row.unitId,
        before: null,
        after: audited(row),
      });
    },

    /**
     * Edits a draft or returned item: an edit that changes nothing answers the item as it is;
     * otherwise the columns `set` computes are written, guarded by the version read and the state
     * (409 when either has moved on), the figures follow a change of field, and the audit event.
     */
    async edited<Current extends Row>(
      tx: Executor,
      ctx: Ctx,
      current: Current,
      input: { version: number },
      set: () => Promise<Record<string, unknown>>,
    ): Promise<Row> {
      if (current.status !== "draft" && current.status !== "returned") throw new AppError("STATE_CONFLICT");
      if (changesNothing(input, current)) return current;
      const before = await factsOf(tx, current.id);
      const values = {
        ...(await set()),
        ...edited(ctx, table.version),
      } as PgUpdateSetSource<typeof table>;
      const [after] = (await tx
        .update(table)
        .set(values)
        .where(
          and(
            eq(table.id, current.id),
            eq(table.version, input.version),
            sql`${table.status} in ('draft', 'returned')`,
          ),
        )
        .returning()) as Row[];
      if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
      await refigureField(tx, subject.metricPrefix, before, await factsOf(tx, current.id));
      await recordAudit(tx, ctx, {
        event: `${subject.type}.update` as AuditEvent,
        entityId: current.id,
        unitId: current.unitId,
        before: audited(current),
        after: audited(after),
      });
      return after;
    },
  };
}
