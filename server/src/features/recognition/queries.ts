import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import type { PageQuery } from "../../lib/pagination.ts";
import { units } from "../units/schema.ts";
import { type ReviewStatus, reviewSteps } from "./schema.ts";

/** The review steps of an item (a model, an exemplar), oldest first, with the units' names. */
export function reviewHistory(db: Executor, type: string, id: string) {
  const from = alias(units, "from_unit");
  const to = alias(units, "to_unit");
  return db
    .select({ step: reviewSteps, fromName: from.name, toName: to.name })
    .from(reviewSteps)
    .leftJoin(from, eq(from.id, reviewSteps.fromUnitId))
    .leftJoin(to, eq(to.id, reviewSteps.toUnitId))
    .where(and(eq(reviewSteps.subjectType, type), eq(reviewSteps.subjectId, id)))
    .orderBy(asc(reviewSteps.at));
}

/** The filters of an item type's list (the contracts' `reviewListFilters`, its scope and order). */
export interface ReviewFilters extends PageQuery {
  q?: string | undefined;
  field?: string | undefined;
  status?: ReviewStatus | undefined;
  level?: string | undefined;
  year?: number | undefined;
  unitId?: string | undefined;
  scope: "all" | "mine";
  sort: "relevance" | "recent" | "title";
}
