import { isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Message } from "../../lib/errors.ts";
import { commendationForms } from "./schema.ts";

/** The names of the national catalogue's forms of commendation, for the breakdowns by form. */
export async function commendationFormNames(db: Executor) {
  const rows = await db
    .select({ code: commendationForms.code, name: commendationForms.name, nameEn: commendationForms.nameEn })
    .from(commendationForms)
    .where(isNull(commendationForms.unitId));
  return new Map<string, Message>(rows.map((r) => [r.code, { vi: r.name, en: r.nameEn }]));
}
