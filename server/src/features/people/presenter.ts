import type { Actor } from "../../lib/auth/actor.ts";
import { allowedActions } from "../../lib/policy.ts";
import { personPolicy } from "./policy.ts";
import type { PersonRow } from "./schema.ts";

export function presentPerson(actor: Actor, row: { person: PersonRow; unitName: string; unitPath: string }) {
  const p = row.person;
  return {
    id: p.id,
    fullName: p.fullName,
    givenName: p.givenName,
    gender: p.gender,
    birthDate: p.birthDate,
    joinedOn: p.joinedOn,
    officialOn: p.officialOn,
    position: p.position,
    unitId: p.unitId,
    unitName: row.unitName,
    status: p.status,
    statusOn: p.statusOn,
    phone: p.phone,
    email: p.email,
    version: p.version,
    allowedActions: allowedActions(actor, personPolicy, {
      id: p.id,
      status: p.status,
      unitPath: row.unitPath,
    }),
  };
}
