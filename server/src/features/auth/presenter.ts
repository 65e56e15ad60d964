import type { Actor } from "../../lib/auth/actor.ts";
import { capabilitiesOf } from "../../lib/capabilities.ts";
import type { MeUser } from "./contracts.ts";

export function presentMe(actor: Actor): MeUser {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    unitId: actor.unitId,
    unitName: actor.unitName,
    personId: actor.personId,
    mustChangePassword: actor.mustChangePassword,
    locale: actor.locale,
    capabilities: capabilitiesOf(actor),
  };
}
