import { authored, type CommandContext, recordChange } from "../../../lib/command.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { type BookletRow, booklets } from "../schema.ts";
import { checkModels, writeItems } from "./booklet-items.ts";

export interface CreateBookletInput extends CommandContext {
  unitId: string;
  title: string;
  subtitle: string;
  practiceIds: string[];
}

/** Compiles a booklet of the caller's unit from recognised models, in the order given. */
export async function createBooklet({ tx, ctx, ...input }: CreateBookletInput): Promise<BookletRow> {
  await checkModels(tx, input.practiceIds);
  const [row] = await tx
    .insert(booklets)
    .values({
      unitId: input.unitId,
      title: cleanText(input.title),
      subtitle: cleanText(input.subtitle),
      ...authored(ctx),
    })
    .returning();
  if (!row) throw new Error("no booklet row");
  await writeItems(tx, row.id, input.practiceIds);
  await recordChange({ tx, ctx }, "booklet.create", row, null, {
    title: row.title,
    subtitle: row.subtitle,
    practiceIds: input.practiceIds,
  });
  return row;
}
