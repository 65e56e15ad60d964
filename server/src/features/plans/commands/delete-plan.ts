import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { type PlanRow, plans } from "../schema.ts";
import { listsOf } from "./plan-fields.ts";

/** Deletes a draft (a plan started by mistake, or derived twice over); an issued plan stays (409). */
export async function deletePlan({ tx, ctx, current }: { tx: Executor; ctx: Ctx; current: PlanRow }) {
  const lists = await listsOf(tx, current.id);
  const [removed] = await tx
    .delete(plans)
    .where(and(eq(plans.id, current.id), eq(plans.status, "draft")))
    .returning({ id: plans.id });
  if (!removed) throw new AppError("STATE_CONFLICT");
  await recordChange({ tx, ctx }, "plan.delete", current, { ...current, ...lists }, null);
}
