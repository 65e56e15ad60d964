import type { Executor } from "../../db/client.ts";
import type { Lang } from "../../lib/errors.ts";
import { computeMetrics, labelOf, metricDefinitions } from "../figures/index.ts";
import { isSummed, readSums } from "./counts.ts";
import type { ManualMetric, ReportSnapshot, ReportStatus } from "./schema.ts";

/**
 * Which registered metric a computed value belongs to. A metric's fixed keys are found by running
 * its `compute` once on empty figures ("people.active.gender" gives "people.active.male" and
 * "…female"); a breakdown over the data ("units.kind" → "units.kind.cell") gives none then, and
 * owns the keys under its own ("units.kind.…"), the longest metric key winning.
 */
let owners: { count: number; fixed: Map<string, string>; keys: string[] } | null = null;
export function metricOf(key: string): string | null {
  const definitions = metricDefinitions();
  if (owners?.count !== definitions.length) {
    const fixed = new Map<string, string>();
    const empty = { at: new Map(), before: new Map(), from: "2000-01-01", to: "2000-12-31" };
    for (const d of definitions) {
      let keys: string[] = [];
      try {
        keys = Object.keys(d.compute(empty));
      } catch {
        // A metric that cannot run on empty figures owns the keys under its own only.
      }
      for (const k of keys) if (!fixed.has(k)) fixed.set(k, d.key);
    }
    owners = {
      count: definitions.length,
      fixed,
      keys: definitions.map((d) => d.key).sort((a, b) => b.length - a.length),
    };
  }
  return owners.fixed.get(key) ?? owners.keys.find((k) => key === k || key.startsWith(`${k}.`)) ?? null;
}

/** The values of the chosen registry metrics among everything `computeMetrics` derived. */
export function pickMetrics(all: Record<string, number>, keys: readonly string[]): Record<string, number> {
  const chosen = new Set(keys);
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(all)) {
    const owner = metricOf(key);
    if (owner && chosen.has(owner)) out[key] = value;
  }
  return out;
}

/** The registry's metric keys a request may choose (with their labels). */
export const registryMetrics = (lang: Lang) =>
  metricDefinitions().map((d) => ({ key: d.key, label: d.label[lang] }));

/**
 * The computed figures of a unit's subtree for a request's period: the SAME computation the
 * dashboard and the statistics use (`computeMetrics` of the figures registry), kept to the chosen metrics.
 */
export async function computedFigures(
  db: Executor,
  unitId: string,
  request: { periodStart: string; periodEnd: string; metrics: string[] },
): Promise<Record<string, number>> {
  if (!request.metrics.length) return {};
  const all = await computeMetrics(db, { id: unitId }, request.periodStart, request.periodEnd);
  return pickMetrics(all ?? {}, request.metrics);
}

/**
 * The sums of the submitted hand-entered figures of the target units below a unit (its own report
 * left out): from the request's folded sums at the upper levels, else counted over the subtree.
 */
export async function subordinateSums(
  db: Executor,
  input: {
    requestId: string;
    requesterPath: string;
    unit: { id: string; path: string; depth: number };
    own: { status: ReportStatus; counted: boolean; manualValues: Record<string, number> } | null;
  },
): Promise<Record<string, number>> {
  const { total } = await readSums(db, input);
  const own = input.own;
  if (own?.counted && isSummed(own.status))
    for (const [key, value] of Object.entries(own.manualValues)) total[key] = (total[key] ?? 0) - value;
  return Object.fromEntries(
    Object.entries(total)
      .map(([k, v]) => [k, Math.round(v * 1e6) / 1e6] as const)
      .filter(([, v]) => v !== 0),
  );
}

export const labelFor = (key: string, lang: Lang) => labelOf(key, lang) ?? key;

/** The figures a report shows: computed (live or frozen) and hand-entered (own, subordinates, total). */
export function presentFigures(input: {
  computed: Record<string, number>;
  subordinates: Record<string, number>;
  manualMetrics: ManualMetric[];
  manualValues: Record<string, number>;
  lang: Lang;
}) {
  return {
    computed: Object.entries(input.computed)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => ({ key, label: labelFor(key, input.lang), value })),
    manual: input.manualMetrics.map((m) => {
      const own = input.manualValues[m.key] ?? null;
      const subordinates = input.subordinates[m.key] ?? 0;
      return {
        key: m.key,
        label: m.label,
        unit: m.unit,
        own,
        subordinates,
        total: Math.round(((own ?? 0) + subordinates) * 1e6) / 1e6,
      };
    }),
  };
}

/** Where frozen figures differ from today's: computed ones, and the subordinates' submitted sums. */
export function differencesOf(input: {
  snapshot: ReportSnapshot;
  computed: Record<string, number>;
  subordinates: Record<string, number>;
  manualMetrics: ManualMetric[];
  lang: Lang;
}) {
  const out: {
    key: string;
    label: string;
    source: "computed" | "subordinates";
    frozen: number;
    current: number;
  }[] = [];
  const compare = (
    source: "computed" | "subordinates",
    frozen: Record<string, number>,
    current: Record<string, number>,
    label: (key: string) => string,
  ) => {
    for (const key of [...new Set([...Object.keys(frozen), ...Object.keys(current)])].sort()) {
      const a = frozen[key] ?? 0;
      const b = current[key] ?? 0;
      if (a !== b) out.push({ key, label: label(key), source, frozen: a, current: b });
    }
  };
  compare("computed", input.snapshot.computed, input.computed, (key) => labelFor(key, input.lang));
  const manualLabel = new Map(input.manualMetrics.map((m) => [m.key, m.label]));
  compare(
    "subordinates",
    input.snapshot.subordinates,
    input.subordinates,
    (key) => manualLabel.get(key) ?? key,
  );
  return out;
}
