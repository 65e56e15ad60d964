// The reorganisation's calls into the modules that hold something in the tree (their manifests'
// onReorganise, installed by the composition root): units moves and closes the units, each module
// what it holds of them — people their members, reports their counters and open reports.
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import type {
  ModuleManifest,
  MoveMembers,
  ReorganisationHooks,
  ReorganisedUnit,
} from "../../lib/manifest.ts";

const hooks: ReorganisationHooks[] = [];
const installed = new Set<string>();

/** Takes the modules' reorganisation hooks, once per module. */
export function installReorganisation(modules: readonly ModuleManifest[]) {
  for (const m of modules) {
    if (installed.has(m.name) || !m.onReorganise) continue;
    installed.add(m.name);
    hooks.push(m.onReorganise);
  }
}

/** The hooks, refusing to go on with none: a merge would then leave members in a closed unit. */
function installedHooks() {
  if (!hooks.length)
    throw new Error(
      "units: no reorganisation hook installed (call installModules() from server/src/modules.ts first)",
    );
  return hooks;
}

export async function subtreeMoved(
  tx: Executor,
  input: { oldPath: string; newPath: string; depthShift: number },
) {
  for (const h of installedHooks()) await h.subtreeMoved?.(tx, input);
}

export async function unitClosed(
  tx: Executor,
  ctx: Ctx,
  input: { unit: ReorganisedUnit; successor: ReorganisedUnit | null; on: string },
) {
  for (const h of installedHooks()) await h.unitClosed?.(tx, ctx, input);
}

export async function moveMembers(tx: Executor, ctx: Ctx, input: MoveMembers) {
  let moved = 0;
  for (const h of installedHooks()) moved += (await h.moveMembers?.(tx, ctx, input)) ?? 0;
  return moved;
}

export async function membersIn(tx: Executor, paths: readonly string[]) {
  let n = 0;
  for (const h of installedHooks()) n += (await h.membersIn?.(tx, paths)) ?? 0;
  return n;
}
