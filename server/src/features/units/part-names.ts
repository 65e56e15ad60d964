import type { Executor } from "../../db/client.ts";
import type { Message } from "../../lib/errors.ts";
import { unitKinds } from "./schema.ts";

/** The names of the unit kinds, for the breakdowns by kind ("Đơn vị theo loại — Chi bộ"). */
export async function unitKindNames(db: Executor) {
  const rows = await db
    .select({ code: unitKinds.code, name: unitKinds.name, nameEn: unitKinds.nameEn })
    .from(unitKinds);
  return new Map<string, Message>(rows.map((r) => [r.code, { vi: r.name, en: r.nameEn }]));
}
