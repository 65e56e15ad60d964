import type { Executor } from "../../db/client.ts";
import type { Message } from "../../lib/errors.ts";
import { campaignFields } from "./schema.ts";

/** The names of the campaign's fields, for the breakdowns by field. */
export async function fieldNames(db: Executor) {
  const rows = await db
    .select({ code: campaignFields.code, name: campaignFields.name, nameEn: campaignFields.nameEn })
    .from(campaignFields);
  return new Map<string, Message>(rows.map((r) => [r.code, { vi: r.name, en: r.nameEn }]));
}
