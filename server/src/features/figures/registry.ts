import type { Executor } from "../../db/client.ts";
import { dayBefore } from "../../lib/dates.ts";
import type { Message } from "../../lib/errors.ts";
import { figuresAt } from "./figures.ts";

/** Raw subtree figures at the end of the period (`at`) and at the end of the day before it (`before`). */
export interface FigureSnapshot {
  at: Map<string, number>;
  before: Map<string, number>;
  from: string;
  to: string;
}

/**
 * A metric that a module contributes to statistics, reports and dashboards. `compute` derives
 * one or more values for a subtree and a period from the raw figures: a stock (counted at the end
 * of the period) reads `at`, a flow (what happened within it) is `at − before`.
 */
export interface MetricDefinition {
  key: string;
  label: Message;
  /** Labels of the values `compute` returns under other keys (breakdowns). */
  keyLabels?: Record<string, Message>;
  compute: (figures: FigureSnapshot) => Record<string, number>;
}

/** The label of a computed value, in a language: its own, or its metric's with the key's tail. */
export function labelOf(key: string, lang: "vi" | "en"): string | null {
  const cacheKey = `${lang}|${key}`;
  if (labels.has(cacheKey)) return labels.get(cacheKey) ?? null;
  const label = findLabel(key, lang);
  labels.set(cacheKey, label);
  return label;
}
const labels = new Map<string, string | null>();

function findLabel(key: string, lang: "vi" | "en"): string | null {
  for (const d of registry.values()) {
    const own = d.keyLabels?.[key];
    if (own) return own[lang];
    if (key === d.key) return d.label[lang];
    if (key.startsWith(`${d.key}.`)) return `${d.label[lang]} — ${key.slice(d.key.length + 1)}`;
  }
  return null;
}

const registry = new Map<string, MetricDefinition>();

export function registerMetrics(definitions: MetricDefinition[]) {
  for (const d of definitions) {
    if (registry.has(d.key)) throw new Error(`metric ${d.key} registered twice`);
    registry.set(d.key, d);
  }
}

export const metricDefinitions = () => [...registry.values()];

/** A stock: the raw figure at the end of the period. */
export const stock = (raw: string) => (f: FigureSnapshot) => f.at.get(raw) ?? 0;
/** A flow: the change of the raw figure within the period. */
export const flow = (raw: string) => (f: FigureSnapshot) => (f.at.get(raw) ?? 0) - (f.before.get(raw) ?? 0);
/** Raw figures by the suffix after a prefix, e.g. "units.active.kind:" → { cell: 12, … }. */
export function byPrefix(figures: Map<string, number>, prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of figures) if (key.startsWith(prefix)) out.set(key.slice(prefix.length), value);
  return out;
}

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
  for (const definition of registry.values()) Object.assign(metrics, definition.compute(snapshot));
  return metrics;
}
