import type { Executor } from "../../db/client.ts";
import { dayBefore } from "../../lib/dates.ts";
import type { Message } from "../../lib/errors.ts";
import {
  byPrefix,
  type FigureSnapshot,
  flow,
  type MetricDefinition,
  type PartVocabulary,
  stock,
} from "../../lib/figures.ts";
import { figuresAt } from "./figures.ts";

export { byPrefix, type FigureSnapshot, flow, type MetricDefinition, type PartVocabulary, stock };

/** The label of a computed value, in a language: its own, or its metric's with its part's name. */
export function labelOf(key: string, lang: "vi" | "en"): string | null {
  const cacheKey = `${lang}|${key}`;
  if (labels.has(cacheKey)) return labels.get(cacheKey) ?? null;
  const label = findLabel(key, lang);
  labels.set(cacheKey, label);
  return label;
}
const labels = new Map<string, string | null>();

const partNames = new Map<PartVocabulary, Map<string, Message>>([
  [
    "recipientKind",
    new Map([
      ["collective", { vi: "tập thể", en: "collectives" }],
      ["individual", { vi: "cá nhân", en: "individuals" }],
    ]),
  ],
]);
export function registerPartNames(vocabulary: PartVocabulary, names: Map<string, Message>) {
  partNames.set(vocabulary, names);
  labels.clear();
}

const partLoaders = new Map<PartVocabulary, (db: Executor) => Promise<Map<string, Message>>>();
/** A module's names of a vocabulary's codes, read at start by loadPartNames. */
export function registerPartLoader(
  vocabulary: PartVocabulary,
  load: (db: Executor) => Promise<Map<string, Message>>,
) {
  partLoaders.set(vocabulary, load);
}

/** Names the parts of the breakdowns (unit kinds, fields, the national forms of commendation) from their modules, at start. */
export async function loadPartNames(db: Executor) {
  for (const [vocabulary, load] of partLoaders) registerPartNames(vocabulary, await load(db));
}

function findLabel(key: string, lang: "vi" | "en"): string | null {
  const definitions = [...registry.values()];
  // A value's own label first (a breakdown's part may share its prefix with another metric's key).
  for (const d of definitions) {
    const own = d.keyLabels?.[key];
    if (own) return own[lang];
  }
  for (const d of definitions) if (key === d.key) return d.label[lang];
  // The longest metric key the value's key extends: its label, with the part's name.
  const parent = definitions
    .filter((d) => key.startsWith(`${d.key}.`))
    .sort((a, b) => b.key.length - a.key.length)[0];
  if (!parent) return null;
  const part = key.slice(parent.key.length + 1);
  const segments = part.split(".");
  const named = parent.parts?.length === segments.length ? parent.parts : undefined;
  const name = segments
    .map((code, i) => (named?.[i] && partNames.get(named[i])?.get(code)?.[lang]) ?? code)
    .join(", ");
  return `${parent.label[lang]} — ${name}`;
}

const registry = new Map<string, MetricDefinition>();

export function registerMetrics(definitions: MetricDefinition[]) {
  for (const d of definitions) {
    if (registry.has(d.key)) throw new Error(`metric ${d.key} registered twice`);
    registry.set(d.key, d);
  }
}

export const metricDefinitions = () => {
  if (!registry.size)
    throw new Error("figures: no metric installed (call installModules() from server/src/modules.ts first)");
  return [...registry.values()];
};

/** Every registered metric for a unit's subtree over [from, to] (dates in Asia/Ho_Chi_Minh). */
export async function computeMetrics(
  db: Executor,
  unit: { id: string; scopePrefix?: string | undefined },
  from: string,
  to: string,
): Promise<Record<string, number> | null> {
  const figures = await figuresAt(db, unit, [to, dayBefore(from)]);
  if (!figures) return null;
  const [at = new Map(), before = new Map()] = figures;
  const snapshot = { at, before, from, to };
  const metrics: Record<string, number> = {};
  for (const definition of metricDefinitions()) Object.assign(metrics, definition.compute(snapshot));
  return metrics;
}
