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

/** Each definition's values for a snapshot: what `computeMetrics` assigns, kept per definition. */
export function computeDefinitions(snapshot: FigureSnapshot, definitions = metricDefinitions()) {
  return definitions.map((definition) => ({ definition, values: definition.compute(snapshot) }));
}

/**
 * Every registered metric for the last of `periods` of a unit's subtree, and for the others the
 * metrics that have a value of their own key (the trend leaves breakdowns' parts out), from ONE
 * read of the raw figures at the end of each period and of the day before each start
 * (`figuresAt`, the read of the unit statistics and of `computeMetrics`): consecutive years share
 * their boundary day, so N years read N + 1 days. Each value equals `computeMetrics(unit, from,
 * to)`'s for its period (tested). Null when the unit is not within `scopePrefix`.
 */
export async function metricsOverPeriods(
  db: Executor,
  unit: { id: string; scopePrefix?: string },
  periods: { from: string; to: string }[],
) {
  const days = [...new Set(periods.flatMap((p) => [p.to, dayBefore(p.from)]))];
  const figures = await figuresAt(db, unit, days);
  if (!figures) return null;
  const at = (day: string) => figures[days.indexOf(day)] ?? new Map<string, number>();
  const compute = (p: { from: string; to: string }, definitions: MetricDefinition[]) => {
    const snapshot: FigureSnapshot = { at: at(p.to), before: at(dayBefore(p.from)), from: p.from, to: p.to };
    const computed = computeDefinitions(snapshot, definitions);
    const metrics: Record<string, number> = {};
    for (const { values } of computed) Object.assign(metrics, values);
    return { ...p, snapshot, computed, metrics };
  };
  const last = periods.at(-1);
  if (!last) return [];
  const current = compute(last, metricDefinitions());
  const headline = current.computed.filter((c) => c.definition.key in c.values).map((c) => c.definition);
  return [...periods.slice(0, -1).map((p) => compute(p, headline)), current];
}

/** A Map that records which keys a metric's `compute` reads (`all` when it iterates the figures). */
class ReadRecorder extends Map<string, number> {
  readonly read = new Set<string>();
  all = false;
  override get(key: string) {
    this.read.add(key);
    return undefined;
  }
  override has(key: string) {
    this.read.add(key);
    return false;
  }
  override [Symbol.iterator](): MapIterator<[string, number]> {
    this.all = true;
    return super[Symbol.iterator]();
  }
  override entries() {
    this.all = true;
    return super.entries();
  }
  override keys() {
    this.all = true;
    return super.keys();
  }
  override values() {
    this.all = true;
    return super.values();
  }
  override forEach(...args: Parameters<Map<string, number>["forEach"]>) {
    this.all = true;
    super.forEach(...args);
  }
}

/**
 * The raw figures these metrics read for a period (their `compute` run once on empty recording
 * figures), or null when one of them reads every figure (a breakdown by prefix). Lets the child
 * breakdown read only what its metrics need: ~15 of the ~40 raw figures a province folds a year.
 * A `compute` whose reads depended on the values read would be missed here; the breakdown's
 * metrics read fixed keys, and their values are tested equal to `computeMetrics`.
 */
export function rawFiguresRead(definitions: MetricDefinition[], from: string, to: string): string[] | null {
  const at = new ReadRecorder();
  const before = new ReadRecorder();
  for (const d of definitions) d.compute({ at, before, from, to });
  if (at.all || before.all) return null;
  return [...new Set([...at.read, ...before.read])].sort();
}
