import { authored, type CommandContext, recordChange } from "../../../lib/command.ts";
import { ruleViolation } from "../../../lib/errors.ts";
import { cleanText } from "../../../lib/vietnamese.ts";
import { checkIssuerKinds } from "../forms.ts";
import { commendationForms, type RecipientKind } from "../schema.ts";

export interface CreateFormInput extends CommandContext {
  unitId: string | null;
  code: string;
  name: string;
  nameEn: string;
  rank: number;
  issuerKinds: string[];
  recipientKinds: RecipientKind[];
  active: boolean;
}

/**
 * Adds a form to the catalogue of a unit's subtree (the national catalogue when `unitId` is null),
 * or redefines there a form of the same code (who issues it, its rank, whether it is in use).
 */
export async function createForm({ tx, ctx, ...input }: CreateFormInput) {
  const issuerKinds = await checkIssuerKinds(tx, input.issuerKinds);
  const [row] = await tx
    .insert(commendationForms)
    .values({
      unitId: input.unitId,
      code: input.code,
      name: cleanText(input.name),
      nameEn: cleanText(input.nameEn),
      rank: input.rank,
      issuerKinds,
      recipientKinds: [...new Set(input.recipientKinds)],
      active: input.active,
      ...authored(ctx),
    })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw ruleViolation("body.code", "taken", {
      vi: "Đơn vị đã có hình thức khen thưởng với mã này: hãy sửa hình thức đó.",
      en: "This unit already defines a form with this code: edit it instead.",
    });
  await recordChange({ tx, ctx }, "commendation_form.create", row, null, row);
  return row;
}
