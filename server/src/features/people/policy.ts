import { eq, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../lib/auth/actor.ts";
import type { Role } from "../../lib/auth/roles.ts";
import { definePolicy } from "../../lib/policy.ts";
import { people } from "./schema.ts";

export interface PersonObject {
  id: string;
  unitPath: string;
  status: string;
}

const readers = new Set<Role>(["admin", "officer", "leader", "secretary"]);
/** Admins and officers keep the registry of their subtree; a cell secretary that of the cell. */
const keepers = new Set<Role>(["admin", "officer", "secretary"]);

export const personPolicy = definePolicy<PersonObject, "update" | "transfer">({
  entity: "person",
  visibility: "own-subtree",
  read: (actor, person) => readers.has(actor.role) || person.id === actor.personId,
  actions: {
    update: (actor) => keepers.has(actor.role),
    transfer: (actor, person) => keepers.has(actor.role) && person.status === "active",
  },
});

/** The SQL twin of `personPolicy.read` beyond the subtree: a member sees only their own record. */
export function personReadWhere(actor: Actor): SQL {
  return readers.has(actor.role) ? sql`true` : actor.personId ? eq(people.id, actor.personId) : sql`false`;
}

export const mayAddPeople = (actor: Actor) => keepers.has(actor.role);

/** The registry's pages: those who read others' records (a member reads only their own). */
export const mayListPeople = (actor: Actor) => readers.has(actor.role);
