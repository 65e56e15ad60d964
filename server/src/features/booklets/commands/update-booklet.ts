import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../../lib/audit.ts";
import { type CommandContext, edited } from "../../../lib/command.ts";
import { changesNothing } from "../../../lib/edits.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { type BookletRow, booklets } from "../schema.ts";
import { checkModels, writeItems } from "./booklet-items.ts";

export interface UpdateBookletInput extends CommandContext {
  current: BookletRow & { practiceIds: string[] };
  version: number;
  title?: string | undefined;
  subtitle?: string | undefined;
  practiceIds?: string[] | undefined;
}

/** Edits the title, the subtitle or the list of models (reordered, added, removed); 409 on a stale version. */
export async function updateBooklet({ tx, ctx, current, ...input }: UpdateBookletInput): Promise<BookletRow> {
  if (changesNothing(input, current)) return current;
  const fields = {
    ...(input.title !== undefined ? { title: cleanText(input.title) } : {}),
    ...(input.subtitle !== undefined ? { subtitle: cleanText(input.subtitle) } : {}),
  };
  const [row] = await tx
    .update(booklets)
    .set({
      ...fields,
      ...edited(ctx, booklets.version),
    })
    .where(and(eq(booklets.id, current.id), eq(booklets.version, input.version)))
    .returning();
  if (!row) throw new AppError("VERSION_CONFLICT");
  if (input.practiceIds) {
    await checkModels(tx, input.practiceIds);
    await writeItems(tx, row.id, input.practiceIds);
  }
  await recordAudit(tx, ctx, {
    event: "booklet.update",
    entityId: row.id,
    unitId: row.unitId,
    before: { title: current.title, subtitle: current.subtitle, practiceIds: current.practiceIds },
    after: {
      title: row.title,
      subtitle: row.subtitle,
      practiceIds: input.practiceIds ?? current.practiceIds,
    },
  });
  return row;
}
