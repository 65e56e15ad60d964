import { eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { batchesById } from "../../lib/figures.ts";
import type { FigureDelta } from "../figures/index.ts";
import {
  commendationDecisions,
  commendationForms,
  type DecisionStatus,
  decisionRecipients,
  type RecipientKind,
} from "./schema.ts";

export const COMMENDATION_METRICS = "commendations.";

/** What the figures need of a decision and its recipients. */
export interface DecisionFacts {
  unitId: string;
  status: DecisionStatus;
  issuedOn: string | null;
  formCode: string;
  correctsId: string | null;
  recipients: { unitId: string; kind: RecipientKind }[];
}

/**
 * What a decision contributes, on its issue day: one decision issued (in the issuing unit), a
 * correction when it corrects another, and each recipient in the unit it counts in — by form, by
 * kind (collective, individual) and by both. Drafts contribute nothing; nor does a corrected
 * decision: its correction counts instead, on the correction's day.
 */
export function decisionContributions(d: DecisionFacts): FigureDelta[] {
  if (d.status !== "issued" || !d.issuedOn) return [];
  const on = d.issuedOn;
  const deltas: FigureDelta[] = [{ unitId: d.unitId, metric: "commendations.decisions", on, delta: 1 }];
  if (d.correctsId) deltas.push({ unitId: d.unitId, metric: "commendations.corrections", on, delta: 1 });
  for (const r of d.recipients) {
    deltas.push(
      { unitId: r.unitId, metric: "commendations.recipients", on, delta: 1 },
      { unitId: r.unitId, metric: `commendations.form:${d.formCode}`, on, delta: 1 },
      { unitId: r.unitId, metric: `commendations.kind:${r.kind}`, on, delta: 1 },
      { unitId: r.unitId, metric: `commendations.formKind:${d.formCode}:${r.kind}`, on, delta: 1 },
    );
  }
  return deltas;
}

/** A decision's own facts (its recipients apart), with its id. */
const selectFacts = (db: Executor) =>
  db
    .select({
      id: commendationDecisions.id,
      unitId: commendationDecisions.unitId,
      status: commendationDecisions.status,
      issuedOn: commendationDecisions.issuedOn,
      formCode: commendationForms.code,
      correctsId: commendationDecisions.correctsId,
    })
    .from(commendationDecisions)
    .innerJoin(commendationForms, eq(commendationForms.id, commendationDecisions.formId));

/** A decision's facts as they are in the database (in the caller's transaction). */
export async function decisionFacts(db: Executor, id: string): Promise<DecisionFacts> {
  const [row] = await selectFacts(db).where(eq(commendationDecisions.id, id));
  if (!row) throw new Error(`no decision ${id}`);
  const recipients = await db
    .select({ unitId: decisionRecipients.unitId, kind: decisionRecipients.kind })
    .from(decisionRecipients)
    .where(eq(decisionRecipients.decisionId, id));
  return { ...row, recipients };
}

/** Every issued decision's contributions, a batch at a time (rebuilding the figures). */
export async function* commendationFigureBatches(
  db: Executor,
  batchSize = 2_000,
): AsyncGenerator<FigureDelta[]> {
  const issued = eq(commendationDecisions.status, "issued");
  const query = () => selectFacts(db).$dynamic();
  for await (const rows of batchesById(query, commendationDecisions.id, batchSize, issued)) {
    const recipients = Map.groupBy(
      await db
        .select({
          decisionId: decisionRecipients.decisionId,
          unitId: decisionRecipients.unitId,
          kind: decisionRecipients.kind,
        })
        .from(decisionRecipients)
        .where(
          inArray(
            decisionRecipients.decisionId,
            rows.map((r) => r.id),
          ),
        ),
      (r) => r.decisionId,
    );
    yield rows.flatMap((r) => decisionContributions({ ...r, recipients: recipients.get(r.id) ?? [] }));
  }
}
