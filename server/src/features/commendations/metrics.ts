import { byPrefix, type FigureSnapshot, flow, type MetricDefinition, stock } from "../../lib/figures.ts";

/** The change within the period of every raw figure under a prefix, keyed `<key>.<suffix>`. */
const flowsOf = (f: FigureSnapshot, prefix: string, key: string) => {
  const at = byPrefix(f.at, prefix);
  const before = byPrefix(f.before, prefix);
  const out: Record<string, number> = {};
  for (const suffix of new Set([...at.keys(), ...before.keys()]))
    out[`${key}.${suffix.replace(":", ".")}`] = (at.get(suffix) ?? 0) - (before.get(suffix) ?? 0);
  return out;
};

/**
 * Commendations of a subtree and a period: decisions issued (by the subtree's units), recipients
 * (counted in their own units) by form, by kind and by both, corrections.
 */
/** The metrics this module derives from the figures (installed by the composition root). */
export const metrics: MetricDefinition[] = [
  {
    key: "commendations.decisions",
    label: {
      vi: "Quyết định khen thưởng ban hành trong kỳ",
      en: "Commendation decisions issued in the period",
    },
    compute: (f) => ({ "commendations.decisions": flow("commendations.decisions")(f) }),
  },
  {
    key: "commendations.decisionsTotal",
    label: {
      vi: "Quyết định khen thưởng đã ban hành (lũy kế)",
      en: "Commendation decisions issued (to date)",
    },
    compute: (f) => ({ "commendations.decisionsTotal": stock("commendations.decisions")(f) }),
  },
  {
    key: "commendations.corrections",
    label: { vi: "Quyết định đính chính trong kỳ", en: "Correcting decisions in the period" },
    compute: (f) => ({ "commendations.corrections": flow("commendations.corrections")(f) }),
  },
  {
    key: "commendations.recipients",
    label: {
      vi: "Lượt tập thể, cá nhân được khen thưởng trong kỳ",
      en: "Collectives and individuals commended in the period",
    },
    compute: (f) => ({ "commendations.recipients": flow("commendations.recipients")(f) }),
  },
  {
    key: "commendations.kind",
    label: { vi: "Được khen thưởng theo đối tượng", en: "Commended by kind" },
    keyLabels: {
      "commendations.kind.collective": { vi: "Tập thể được khen thưởng", en: "Collectives commended" },
      "commendations.kind.individual": { vi: "Cá nhân được khen thưởng", en: "Individuals commended" },
    },
    compute: (f) => ({
      "commendations.kind.collective": flow("commendations.kind:collective")(f),
      "commendations.kind.individual": flow("commendations.kind:individual")(f),
    }),
  },
  {
    key: "commendations.form",
    label: { vi: "Được khen thưởng theo hình thức", en: "Commended by form" },
    parts: ["commendationForm"],
    compute: (f) => flowsOf(f, "commendations.form:", "commendations.form"),
  },
  {
    key: "commendations.formKind",
    label: { vi: "Được khen thưởng theo hình thức và đối tượng", en: "Commended by form and kind" },
    parts: ["commendationForm", "recipientKind"],
    compute: (f) => flowsOf(f, "commendations.formKind:", "commendations.formKind"),
  },
];
