import { isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { dayBefore } from "../../lib/dates.ts";
import type { Message } from "../../lib/errors.ts";
import { commendationForms } from "../commendations/schema.ts";
import { campaignFields } from "../recognition/schema.ts";
import { unitKinds } from "../units/schema.ts";
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
  /**
   * The vocabularies whose codes make the parts of a breakdown's keys, one per dot-separated
   * segment of the part (named by `registerPartNames`): "units.kind.cell" is ["unitKind"].
   */
  parts?: readonly PartVocabulary[];
  compute: (figures: FigureSnapshot) => Record<string, number>;
}

/** The label of a computed value, in a language: its own, or its metric's with its part's name. */
export function labelOf(key: string, lang: "vi" | "en"): string | null {
  const cacheKey = `${lang}|${key}`;
  if (labels.has(cacheKey)) return labels.get(cacheKey) ?? null;
  const label = findLabel(key, lang);
  labels.set(cacheKey, label);
  return label;
}
const labels = new Map<string, string | null>();

/**
 * Names of the parts of breakdowns whose parts are codes of a vocabulary (unit kinds, campaign
 * fields): "units.kind.cell" reads "Đơn vị theo loại — Chi bộ", not "— cell".
 */
export type PartVocabulary = "unitKind" | "field" | "commendationForm" | "recipientKind";
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

/**
 * Names the parts of the breakdowns by unit kind, by field and by form of commendation (the
 * national catalogue) from their tables, at start.
 */
export async function loadPartNames(db: Executor) {
  const named = (rows: { code: string; name: string; nameEn: string }[]) =>
    new Map(rows.map((r) => [r.code, { vi: r.name, en: r.nameEn }]));
  const columns = (t: typeof unitKinds | typeof campaignFields | typeof commendationForms) => ({
    code: t.code,
    name: t.name,
    nameEn: t.nameEn,
  });
  registerPartNames("unitKind", named(await db.select(columns(unitKinds)).from(unitKinds)));
  registerPartNames("field", named(await db.select(columns(campaignFields)).from(campaignFields)));
  registerPartNames(
    "commendationForm",
    named(
      await db
        .select(columns(commendationForms))
        .from(commendationForms)
        .where(isNull(commendationForms.unitId)),
    ),
  );
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
