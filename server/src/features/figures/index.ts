// The figures engine's face to the other modules: contributions applied in the writer's
// transaction, subtree reads, the metric registry and the rebuild. Modules do not register
// themselves: the composition root installs their manifests (installFigureModules).
import type { ModuleManifest } from "../../lib/manifest.ts";
import { registerAfterFiguresRebuilt, registerFigureSource } from "./rebuild.ts";
import { registerMetrics, registerPartLoader } from "./registry.ts";

export {
  ALWAYS,
  applyFigureDeltas,
  type FigureDelta,
  FOLD_GRAINS,
  figuresAt,
  figuresOfUnits,
  type Grain,
  moveSubtreeFigures,
  negate,
  pathIds,
  readPlan,
} from "./figures.ts";
export { ensureFiguresCurrent, figureSources, rebuildFigures } from "./rebuild.ts";
export {
  byPrefix,
  computeDefinitions,
  computeMetrics,
  type FigureSnapshot,
  flow,
  labelOf,
  loadPartNames,
  type MetricDefinition,
  metricDefinitions,
  metricsOverPeriods,
  rawFiguresRead,
  stock,
} from "./registry.ts";
export { unitFigures } from "./schema.ts";

const installed = new Set<string>();
/** Takes the modules' metrics, figure sources and part names, once per module (the composition root's order). */
export function installFigureModules(modules: readonly ModuleManifest[]) {
  for (const m of modules) {
    if (installed.has(m.name)) continue;
    installed.add(m.name);
    if (m.metrics) registerMetrics(m.metrics);
    if (m.figureSource) registerFigureSource({ name: m.name, ...m.figureSource });
    if (m.afterFiguresRebuilt) registerAfterFiguresRebuilt(m.afterFiguresRebuilt);
    for (const [vocabulary, load] of Object.entries(m.partNames ?? {}))
      if (load) registerPartLoader(vocabulary as keyof NonNullable<ModuleManifest["partNames"]>, load);
  }
}
