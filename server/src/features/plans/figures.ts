import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { batchesById } from "../../lib/figures.ts";
import type { FigureDelta } from "../figures/index.ts";
import { type PlanKind, type PlanStatus, plans } from "./schema.ts";

export const PLAN_METRICS = "plans.";

/** What a plan's figures depend on. */
export interface PlanFacts {
  unitId: string;
  kind: PlanKind;
  status: PlanStatus;
  issuedOn: string | null;
}

/** An issued plan counts in its unit on the day it bears: once, and once for its kind. */
export function planContributions(plan: PlanFacts): FigureDelta[] {
  if (plan.status !== "issued" || !plan.issuedOn) return [];
  return [
    { unitId: plan.unitId, metric: "plans.issued", on: plan.issuedOn, delta: 1 },
    { unitId: plan.unitId, metric: `plans.issued.kind:${plan.kind}`, on: plan.issuedOn, delta: 1 },
  ];
}

/** Every issued plan's contributions, a batch at a time (rebuilding the figures). */
export async function* planFigureBatches(db: Executor, batchSize = 5_000): AsyncGenerator<FigureDelta[]> {
  const query = () =>
    db
      .select({
        id: plans.id,
        unitId: plans.unitId,
        kind: plans.kind,
        status: plans.status,
        issuedOn: plans.issuedOn,
      })
      .from(plans)
      .$dynamic();
  const issued = eq(plans.status, "issued");
  for await (const rows of batchesById(query, plans.id, batchSize, issued))
    yield rows.flatMap(planContributions);
}
