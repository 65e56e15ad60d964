// What a module declares (features/<module>/module.ts), read by the composition root
// (server/src/modules.ts): nothing registers itself by being imported.
import type { Executor } from "../db/client.ts";
import type { Message } from "./errors.ts";
import type { FigureSource, MetricDefinition, PartVocabulary } from "./figures.ts";
import type { App } from "./http.ts";

export interface ModuleManifest {
  /** The folder's name. */
  name: string;
  /** Its routes, registered under /api in the order of the composition root. */
  routes?: ((app: App) => void)[];
  /** The metrics it derives from the figures (statistics, reports, dashboards). */
  metrics?: MetricDefinition[];
  /** The contributions of its records to the figures (rebuilt when `version` is raised). */
  figureSource?: Omit<FigureSource, "name">;
  /** After the figures are rebuilt from every record: counters of its own kept from the records. */
  afterFiguresRebuilt?: (tx: Executor) => Promise<void>;
  /** The names of the codes of a vocabulary it owns, for breakdown labels (read at start). */
  partNames?: Partial<Record<PartVocabulary, (db: Executor) => Promise<Map<string, Message>>>>;
}
