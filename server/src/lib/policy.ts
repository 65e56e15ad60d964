import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { Actor } from "./auth/actor.ts";
import { AppError } from "./errors.ts";

/**
 * Visibility classes (STYLE.md): who may read a module's objects.
 * - own-subtree: a unit's private records, only within the subtree of the caller's unit;
 * - published-down: issued by an upper unit, readable by its whole subtree (and by its ancestors);
 * - shared: readable across the whole tree;
 * - self: the caller's own account objects (sessions, tokens, preferences);
 * - public: no login.
 */
export type Visibility = "public" | "self" | "own-subtree" | "published-down" | "shared";

/** Every object a policy judges carries the path of the unit it belongs to. */
export interface Scoped {
  unitPath: string;
}

export type Rule<O> = (actor: Actor, object: O) => boolean;

export interface Policy<O extends Scoped, A extends string> {
  entity: string;
  visibility: Exclude<Visibility, "public">;
  /** Read access beyond visibility (e.g. members reading only themselves). */
  read: Rule<O>;
  actions: Record<A, Rule<O>>;
}

export function definePolicy<O extends Scoped, A extends string>(policy: Policy<O, A>): Policy<O, A> {
  return policy;
}

export const inSubtree = (actor: Actor, unitPath: string) => unitPath.startsWith(actor.unitPath);
const isAncestorOrSelf = (actor: Actor, unitPath: string) => actor.unitPath.startsWith(unitPath);

function visible(actor: Actor, visibility: Policy<Scoped, string>["visibility"], object: Scoped): boolean {
  switch (visibility) {
    case "shared":
      return true;
    case "published-down":
      return inSubtree(actor, object.unitPath) || isAncestorOrSelf(actor, object.unitPath);
    default:
      return inSubtree(actor, object.unitPath);
  }
}

export function canRead<O extends Scoped>(actor: Actor, policy: Policy<O, string>, object: O): boolean {
  return visible(actor, policy.visibility, object) && policy.read(actor, object);
}

/**
 * May the actor do `action` to `object`? Outside what the actor may see → 404 (never reveal);
 * visible but not allowed → 403. Writes always require the object inside the actor's subtree.
 */
export function authorize<O extends Scoped, A extends string>(
  actor: Actor,
  policy: Policy<O, A>,
  action: A | "read",
  object: O,
): void {
  if (!canRead(actor, policy, object)) throw new AppError("NOT_FOUND");
  if (action === "read") return;
  if (!inSubtree(actor, object.unitPath) || !policy.actions[action](actor, object))
    throw new AppError("FORBIDDEN");
}

/** The actions the UI may offer on this object (STYLE rule 4). */
export function allowedActions<O extends Scoped, A extends string>(
  actor: Actor,
  policy: Policy<O, A>,
  object: O,
): A[] {
  return (Object.keys(policy.actions) as A[]).filter(
    (action) => inSubtree(actor, object.unitPath) && policy.actions[action](actor, object),
  );
}

/** The SQL condition restricting a list to what the actor may see, by the unit path column. */
export function scopeFilter(
  actor: Actor,
  visibility: Policy<Scoped, string>["visibility"],
  unitPath: AnyColumn,
): SQL {
  const subtree = sql`${unitPath} like ${`${actor.unitPath}%`}`;
  switch (visibility) {
    case "shared":
      return sql`true`;
    case "published-down":
      return sql`(${subtree} or ${actor.unitPath} like ${unitPath} || '%')`;
    default:
      return subtree;
  }
}

/** Role ranks: who may manage whom. */
const rank = { admin: 4, officer: 3, leader: 2, secretary: 1, member: 0 } as const;
export const outranksOrEquals = (a: keyof typeof rank, b: keyof typeof rank) => rank[a] >= rank[b];
