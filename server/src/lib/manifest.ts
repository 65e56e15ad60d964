// What a module declares (features/<module>/module.ts), read by the composition root
// (server/src/modules.ts): nothing registers itself by being imported.
import type { Db, Executor } from "../db/client.ts";
import type { Ctx } from "./auth/actor.ts";
import type { Capability } from "./capabilities.ts";
import type { Message } from "./errors.ts";
import type { FigureSource, MetricDefinition, PartVocabulary } from "./figures.ts";
import type { App } from "./http.ts";
import type { JobDefinition } from "./jobs.ts";

/** A unit as the reorganisation hooks see it. */
export interface ReorganisedUnit {
  id: string;
  path: string;
}

/** Members moving from a unit into another on day `on` (a merge, a split). */
export interface MoveMembers {
  from: ReorganisedUnit;
  to: ReorganisedUnit;
  on: string;
  reason: string;
  personIds?: readonly string[];
}

/**
 * What a module does when the tree is reorganised (units' move, merge, split, dissolve), in the
 * reorganisation's transaction: the units module knows the tree, each module what it holds in it.
 */
export interface ReorganisationHooks {
  /** A subtree moved under another parent: paths from `oldPath` to `newPath`, depths shifted. */
  subtreeMoved?: (
    tx: Executor,
    input: { oldPath: string; newPath: string; depthShift: number },
  ) => Promise<void>;
  /** A unit closed (merged into `successor`, split, dissolved) on day `on`. */
  unitClosed?: (
    tx: Executor,
    ctx: Ctx,
    input: { unit: ReorganisedUnit; successor: ReorganisedUnit | null; on: string },
  ) => Promise<void>;
  /** Moves the active members of `from` (all, or those of `personIds`) into `to`: how many moved. */
  moveMembers?: (tx: Executor, ctx: Ctx, input: MoveMembers) => Promise<number>;
  /** How many active members the subtrees of `paths` hold (what a reorganisation would move). */
  membersIn?: (tx: Executor, paths: readonly string[]) => Promise<number>;
}

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
  /** Its part of the daily run (once a day, on one instance, after the reminders). */
  daily?: (input: {
    db: Db;
    today: string;
    log: (message: string, error?: unknown) => void;
  }) => Promise<void>;
  /** Its background work: named handlers the job queue runs on any instance (lib/jobs.ts). */
  jobs?: JobDefinition[];
  /** What it does when the tree is reorganised. */
  onReorganise?: ReorganisationHooks;
  /** What a user may open or start in it, from its policy: sent as `<name>.<key>` in /api/auth/me. */
  capabilities?: Record<string, Capability>;
}
