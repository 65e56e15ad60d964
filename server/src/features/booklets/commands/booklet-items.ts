import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { AppError } from "../../../lib/errors.ts";
import { recognisedAmong } from "../queries.ts";
import { bookletItems } from "../schema.ts";

/** What the booklet commands share: the models it may hold, its items written in order. */

export async function checkModels(tx: Executor, practiceIds: string[]) {
  const ok = await recognisedAmong(tx, practiceIds);
  const bad = practiceIds.flatMap((id, index) =>
    ok.has(id) ? [] : [{ path: `body.practiceIds.${index}`, message: "not_recognised" }],
  );
  if (bad.length)
    throw new AppError("RULE_VIOLATION", {
      message: {
        vi: "Tập chỉ gồm các mô hình đã được công nhận. Hãy bỏ các mô hình chưa được công nhận hoặc không tìm thấy.",
        en: "A booklet holds recognised models only. Remove the models that are not recognised or not found.",
      },
      details: bad,
    });
}

export async function writeItems(tx: Executor, bookletId: string, practiceIds: string[]) {
  await tx.delete(bookletItems).where(eq(bookletItems.bookletId, bookletId));
  await tx
    .insert(bookletItems)
    .values(practiceIds.map((practiceId, position) => ({ bookletId, practiceId, position })));
}
