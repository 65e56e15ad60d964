// What the signed-in user may open or start, named for the web app (GET /api/auth/me): each
// module's manifest declares its capabilities from its own policy (features/<module>/manifest.ts),
// the composition root installs them here (server/src/modules.ts), and the auth module's presenter
// reads them without knowing the modules.
import type { Actor } from "./auth/actor.ts";

/** A capability: may the actor do this anywhere in their subtree (a page, a button)? */
export type Capability = (actor: Actor) => boolean;

let installed: ReadonlyMap<string, Capability> = new Map();

/** The modules' capabilities, each named `<module>.<name>` (idempotent: the last call wins). */
export function installCapabilities(
  modules: readonly { name: string; capabilities?: Record<string, Capability> }[],
): void {
  const all = new Map<string, Capability>();
  for (const module of modules) {
    for (const [name, capability] of Object.entries(module.capabilities ?? {})) {
      all.set(`${module.name}.${name}`, capability);
    }
  }
  installed = all;
}

/** The names of the capabilities the actor holds, in the composition root's order. */
export function capabilitiesOf(actor: Actor): string[] {
  return [...installed].filter(([, capability]) => capability(actor)).map(([name]) => name);
}
