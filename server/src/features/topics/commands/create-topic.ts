import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../lib/audit.ts";
import type { Ctx } from "../../../lib/auth/actor.ts";
import { authored } from "../../../lib/command.ts";
import { cleanMultiline, cleanText } from "../../../lib/vietnamese.ts";
import type { UnitRow } from "../../units/schema.ts";
import { type TopicLink, topics } from "../schema.ts";
import { cleanLinks, duplicateYear } from "./shared.ts";

/** Issues a unit's topic for a year (one per unit and year). */
export async function createTopic(input: {
  tx: Executor;
  ctx: Ctx;
  unit: UnitRow;
  year: number;
  title: string;
  summary: string;
  links: TopicLink[];
}) {
  const { tx, ctx } = input;
  const [row] = await tx
    .insert(topics)
    .values({
      unitId: input.unit.id,
      year: input.year,
      title: cleanText(input.title),
      summary: cleanMultiline(input.summary),
      links: cleanLinks(input.links),
      ...authored(ctx),
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw duplicateYear();
  await recordAudit(tx, ctx, { event: "topic.create", entityId: row.id, unitId: row.unitId, after: row });
  return row;
}
