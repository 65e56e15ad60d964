import { and, eq } from "drizzle-orm";
import { type CommandContext, edited, recordChange } from "../../../lib/command.ts";
import { AppError } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { checkIssuerKinds } from "../forms.ts";
import { type CommendationFormRow, commendationForms, type RecipientKind } from "../schema.ts";

export interface UpdateFormInput extends CommandContext {
  current: CommendationFormRow;
  version: number;
  name?: string | undefined;
  nameEn?: string | undefined;
  rank?: number | undefined;
  issuerKinds?: string[] | undefined;
  recipientKinds?: RecipientKind[] | undefined;
  active?: boolean | undefined;
}

/** Edits a form's definition; the version read must be current. */
export async function updateForm({ tx, ctx, current, ...input }: UpdateFormInput) {
  const issuerKinds = input.issuerKinds ? await checkIssuerKinds(tx, input.issuerKinds) : undefined;
  const [after] = await tx
    .update(commendationForms)
    .set({
      ...(input.name !== undefined ? { name: cleanText(input.name) } : {}),
      ...(input.nameEn !== undefined ? { nameEn: cleanText(input.nameEn) } : {}),
      ...(input.rank !== undefined ? { rank: input.rank } : {}),
      ...(issuerKinds ? { issuerKinds } : {}),
      ...(input.recipientKinds ? { recipientKinds: [...new Set(input.recipientKinds)] } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...edited(ctx, commendationForms.version),
    })
    .where(and(eq(commendationForms.id, current.id), eq(commendationForms.version, input.version)))
    .returning();
  if (!after) throw new AppError("VERSION_CONFLICT", { details: { currentVersion: current.version } });
  await recordChange({ tx, ctx }, "commendation_form.update", current, current, after);
  return after;
}
